/**
 * Whether a chat should go full screen: its viewport is at most `maxWidth` CSS pixels wide, or —
 * when the host says it lays out inside its own box (the studio preview) — the host is.
 *
 * Why one controller instead of a CSS media query: the element needs the same answer in script
 * (the panel is a modal dialog full screen) and in CSS; the controller
 * computes it once and the element reflects it into its template, so the two never disagree.
 * The host's width comes from a ResizeObserver, because a preview is resized by its container,
 * not by the viewport. Both listeners live only while the host is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface NarrowControllerOptions {
  maxWidth: number;
  /** Whether to measure the host instead of the viewport; read on every host update. */
  byHost: () => boolean;
}

export class NarrowController implements ReactiveController {
  /** Whether the chat should fill its space. */
  matches = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: NarrowControllerOptions;
  #list: MediaQueryList | null = null;
  #observer: ResizeObserver | null = null;
  #hostWidth = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: NarrowControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  readonly #handleChange = (): void => {
    if (this.#compute() !== this.matches) this.#host.requestUpdate();
  };

  hostConnected(): void {
    this.#list = window.matchMedia(`(max-width: ${this.#options.maxWidth}px)`);
    this.#list.addEventListener('change', this.#handleChange);
    this.#observer = new ResizeObserver((entries) => {
      this.#hostWidth = entries.at(-1)?.contentRect.width ?? 0;
      this.#handleChange();
    });
    this.#observer.observe(this.#host);
    this.matches = this.#compute();
  }

  hostUpdate(): void {
    this.matches = this.#compute();
  }

  hostDisconnected(): void {
    this.#list?.removeEventListener('change', this.#handleChange);
    this.#list = null;
    this.#observer?.disconnect();
    this.#observer = null;
  }

  #compute(): boolean {
    if (this.#options.byHost()) return this.#hostWidth > 0 && this.#hostWidth <= this.#options.maxWidth;
    return this.#list?.matches ?? false;
  }
}
