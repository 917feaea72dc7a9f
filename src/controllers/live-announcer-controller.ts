/**
 * One polite live region per widget, fed with short texts (new agent messages, queue and
 * connection changes).
 *
 * Why not `aria-live` on the message list: a screen reader then reads whatever the DOM diff
 * produced, in DOM-mutation order, including re-renders and pending-to-stored swaps. Announcing
 * from a separate region, after core has ordered the messages, says each thing once and in order
 * (Bot Framework Web Chat, docs/ACCESSIBILITY.md, makes the same choice).
 *
 * Each announcement is appended as its own node (so two identical texts are both read) and
 * removed a few seconds later, so the region never grows and a reader's virtual cursor never
 * finds a pile of stale texts.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

/** How long an announcement stays in the region; long enough for a reader to pick it up. */
const KEEP_MS = 7000;

export class LiveAnnouncerController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #items: { id: number; text: string }[] = [];
  #nextId = 1;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Queues `text` for assistive technology. Empty texts are ignored. */
  announce(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    const id = this.#nextId++;
    this.#items = [...this.#items, { id, text: trimmed }];
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#items = this.#items.filter((item) => item.id !== id);
      this.#host.requestUpdate();
    }, KEEP_MS);
    this.#timers.add(timer);
    this.#host.requestUpdate();
  }

  /** Texts currently in the region, oldest first. */
  get texts(): string[] {
    return this.#items.map((item) => item.text);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#items = [];
  }

  /**
   * The region itself. Render it from the first render on and keep it rendered: a live region
   * inserted together with its text is not announced by most screen readers.
   */
  render(className = 'visually-hidden'): TemplateResult {
    return html`<div class=${className} aria-live="polite" aria-atomic="false" aria-relevant="additions text">
      ${repeat(
        this.#items,
        (item) => item.id,
        (item) => html`<p>${item.text}</p>`,
      )}
    </div>`;
  }
}
