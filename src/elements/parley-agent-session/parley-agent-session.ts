import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consoleCatalogue, type ConsoleKey } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import type { Disposition, SessionInteraction, SessionView } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { channelName, icon, iconStyles } from '../parley-agent-console/channels.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { ParleyAgentTranscript, type TranscriptLoader } from '../parley-agent-transcript/parley-agent-transcript.js';
import { styles } from './parley-agent-session.styles.js';

/**
 * The omnichannel session of the interaction on screen (SPEC §1, seed 002): every interaction in
 * it, in the order they were created, each with its channel, reference and status — waiting, with
 * an agent (you, or who), in wrap-up, or closed with its disposition — and its transcript,
 * read-only, behind a disclosure. "Session complete" shows only once the server says every
 * interaction is closed; until then the panel says how many are still open.
 *
 * It renders what it is given (the console keeps the session fresh from `session` events); it
 * says nothing by itself: the console announces the session's completion once.
 *
 * @tagname parley-agent-session
 *
 * @csspart base - The panel.
 * @csspart summary - "Session complete", or how many interactions are still open.
 * @csspart interaction - Each interaction of the session.
 */
export class ParleyAgentSession extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${iconStyles}${styles}`;

  /** Registers this element and the transcript it renders. */
  static override define(tag = 'parley-agent-session', registry: CustomElementRegistry = customElements): void {
    ParleyAgentTranscript.define('parley-agent-transcript', registry);
    super.define(tag, registry);
  }

  /** The session, as the server last described it; null while it loads. */
  @property({ attribute: false }) session: SessionView | null = null;
  /** The interaction on screen. */
  @property({ attribute: 'current-id' }) currentId = '';
  /** Interactions the agent holds ("With you"). */
  @property({ attribute: false }) held: ReadonlySet<string> = new Set();
  /** The tenant's dispositions, to name the one each closed interaction got. */
  @property({ attribute: false }) dispositions: Disposition[] = [];
  /** Fetches a transcript (the console passes its session's). */
  @property({ attribute: false }) loader: TranscriptLoader | null = null;
  /** Locale of the texts (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';

  /** Interactions whose transcript disclosure is open. */
  @state() private openTranscripts: ReadonlySet<string> = new Set();

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  #locale = 'en';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      this.#locale = resolveLocale([this.locale], Object.keys(consoleCatalogue));
      this.#t = translator(consoleCatalogue, this.#locale);
    }
    if (changed.has('session') && (changed.get('session') as SessionView | null | undefined)?.id !== this.session?.id) {
      this.openTranscripts = new Set();
    }
  }

  private handleToggle(id: string, event: Event): void {
    const open = (event.target as HTMLDetailsElement).open;
    const next = new Set(this.openTranscripts);
    if (open) next.add(id);
    else next.delete(id);
    this.openTranscripts = next;
  }

  #status(i: SessionInteraction): string {
    const t = this.#t;
    const mine = this.held.has(i.id);
    // A name is missing only when the agent's account is gone.
    const agent = i.agentName || t('sessionAnotherAgent');
    switch (i.status) {
      case 'queued':
        return t('sessionWaiting');
      case 'active':
        return mine ? t('sessionWithYou') : t('sessionWith', { agent });
      case 'wrapup':
        return t('sessionWrapup', { agent: mine ? t('you') : agent });
      case 'closed': {
        if (!i.disposition) return t('sessionClosed');
        const label = this.dispositions.find((d) => d.code === i.disposition)?.label ?? i.disposition;
        return t('sessionClosedWith', { disposition: label });
      }
    }
  }

  protected override render() {
    const t = this.#t;
    const session = this.session;
    if (!session) {
      return html`<section class="root" part="base" aria-labelledby="session-heading">
        <h2 id="session-heading">${icon('session')}<span>${t('sessionHeading')}</span></h2>
        <p class="muted" role="status">${t('sessionLoading')}</p>
      </section>`;
    }
    const customer = session.customerName || t('visitor');
    const open = session.interactions.filter((i) => i.status !== 'closed').length;
    return html`
      <section class="root" part="base" aria-labelledby="session-heading">
        <h2 id="session-heading">${icon('session')}<span>${t('sessionOf', { customer })}</span></h2>
        <p class="summary ${session.complete ? 'complete' : ''}" part="summary">
          ${session.complete ? t('sessionComplete') : t('sessionOpen', { open, total: session.interactions.length })}
        </p>
        <ol class="interactions">
          ${repeat(
            session.interactions,
            (i) => i.id,
            (i) => this.renderInteraction(i),
          )}
        </ol>
      </section>
    `;
  }

  private renderInteraction(i: SessionInteraction) {
    const t = this.#t;
    const current = i.id === this.currentId;
    const channel = channelName(t, i.channel);
    const what = [channel, i.reference].filter(Boolean).join(' ');
    return html`<li class="interaction ${i.status}" part="interaction" aria-current=${current ? 'true' : nothing} data-id=${i.id}>
      <p class="line">
        ${icon(i.channel)}<span class="channel">${channel}</span>
        ${i.reference ? html`<span class="reference">${i.reference}</span>` : nothing}
      </p>
      <p class="state">
        <span class="status ${i.status}">${this.#status(i)}</span>
        ${current ? html`<span class="current">${t('thisInteraction')}</span>` : nothing}
      </p>
      ${current
        ? nothing
        : html`<details @toggle=${(e: Event) => this.handleToggle(i.id, e)}>
            <summary>${t('interactionTranscript')}<span class="visually-hidden">: ${what}</span></summary>
            ${this.openTranscripts.has(i.id)
              ? html`<parley-agent-transcript
                  conversation-id=${i.id}
                  .loader=${this.loader}
                  label=${t('transcriptOf', { what })}
                  locale=${this.#locale}
                ></parley-agent-transcript>`
              : nothing}
          </details>`}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-session': ParleyAgentSession;
  }
}
