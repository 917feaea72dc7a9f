import type { ChatProfile, ProfileLocale, ProfileTexts } from '../protocol/index.js';

/**
 * The texts of a profile for one locale: its translation over the base texts. In a module of its
 * own (re-exported by profile.ts) so that the script tag's loader can label the launcher without
 * the profile validator.
 */
export function localizedTexts(profile: ChatProfile, locale: string): ProfileTexts {
  const base = locale.toLowerCase().split('-')[0] as ProfileLocale;
  // Own keys only: a locale such as `constructor` must not find Object.prototype's members.
  const t: Partial<ProfileTexts> = (Object.prototype.hasOwnProperty.call(profile.translations, base) ? profile.translations[base] : undefined) ?? {};
  const out = { ...profile.texts };
  for (const key of Object.keys(t) as (keyof ProfileTexts)[]) {
    const text = t[key];
    if (text !== undefined && text !== '' && Object.prototype.hasOwnProperty.call(out, key)) out[key] = text;
  }
  return out;
}
