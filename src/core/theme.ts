/**
 * Chat profile → theme tokens (`--parley-*` custom properties), pure and framework-free.
 *
 * Invariant: every token value is produced here from a parsed value (a validated `#rrggbb`
 * colour), never copied from the profile, so nothing in a profile can break out of its CSS
 * declaration (SPEC §6); text colours chosen here reach WCAG AA (4.5:1) on the brand colour.
 */
import type { ChatProfile } from '../protocol/index.js';
import { DEFAULT_PROFILE } from './profile.js';
import { checkHexColor } from './validators.js';

const DEFAULT_BRAND = DEFAULT_PROFILE.brandColor;

export type ThemeTokens = Record<`--parley-${string}`, string>;

const NEAR_BLACK = '#111111';
const WHITE = '#ffffff';

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The system tokens a profile sets: its brand colour (validated, else the default), the text
 * colour that reads best on it (white or near-black, whichever contrasts more; black when only
 * black reaches WCAG AA's 4.5:1), and a focus-ring
 * colour that keeps 3:1 against a light surface (WCAG 2.4.13 / 1.4.11).
 */
export function profileToTokens(profile: Pick<ChatProfile, 'brandColor'>): ThemeTokens {
  const checked = checkHexColor(profile.brandColor, 'brandColor');
  const brand = checked.ok ? checked.value : DEFAULT_BRAND;
  let onBrand = contrastRatio(brand, WHITE) >= contrastRatio(brand, NEAR_BLACK) ? WHITE : NEAR_BLACK;
  // Mid-tones (luminance around 0.18) reach 4.5:1 only against pure black.
  if (contrastRatio(brand, onBrand) < 4.5) onBrand = '#000000';
  const focus = contrastRatio(brand, WHITE) >= 3 ? brand : '#1f1f1f';
  return {
    '--parley-color-brand': brand,
    '--parley-color-on-brand': onBrand,
    '--parley-color-focus': focus,
  };
}
