/**
 * Tracks a media query for a host element and re-renders it when the answer changes. Used where
 * CSS alone cannot decide: the chat panel stops its floating positioning on narrow screens.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class MediaQueryController implements ReactiveController {
  /** Whether the query matches now. */
  matches = false;

  readonly #host: ReactiveControllerHost;
  readonly #query: string;
  #list: MediaQueryList | null = null;

  constructor(host: ReactiveControllerHost, query: string) {
    this.#host = host;
    this.#query = query;
    host.addController(this);
  }

  readonly #handleChange = (event: MediaQueryListEvent): void => {
    this.matches = event.matches;
    this.#host.requestUpdate();
  };

  hostConnected(): void {
    this.#list = window.matchMedia(this.#query);
    this.matches = this.#list.matches;
    this.#list.addEventListener('change', this.#handleChange);
  }

  hostDisconnected(): void {
    this.#list?.removeEventListener('change', this.#handleChange);
    this.#list = null;
  }
}
