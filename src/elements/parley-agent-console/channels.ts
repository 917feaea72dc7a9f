/**
 * What the console shows of channels and elevations in every part: the icon of each channel (as
 * seed 002 draws them: a speech bubble for chats, a handset for calls, an envelope for email, a
 * mobile phone for texts, a list for work items, three circles for a session), the words for them,
 * callback windows in the agent's own language and time zone, and what a text message costs.
 *
 * The icons are decorative (`aria-hidden`): every one stands beside its words.
 */
import { css, html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { ConsoleKey } from '../../core/catalogues/console.js';
import type { Translate } from '../../core/i18n.js';
import { countSms } from '../../core/sms.js';
import { LIMITS, type AgentConversation, type ElevationKind, type SkillChannel, type TimeWindow } from '../../protocol/index.js';

export type IconName = SkillChannel | 'session';

const PATHS: Record<IconName, SVGTemplateResult> = {
  chat: svg`<path d="M3 3.5h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H7.5L4.5 14v-2.5H3a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1Z" />`,
  voice: svg`<path d="M5.6 2.2 4 2.5c-.9.2-1.6 1-1.5 2 .4 4.8 4.2 8.6 9 9 1 .1 1.8-.6 2-1.5l.3-1.6-2.9-1.3-1.3 1.5A8 8 0 0 1 5.4 6.4l1.5-1.3Z" />`,
  email: svg`<rect x="2" y="3.5" width="12" height="9" rx="1" /><path d="m2.5 4.5 5.5 4.5 5.5-4.5" />`,
  sms: svg`<rect x="4.5" y="1.5" width="7" height="13" rx="1.2" /><path d="M7 12.5h2" />`,
  workitem: svg`<path d="M6 4.5h7.5M6 8h7.5M6 11.5h7.5" /><circle cx="3" cy="4.5" r=".6" /><circle cx="3" cy="8" r=".6" /><circle cx="3" cy="11.5" r=".6" />`,
  session: svg`<circle cx="4" cy="8" r="2.2" /><circle cx="8" cy="8" r="2.2" /><circle cx="12" cy="8" r="2.2" />`,
};

/** A 16×16 line icon in the text colour, hidden from assistive technology. */
export function icon(name: IconName): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${PATHS[name]}</svg>`;
}

const CHANNEL_KEYS: Record<SkillChannel, ConsoleKey> = {
  chat: 'channelChat',
  voice: 'channelVoice',
  email: 'channelEmail',
  sms: 'channelSms',
  workitem: 'channelWorkitem',
};

/** The channel's name: Chat, Callback, Email, Text messages… */
export const channelName = (t: Translate<ConsoleKey>, channel: SkillChannel): string => t(CHANNEL_KEYS[channel] ?? 'channelChat');

/** Where a held interaction stands, as its heading and the conversation list say it. */
export function statusKey(conversation: Pick<AgentConversation, 'status' | 'channel'>): ConsoleKey {
  if (conversation.status !== 'active') return 'statusWrapup';
  return conversation.channel === 'voice' ? 'statusToCall' : 'statusActive';
}

/** What a customer's request is called: Callback request, Email request, Text request. */
export const KIND_KEYS: Record<ElevationKind, ConsoleKey> = { callback: 'kindCallback', email: 'kindEmail', sms: 'kindSms' };

/**
 * The locale to format dates and times in: the browser's own when it speaks the console's
 * language (`en-GB` for `en`: 24-hour clock, day before month), else the console's.
 */
export function formatLocale(locale: string): string {
  const base = locale.toLowerCase().split('-')[0];
  const own = (globalThis.navigator?.languages ?? []).find((tag) => tag.toLowerCase().split('-')[0] === base);
  try {
    return own ? Intl.DateTimeFormat.supportedLocalesOf([own])[0] ?? locale : locale;
  } catch {
    return locale;
  }
}

/**
 * A callback window in the agent's locale and time zone, with the zone named (the customer may
 * be in another): "Tue 14 Jan, 14:00 – 15:00 CET". Empty when the instants do not parse.
 */
export function formatWindow(window: TimeWindow, locale: string): string {
  const from = new Date(window.from);
  const to = new Date(window.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return '';
  const format = new Intl.DateTimeFormat(formatLocale(locale), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  return format.formatRange(from, to);
}

/** Icon styles, for any part that draws them. */
export const iconStyles = css`
  .icon {
    flex: none;
    inline-size: 1rem;
    block-size: 1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.4;
    stroke-linecap: round;
    stroke-linejoin: round;
    vertical-align: -0.15em;
  }
`;

/**
 * Characters and SMS `text` costs, under a text-message box (`id` is for the box's
 * `aria-describedby`). Not a live region: it would speak on every keystroke.
 */
export function smsCounter(t: Translate<ConsoleKey>, text: string, id: string): TemplateResult {
  const count = countSms(text);
  return html`<p id=${id} class="hint count ${count.withinLimit ? '' : 'over'}">
    ${t('smsCounter', { count: count.length, max: LIMITS.smsMaxLength, segments: count.segments })}${count.encoding === 'ucs2'
      ? html` <span class="unicode">${t('smsUnicode', { per: count.perSegment })}</span>`
      : nothing}
  </p>`;
}

/** Styles of `smsCounter`. */
export const smsCounterStyles = css`
  .count {
    font-variant-numeric: tabular-nums;
  }
  .count.over {
    color: var(--_parley-danger);
    font-weight: 600;
  }
`;
