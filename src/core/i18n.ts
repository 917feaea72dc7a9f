/**
 * Translation catalogues and locale choice.
 *
 * Invariant: every catalogue has an English entry for every key (the type enforces it), other
 * locales may lack keys and fall back to English, so a missing translation shows English text,
 * never a key name or `undefined`.
 */

export type Catalogue<K extends string> = {
  en: Record<K, string>;
} & Partial<Record<string, Partial<Record<K, string>>>>;

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * Picks the best locale that `available` offers for the wanted tags, in order of preference
 * (`fr-CA` matches `fr`); English when none does.
 */
export function resolveLocale(wanted: readonly (string | null | undefined)[], available: readonly string[]): string {
  for (const tag of wanted) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const exact = available.find((a) => a.toLowerCase() === lower);
    if (exact) return exact;
    const base = lower.split('-')[0];
    const partial = available.find((a) => a.toLowerCase() === base);
    if (partial) return partial;
  }
  return 'en';
}

/** A translator for one locale; `{name}` placeholders are replaced from `params`. */
export function translator<K extends string>(catalogue: Catalogue<K>, locale: string): Translate<K> {
  const strings: Partial<Record<K, string>> = catalogue[locale] ?? {};
  return (key, params) => {
    const template = strings[key] ?? catalogue.en[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole: string, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  };
}

/**
 * Picks the singular or plural key for `count` by the locale's plural rules (`.one` / `.other`;
 * rules a catalogue has no key for fall back to `.other`), because French counts 0 and 1 as
 * singular and English does not.
 */
export function plural<K extends string>(locale: string, count: number, one: K, other: K): K {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}

/** Locales that a catalogue covers. */
export function localesOf(catalogue: Catalogue<string>): string[] {
  return Object.keys(catalogue);
}
