/**
 * How the console draws a transcript's messages, shared by the conversation on screen and every
 * read-only transcript (an offer's original chat, another interaction of the session), so they
 * look and read the same: customer text and names as text, agent text through the strict
 * sanitizer (SPEC §6), system messages phrased from their structured event in the console's
 * language, times in the agent's.
 */
import { css } from 'lit';
import type { ConsoleKey } from '../../core/catalogues/console.js';
import type { Translate } from '../../core/i18n.js';
import type { ChatMessage } from '../../protocol/index.js';
import { sanitizeAgentHtml } from '../base/sanitize.js';
import { formatLocale } from '../parley-agent-console/channels.js';

/**
 * A system message in words. `channel` is the interaction's, when known: an agent "joins" a chat
 * but takes a work item, callback, email or text in hand.
 */
export function eventText(t: Translate<ConsoleKey>, message: ChatMessage, channel: string = 'chat'): string {
  const event = message.event;
  if (!event) return message.text;
  switch (event.type) {
    case 'agent-joined':
      return t(channel === 'chat' ? 'eventAgentJoined' : 'eventAgentTook', { name: event.name });
    case 'agent-left':
      return t('eventAgentLeft', { name: event.name });
    case 'ended':
      return t(event.by === 'customer' ? 'eventEndedCustomer' : event.by === 'agent' ? 'eventEndedAgent' : 'eventEndedSystem');
    case 'elevated':
      return t(event.kind === 'callback' ? 'eventElevatedCallback' : event.kind === 'email' ? 'eventElevatedEmail' : 'eventElevatedSms', { reference: event.reference });
    default:
      return message.text;
  }
}

/**
 * How a message's time reads for the agent: hours and minutes in `locale`, as the browser writes
 * them (see `formatLocale`); empty for an instant that does not parse.
 */
export function messageTime(locale: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(formatLocale(locale), { hour: '2-digit', minute: '2-digit' });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : format.format(date);
  };
}

/** Agents' texts as sanitised DOM, parsed once per key (client id) and reused while unchanged. */
export class AgentHtmlCache {
  readonly #nodes = new Map<string, { text: string; node: HTMLElement }>();

  /** A `.body` element holding `text` sanitised. */
  body(key: string, text: string): HTMLElement {
    const cached = this.#nodes.get(key);
    if (cached && cached.text === text) return cached.node;
    const node = document.createElement('div');
    node.className = 'body';
    node.append(sanitizeAgentHtml(text));
    this.#nodes.set(key, { text, node });
    return node;
  }

  clear(): void {
    this.#nodes.clear();
  }
}

/** The messages of a `.log`: bubbles, names and times, system events. */
export const messageStyles = css`
  .log {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: 1rem;
    background: var(--_parley-bg);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .log:focus-visible {
    /* Inside a panel's clipped corners: draw the ring within the log. */
    outline-offset: -3px;
  }
  .message {
    max-width: min(85%, 40rem);
    padding: 0.5rem 0.75rem;
    border-radius: var(--_parley-radius);
    border: 1px solid var(--_parley-divider);
    background: var(--_parley-surface);
  }
  .message.agent {
    align-self: flex-end;
    background: var(--_parley-tint);
    border-color: transparent;
  }
  .message.customer {
    align-self: flex-start;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.5rem;
    font-size: 0.8125rem;
    color: var(--_parley-muted);
  }
  .meta .author {
    font-weight: 700;
    color: var(--_parley-text);
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .body p,
  .body ul,
  .body ol,
  .body pre,
  .body blockquote {
    margin: 0.25rem 0;
    white-space: normal;
  }
  .body a {
    color: inherit;
  }
  .event {
    align-self: center;
    max-width: 90%;
    font-size: 0.875rem;
    font-style: italic;
    color: var(--_parley-muted);
    text-align: center;
  }
`;
