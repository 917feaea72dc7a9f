/**
 * Keeps a full-screen panel inside the part of the screen the visitor can see.
 *
 * On phones the on-screen keyboard shrinks the visual viewport but not the layout viewport that
 * `position: fixed; inset: 0` follows, so a full-screen panel would keep its composer under the
 * keyboard. This controller copies the visual viewport's height and offset into two private
 * custom properties on the target element (`--_parley-viewport-height`, `--_parley-viewport-top`),
 * which the full-screen styles use. It listens only while the host is connected.
 * See https://developer.mozilla.org/docs/Web/API/VisualViewport.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class VisualViewportController implements ReactiveController {
  readonly #target: () => HTMLElement | null | undefined;

  constructor(host: ReactiveControllerHost, target: () => HTMLElement | null | undefined) {
    this.#target = target;
    host.addController(this);
  }

  readonly #sync = (): void => {
    const viewport = window.visualViewport;
    const el = this.#target();
    if (!viewport || !el) return;
    el.style.setProperty('--_parley-viewport-height', `${viewport.height}px`);
    el.style.setProperty('--_parley-viewport-top', `${viewport.offsetTop}px`);
  };

  hostConnected(): void {
    window.visualViewport?.addEventListener('resize', this.#sync);
    window.visualViewport?.addEventListener('scroll', this.#sync);
  }

  hostUpdated(): void {
    // The panel may have just been rendered (first open).
    this.#sync();
  }

  hostDisconnected(): void {
    window.visualViewport?.removeEventListener('resize', this.#sync);
    window.visualViewport?.removeEventListener('scroll', this.#sync);
  }
}
