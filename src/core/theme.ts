/**
 * Chat profile → theme tokens (`--parley-*` custom properties), pure and framework-free.
 *
 * Invariant: every token value is produced here from a validated profile field (a `#rrggbb`
 * colour, an integer in range, a choice from a fixed list) and never copied from free text, so
 * nothing in a profile can break out of its CSS declaration (SPEC §6). docs/chat-profile.md has
 * the table of tokens.
 */
import type { ChatProfile, ProfileFont, ProfilePalette } from '../protocol/index.js';
import { contrastRatio, luminance } from './contrast.js';
import { validateProfile } from './profile.js';

export { contrastRatio } from './contrast.js';

export type ThemeTokens = Record<`--parley-${string}`, string>;

/** Font stacks behind the profile's font choices; only these ever reach CSS. */
export const FONT_STACKS: Readonly<Record<ProfileFont, string>> = {
  inherit: 'inherit',
  system: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  sans: "'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  serif: "Georgia, 'Times New Roman', 'Liberation Serif', serif",
  rounded: "ui-rounded, 'SF Pro Rounded', Nunito, system-ui, sans-serif",
  mono: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
};

/** WCAG 2.2 contrast levels for normal text. */
const AA = 4.5;
const AAA = 7;

/** Base spacing unit per density, px. */
const SPACING = { compact: 6, comfortable: 8, spacious: 11 } as const;

/**
 * Tokens of one palette: the four colours, a focus ring visible on the surface (3:1), and the
 * colours derived from them (`derivedTokens`).
 */
function paletteTokens(p: ProfilePalette): ThemeTokens {
  const focus = contrastRatio(p.brand, p.surface) >= 3 ? p.brand : p.text;
  return {
    '--parley-color-brand': p.brand,
    '--parley-color-on-brand': p.onBrand,
    '--parley-color-surface': p.surface,
    '--parley-color-text': p.text,
    '--parley-color-focus': focus,
    ...derivedTokens(p),
  };
}

export interface ProfileTokens {
  /** Which palette applies: `auto` means `light` unless `prefers-color-scheme: dark`. */
  mode: ChatProfile['theme']['mode'];
  /** Tokens that do not depend on the palette. */
  common: ThemeTokens;
  light: ThemeTokens;
  dark: ThemeTokens;
}

/**
 * The tokens a profile sets. Takes any input: it is validated first, so a bad field yields its
 * default token rather than its text.
 */
export function profileToTokens(input: unknown): ProfileTokens {
  return validatedProfileTokens(validateProfile(input).profile);
}

/**
 * The tokens of a profile already validated (by `validateProfile`, here or on the server that
 * served it): what `profileToTokens` returns, without validating again. The script tag's loader
 * uses it on the server's answer, to stay small; a profile that is not one throws.
 */
export function validatedProfileTokens(profile: ChatProfile): ProfileTokens {
  const t = profile.theme;
  return {
    mode: t.mode,
    common: {
      '--parley-font-family': FONT_STACKS[t.font],
      '--parley-radius': `${t.radius}px`,
      '--parley-spacing': `${SPACING[t.density]}px`,
      '--parley-panel-width': `${t.panelWidth}px`,
      '--parley-panel-height': `${t.panelHeight}px`,
      '--parley-z-index': String(t.zIndex),
      '--parley-launcher-offset-x': `${profile.launcher.offsetX}px`,
      '--parley-launcher-offset-y': `${profile.launcher.offsetY}px`,
    },
    light: paletteTokens(t.light),
    dark: paletteTokens(t.dark),
  };
}

/**
 * The tokens as one CSS rule body for `selector`, with the dark palette under a
 * `prefers-color-scheme` query when the mode is `auto`. Safe to put in a stylesheet: every value
 * comes from the validated profile (see the invariant above).
 */
export function tokensToCss(tokens: ProfileTokens, selector: string): string {
  const decl = (set: ThemeTokens) => Object.entries(set).map(([k, v]) => `${k}: ${v};`).join(' ');
  const main = tokens.mode === 'dark' ? tokens.dark : tokens.light;
  let css = `${selector} { ${decl(tokens.common)} ${decl(main)} }`;
  if (tokens.mode === 'auto') css += ` @media (prefers-color-scheme: dark) { ${selector} { ${decl(tokens.dark)} } }`;
  return css;
}

/**
 * Colours derived from one palette. Besides the profile's four colours the widget needs a few
 * related ones (secondary text, agent bubbles, control borders, errors); they are derived so that
 * they keep the palette's own level on its surface whatever colours a marketer chose: WCAG 2.2 AA
 * (text 4.5:1, borders 3:1 per 1.4.11), or AAA (text 7:1) when the palette's own text pairs reach
 * 7:1, as the high-contrast preset does. Fixed defaults could not promise that. Every value is a
 * `#rrggbb` computed from validated colours, or a fixed keyword, so nothing free-form reaches CSS.
 */
export function derivedTokens(p: ProfilePalette): ThemeTokens {
  const { surface, text } = p;
  const target = Math.min(contrastRatio(text, surface), contrastRatio(p.onBrand, p.brand)) >= AAA ? AAA : AA;
  // As muted as the target allows on the surface, up to 40 % of the way to the surface colour.
  const muted = firstOf([0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05], (t) => mix(text, surface, t), (c) => contrastRatio(c, surface) >= target) ?? text;
  // Agent bubbles: a tint of the surface that still keeps the text at the target.
  const alt = firstOf([0.08, 0.06, 0.04, 0.02], (t) => mix(surface, text, t), (c) => contrastRatio(text, c) >= target) ?? surface;
  // Borders of form controls: the lightest mix that reaches 3:1 against the surface.
  const border = firstOf([0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8], (t) => mix(surface, text, t), (c) => contrastRatio(c, surface) >= 3) ?? text;
  const error = ['#b3261e', '#8c1d18', '#f2b8b5', '#ffdad6'].find((c) => contrastRatio(c, surface) >= target) ?? text;
  return {
    '--parley-color-surface-alt': alt,
    '--parley-color-muted': muted,
    '--parley-color-border': border,
    '--parley-color-error': error,
    // Native controls (scrollbars, select menus, checkboxes) follow the palette, not the page.
    '--parley-color-scheme': luminance(surface) < 0.18 ? 'dark' : 'light',
  };
}

function firstOf<T>(steps: number[], make: (t: number) => T, ok: (value: T) => boolean): T | undefined {
  for (const t of steps) {
    const value = make(t);
    if (ok(value)) return value;
  }
  return undefined;
}

/** `a` moved `t` (0–1) of the way to `b`, in sRGB, as `#rrggbb`. */
function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number): number => parseInt(hex.slice(i, i + 2), 16);
  let out = '#';
  for (const i of [1, 3, 5]) {
    const v = Math.round(channel(a, i) * (1 - t) + channel(b, i) * t);
    out += v.toString(16).padStart(2, '0');
  }
  return out;
}
