import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Result, Transcript } from '../../core/agent-session.js';
import { consoleCatalogue, type ConsoleKey } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import type { ChatMessage } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { AgentHtmlCache, eventText, messageStyles, messageTime } from './messages.js';
import { styles } from './parley-agent-transcript.styles.js';

/** How a read-only transcript is fetched: the console passes its session's `transcript`. */
export type TranscriptLoader = (conversationId: string) => Promise<Result<Transcript>>;

type Loaded = { status: 'idle' } | { status: 'loading' } | { status: 'failed' } | { status: 'loaded'; messages: ChatMessage[] };

/**
 * A read-only transcript of one interaction of a session: the chat a request came from, or
 * another interaction the agent may read. Messages are drawn exactly as in the conversation on
 * screen (shared `messages.ts`): customer text as text, agent text through the strict sanitizer.
 *
 * It loads when it has both a `conversation-id` and a `loader`, and again when either changes;
 * while it loads it says so, and a failure shows with Retry. The log is `role="log"` with
 * `aria-live="off"`: it is history, read at the agent's pace, never announced.
 *
 * @tagname parley-agent-transcript
 *
 * @csspart transcript - The message log.
 * @csspart message - Each message.
 * @cssprop --parley-transcript-max-height - Height above which the log scrolls (default 20rem).
 */
export class ParleyAgentTranscript extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${messageStyles}${styles}`;

  /** The interaction whose messages to show. */
  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** Fetches the transcript (the console passes its session's). */
  @property({ attribute: false }) loader: TranscriptLoader | null = null;
  /** Accessible name of the log, e.g. "Transcript: Original conversation". */
  @property() label = '';
  /** Locale of the texts (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';

  @state() private loaded: Loaded = { status: 'idle' };

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  #formatTime = messageTime('en');
  readonly #agentHtml = new AgentHtmlCache();
  /** Counts loads, so only the answer to the latest one is shown. */
  #generation = 0;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      const locale = resolveLocale([this.locale], Object.keys(consoleCatalogue));
      this.#t = translator(consoleCatalogue, locale);
      this.#formatTime = messageTime(locale);
    }
    if (changed.has('conversationId') || changed.has('loader')) {
      if (changed.has('conversationId')) this.#agentHtml.clear();
      this.#load();
    }
  }

  /** The messages shown (empty until loaded). */
  get messages(): readonly ChatMessage[] {
    return this.loaded.status === 'loaded' ? this.loaded.messages : [];
  }

  private handleRetry(): void {
    this.#load();
  }

  #load(): void {
    const id = this.conversationId;
    const loader = this.loader;
    const generation = ++this.#generation;
    if (!id || !loader) {
      this.loaded = { status: 'idle' };
      return;
    }
    this.loaded = { status: 'loading' };
    void loader(id).then(
      (result) => {
        if (generation !== this.#generation) return;
        this.loaded = result.ok ? { status: 'loaded', messages: result.value.messages } : { status: 'failed' };
      },
      () => {
        if (generation === this.#generation) this.loaded = { status: 'failed' };
      },
    );
  }

  protected override render() {
    const t = this.#t;
    const loaded = this.loaded;
    switch (loaded.status) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<div class="root"><p class="note" role="status">${t('transcriptLoading')}</p></div>`;
      case 'failed':
        return html`<div class="root">
          <p class="note error" role="alert">${t('transcriptFailed')}</p>
          <button type="button" @click=${this.handleRetry}>${t('retry')}</button>
        </div>`;
      case 'loaded':
        return html`<div class="root">
          ${loaded.messages.length
            ? html`<div class="log" role="log" aria-live="off" tabindex="0" part="transcript" aria-label=${this.label || nothing}>
                ${repeat(
                  loaded.messages,
                  (m) => m.id,
                  (m) => this.renderMessage(m),
                )}
              </div>`
            : html`<p class="note muted">${t('transcriptEmpty')}</p>`}
        </div>`;
    }
  }

  private renderMessage(message: ChatMessage) {
    if (message.author === 'system') {
      return html`<p class="event" part="message" data-seq=${message.seq}>${eventText(this.#t, message)}</p>`;
    }
    const agent = message.author === 'agent';
    const name = message.authorName || this.#t(agent ? 'you' : 'visitor');
    return html`
      <div class="message ${agent ? 'agent' : 'customer'}" part="message" data-seq=${message.seq}>
        <p class="meta">
          <span class="author">${name}</span>
          <time datetime=${message.sentAt}>${this.#formatTime(message.sentAt)}</time>
        </p>
        ${agent ? this.#agentHtml.body(message.clientId, message.text) : html`<div class="body">${message.text}</div>`}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-transcript': ParleyAgentTranscript;
  }
}
