/**
 * Applies a chat profile's theme to a host element: the `--parley-*` tokens of core's
 * `validatedProfileTokens`, written by `tokensToCss` into one constructed stylesheet adopted by the
 * host's shadow root.
 *
 * Why a `:host` rule in the shadow root, and not inline styles: for normal declarations the page's
 * own rules on the element beat `:host` rules from inside (CSS Cascade 5, "context"), so a website
 * owner can still override any token from page CSS — inline styles would beat the page instead.
 * One sheet per host, so two chats on a page never share tokens.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import { tokensToCss, validatedProfileTokens } from '../core/theme.js';
import type { ChatProfile } from '../protocol/index.js';

export type ColorScheme = 'light' | 'dark';

export interface ThemeControllerOptions {
  /** The validated profile to apply, or null for none (the element's own defaults). */
  profile: () => ChatProfile | null;
  /** Forces the light or dark palette of an `auto` profile; null follows `prefers-color-scheme`. */
  scheme: () => ColorScheme | null;
}

export class ThemeController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #options: ThemeControllerOptions;
  #sheet: CSSStyleSheet | null = null;
  #applied: { profile: ChatProfile | null; scheme: ColorScheme | null } | null = null;

  constructor(host: ReactiveElement, options: ThemeControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The CSS currently applied (empty before a profile). */
  get cssText(): string {
    return this.#sheet ? [...this.#sheet.cssRules].map((r) => r.cssText).join('\n') : '';
  }

  hostUpdate(): void {
    const profile = this.#options.profile();
    const scheme = this.#options.scheme();
    if (this.#applied && this.#applied.profile === profile && this.#applied.scheme === scheme) return;
    this.#applied = { profile, scheme };
    const root = this.#host.renderRoot;
    if (!(root instanceof ShadowRoot)) return;
    if (!this.#sheet) {
      this.#sheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [this.#sheet, ...root.adoptedStyleSheets];
    }
    this.#sheet.replaceSync(profile ? themeCss(profile, scheme) : '');
  }
}

/**
 * The stylesheet text of a validated profile's theme on `:host`, with `scheme` forcing an `auto`
 * profile's palette.
 */
export function themeCss(profile: ChatProfile, scheme: ColorScheme | null): string {
  const tokens = validatedProfileTokens(profile);
  return tokensToCss(
    {
      mode: tokens.mode === 'auto' && scheme ? scheme : tokens.mode,
      common: tokens.common,
      light: tokens.light,
      dark: tokens.dark,
    },
    ':host',
  );
}
