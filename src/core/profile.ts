/**
 * Chat profiles: reading a stored or received profile document into a `ChatProfile` the widget
 * can trust. Invariant: the result always has every required field with a safe value — a bad or
 * missing field is replaced by its default and reported, never passed through.
 */
import type { ChatProfile } from '../protocol/index.js';
import { checkHexColor, cleanText, isRecord } from './validators.js';

export const DEFAULT_PROFILE: ChatProfile = {
  version: 1,
  title: 'Chat with us',
  greeting: 'Hello! How can we help?',
  brandColor: '#1a5fb4',
};

const MAX_TEXT = 500;

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = cleanText(value).trim();
  return t && t.length <= MAX_TEXT ? t : null;
}

/** Reads a profile document; `problems` lists the fields that fell back to defaults. */
export function readProfile(raw: unknown): { profile: ChatProfile; problems: string[] } {
  const problems: string[] = [];
  const src = isRecord(raw) ? raw : (problems.push('profile'), {});
  const pick = (field: 'title' | 'greeting'): string => {
    const value = text(src[field]);
    if (value === null) problems.push(field);
    return value ?? DEFAULT_PROFILE[field];
  };
  const color = checkHexColor(src.brandColor, 'brandColor');
  if (!color.ok) problems.push('brandColor');
  const profile: ChatProfile = {
    version: 1,
    title: pick('title'),
    greeting: pick('greeting'),
    brandColor: color.ok ? color.value : DEFAULT_PROFILE.brandColor,
  };
  const subtitle = text(src.subtitle);
  if (subtitle) profile.subtitle = subtitle;
  if (typeof src.locale === 'string' && /^[a-z]{2}(-[A-Za-z]{2})?$/.test(src.locale)) profile.locale = src.locale;
  if (isRecord(src.texts)) {
    const texts: NonNullable<ChatProfile['texts']> = {};
    for (const [locale, entry] of Object.entries(src.texts)) {
      if (!/^[a-z]{2}(-[A-Za-z]{2})?$/.test(locale) || !isRecord(entry)) continue;
      const out: Record<string, string> = {};
      for (const key of ['title', 'subtitle', 'greeting'] as const) {
        const value = text(entry[key]);
        if (value) out[key] = value;
      }
      texts[locale] = out;
    }
    profile.texts = texts;
  }
  return { profile, problems };
}

/** The profile's texts for one locale (per-locale overrides over the base texts). */
export function localizedTexts(profile: ChatProfile, locale: string): { title: string; subtitle?: string; greeting: string } {
  const o = profile.texts?.[locale] ?? profile.texts?.[locale.split('-')[0]] ?? {};
  const subtitle = o.subtitle ?? profile.subtitle;
  return { title: o.title ?? profile.title, greeting: o.greeting ?? profile.greeting, ...(subtitle ? { subtitle } : {}) };
}
