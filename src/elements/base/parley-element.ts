import { LitElement, unsafeCSS } from 'lit';
import { PARLEY_VERSION } from '../../core/version.js';
import { HOST_CSS } from './host-css.js';

// Stamped on every element class, to spot two different Parley builds on one page.
export { PARLEY_VERSION };

/**
 * Base class of every Parley element: shared host styles and a guarded `define`.
 *
 * Embeds do get loaded twice (a script tag plus an npm build, or two tags): defining a tag that
 * exists throws in every browser, so `define` skips a registered tag and warns only when the
 * registered one comes from another Parley version.
 */
export class ParleyElement extends LitElement {
  /** Version of the Parley build that defined this class. */
  static readonly version = PARLEY_VERSION;

  static override styles = unsafeCSS(HOST_CSS);

  /** Registers `tag` for this class unless a Parley element already holds it. */
  static define(tag: string, registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
    if (!existing) {
      registry.define(tag, this);
    } else if (existing.version !== this.version) {
      console.warn(`parley: <${tag}> is already defined by version ${existing.version ?? 'unknown'}; keeping it, not ${this.version}.`);
    }
  }
}
