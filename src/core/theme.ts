/**
 * Chat profile → theme tokens (`--parley-*` custom properties), pure and framework-free.
 *
 * Invariant: every token value is produced here from a validated profile field (a `#rrggbb`
 * colour, an integer in range, a choice from a fixed list) and never copied from free text, so
 * nothing in a profile can break out of its CSS declaration (SPEC §6). docs/chat-profile.md has
 * the table of tokens.
 */
import type { ChatProfile, ProfileFont, ProfilePalette } from '../protocol/index.js';
import { contrastRatio } from './contrast.js';
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

/** Base spacing unit per density, px. */
const SPACING = { compact: 6, comfortable: 8, spacious: 11 } as const;

/** Tokens of one palette: the four colours, and a focus ring visible on the surface (3:1). */
function paletteTokens(p: ProfilePalette): ThemeTokens {
  const focus = contrastRatio(p.brand, p.surface) >= 3 ? p.brand : p.text;
  return {
    '--parley-color-brand': p.brand,
    '--parley-color-on-brand': p.onBrand,
    '--parley-color-surface': p.surface,
    '--parley-color-text': p.text,
    '--parley-color-focus': focus,
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
  const { profile } = validateProfile(input);
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
