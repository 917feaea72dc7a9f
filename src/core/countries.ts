/**
 * The country field of the phone forms (the widget's callback and text forms, the console's
 * elevation form): every region the phone checks know, named in the reader's language, and the
 * region to start from.
 *
 * Invariants:
 * - The list holds exactly the regions of `COUNTRY_CALLING_CODES`, each once, sorted by name as
 *   the reader's language sorts them; it is built once per locale and shared, so it is never
 *   changed by its callers.
 * - Nothing here throws: a runtime without region names, or a tag `Intl` refuses, leaves the
 *   codes themselves, or no region.
 */
import { COUNTRY_CALLING_CODES } from './elevation.js';

export interface CountryOption {
  /** ISO 3166-1 alpha-2, upper case: what the forms send. */
  code: string;
  /** The region's name in the locale, else the code. */
  name: string;
  /** Calling code without `+`, e.g. `33`. */
  calling: string;
}

const lists = new Map<string, readonly CountryOption[]>();

/** Every region with numbers, named in `locale` (English where it has no name), sorted by name. */
export function countryOptions(locale: string): readonly CountryOption[] {
  const cached = lists.get(locale);
  if (cached) return cached;
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    // No region names in this runtime: the codes stand alone.
  }
  const nameOf = (code: string): string => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code; // a code this runtime does not know
    }
  };
  const collator = new Intl.Collator(locale);
  const list = [...COUNTRY_CALLING_CODES]
    .map(([code, calling]) => ({ code, name: nameOf(code), calling }))
    .sort((a, b) => collator.compare(a.name, b.name));
  lists.set(locale, list);
  return list;
}

/**
 * The region of the first tag that names one Parley can call (`fr-CA` → `CA`), else of the first
 * that implies one (`fr` → `FR`); empty when none does.
 */
export function regionOf(tags: readonly (string | null | undefined)[]): string {
  const locales = tags.flatMap((tag) => {
    try {
      return tag ? [new Intl.Locale(tag)] : [];
    } catch {
      return [];
    }
  });
  const explicit = locales.map((l) => l.region).find((r) => r && COUNTRY_CALLING_CODES.has(r));
  if (explicit) return explicit;
  const implied = locales.map((l) => l.maximize().region).find((r) => r && COUNTRY_CALLING_CODES.has(r));
  return implied ?? '';
}
