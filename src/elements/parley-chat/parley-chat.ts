import { css, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { leaveMessageCatalogue, type LeaveMessageKey } from '../../core/catalogues/leave-message.js';
import { phraseEvent, WIDGET_LOCALES, widgetCatalogue, type WidgetKey } from '../../core/catalogues/widget.js';
import type { ChatSessionState, ConnectionState, PendingMessage } from '../../core/chat-session.js';
import { plural, translator, type Translate } from '../../core/i18n.js';
import { lastSeq } from '../../core/messages.js';
import { markOnce } from '../../core/perf-marks.js';
import { localizedTexts } from '../../core/profile.js';
import {
  elevationsFrom,
  type ChatMessage,
  type ChatProfile,
  type CustomerConversation,
  type CustomerElevation,
  type ElevationKind,
  type ElevationRequest,
  type LauncherIcon,
  type ProtocolError,
  type TimeWindow,
} from '../../protocol/index.js';
import { AvailabilityController } from '../../controllers/availability-controller.js';
import { ChatProfileController } from '../../controllers/chat-profile-controller.js';
import { ChatSessionController } from '../../controllers/chat-session-controller.js';
import { browserStorage, isReturningVisitor } from '../../core/storage-keys.js';
import { widgetLocale } from '../../core/widget-locale.js';
import { LiveAnnouncerController } from '../../controllers/live-announcer-controller.js';
import { NarrowController } from '../../controllers/narrow-controller.js';
import { SoundController } from '../../controllers/sound-controller.js';
import { ThemeController, type ColorScheme } from '../../controllers/theme-controller.js';
import { VisualViewportController } from '../../controllers/visual-viewport-controller.js';
import { ParleyCloseEvent } from '../../events/parley-close-event.js';
import { ParleyErrorEvent } from '../../events/parley-error-event.js';
import { ParleyMessageEvent } from '../../events/parley-message-event.js';
import { ParleyOpenEvent } from '../../events/parley-open-event.js';
import { ParleyPreChatEvent, type PreChatAnswers } from '../../events/parley-prechat-event.js';
import { ParleyReadyEvent } from '../../events/parley-ready-event.js';
import type { ParleyWorkItemSubmittedEvent } from '../../events/parley-work-item-submitted-event.js';
import { backBar, backBarStyles } from '../base/back-bar.js';
import { ParleyElement } from '../base/parley-element.js';
import { agentHtml, loadSanitizer } from '../base/agent-html.js';
import { whenIdle } from '../base/idle.js';
import { ComposeSendEvent, ComposeTypingEvent, type ParleyComposer } from '../parley-composer/parley-composer.js';
import { ParleyConnectionStatus } from '../parley-connection-status/parley-connection-status.js';
import type { ElevationAnnounceEvent, ElevationReply, ElevationSubmitEvent } from '../parley-elevation/events.js';
import type { ParleyElevation } from '../parley-elevation/parley-elevation.js';
import { RetryMessageEvent, type ParleyMessageList } from '../parley-message-list/parley-message-list.js';
import type { PreChatSubmitEvent } from '../parley-prechat/events.js';
import type { ParleyPreChat } from '../parley-prechat/parley-prechat.js';
import type { ParleyWorkItem } from '../parley-work-item/parley-work-item.js';
import { palette } from '../base/palette.js';
import { loadForm, prefetchForms, type LazyFormTag } from '../lazy-forms.js';
import { styles } from './parley-chat.styles.js';
import { LAUNCHER_ICON_SHAPES, LOADER_MARK, svgIcon } from './launcher-look.js';

/** At or below this width (the viewport's, or the host's in preview) the panel fills the space. */
const NARROW_MAX = 480;

const closeIcon = svg`<path fill="currentColor" d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4Z"/>`;
const chevronIcon = svg`<path fill="currentColor" d="M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6 1.4-1.4Z"/>`;
const ELEVATION_ICONS: Record<ElevationKind, SVGTemplateResult> = {
  callback: svg`<path fill="currentColor" d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2Z"/>`,
  email: svg`<path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 4v10h16V8l-8 5-8-5Zm0-2 8 5 8-5H4Z"/>`,
  sms: svg`<path fill="currentColor" d="M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm0 3v13h10V5H7Zm2 2h6v2H9V7Zm0 3h4v2H9v-2Z"/>`,
};
/** The form's windows until the server gives some: one array, so a render does not count as a change. */
const NO_WINDOWS: readonly TimeWindow[] = [];
/** Requests listed under the transcript: the most recent few. */
const REQUESTS_SHOWN = 3;
const leaveIcon = svg`<path fill="currentColor" d="M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm0 2v14h14V5H5Zm2 3h10v2H7V8Zm0 4h10v2H7v-2Zm0 4h6v2H7v-2Z"/>`;
const downloadIcon = svg`<path fill="currentColor" d="M11 4h2v8.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3V4ZM5 18h14v2H5v-2Z"/>`;

/** "Leave a message" in the panel (see `#leave`). */
interface LeaveView {
  shown: boolean;
  /** The control focus goes back to. */
  returnTo: string;
  /** The message's reference, once sent. */
  reference: string | null;
  /** The form's POC was refused. */
  unavailable: boolean;
}

/** What the panel shows: the session's state, or the preview's sample conversation. */
interface ChatView {
  messages: ChatMessage[];
  pending: PendingMessage[];
  conversation: CustomerConversation | null;
  connection: ConnectionState;
  /** While reconnecting: when the next attempt is due (epoch ms). */
  nextRetryAt: number | null;
  /** While reconnecting: why the server refused the last attempt (`rate_limited`), else null. */
  connectionReason?: string | null;
  agentTyping: boolean;
}

/**
 * The customer chat for one point of contact: a launcher button fixed at the bottom corner and,
 * once clicked, a panel with the conversation, styled by the POC's chat profile. Loads the public
 * profile first and shows nothing until it arrives; an unknown, malformed or deactivated POC keeps
 * the element hidden and logs one `console.error` for the website owner. A profile with bad
 * fields is shown with their defaults, after one `console.warn`. The connection opens when the
 * panel first opens, or at once for a returning visitor, whose chat resumes where it was.
 *
 * The profile decides the theme (applied as `--parley-*` tokens on the host, with low priority:
 * page CSS on the element overrides any of them), the launcher (side, offsets, icon, label,
 * shape), the header logo and agent avatar, the texts in each language, the pre-chat form, the
 * transcript download, the sound on new messages and what happens while the POC is `offline`.
 *
 * **Preview** (the chat-profile studio): `<parley-chat preview .profile=${profile}>` shows that
 * profile without any network access — no profile request, no connection — with the panel open on
 * a short sample conversation. The chat is laid out inside the host, which becomes a positioned
 * block filling its container, and goes full screen (but not modal: the studio stays usable) when
 * the host, not the viewport, is at most 480 px wide. `color-scheme` forces the light or dark palette of an `auto` profile. Assigning a
 * new profile object re-renders at once.
 *
 * **Delivery and connection.** Each of the customer's messages shows whether it is being sent,
 * sent, delivered to the agent's console or read (SPEC §5, §7); a text written while the connection
 * is down waits in the outbox, shown as sending, and goes out on reconnection. Under the header, a
 * notice says when the connection is lost (with a countdown to the next attempt), when the browser
 * is offline, and, for a few seconds, when it is back; changes are announced politely, the
 * countdown is not. While the panel is open and the page visible, the messages shown are marked
 * read for the agent; never while the panel is closed or the tab hidden.
 *
 * **Other ways to reach us** (SPEC §2). The kinds of request the profile enables, among those the
 * elevation matrix allows from a chat ("Call me back", "Email me", "Text me"), are offered under
 * the transcript, in a disclosure; nothing shows when the profile enables none. Each opens its form
 * (`<parley-elevation>`) in place of the conversation; Escape or "Back to chat" returns to it,
 * with the draft kept. A request works with or without a chat: it continues the open one (which
 * then goes on, or ends when the profile's `afterRequest` is `end`), or stands alone while the POC
 * is closed, whose closed state lists the same options under the offline message. Once a queued
 * chat's wait (elapsed, or the server's estimate) reaches the script's long-wait threshold, a
 * quiet offer to stop waiting appears; a request made from it ends the wait. The visitor's
 * requests of the last day stay listed, with their status, across reloads. Open or closed, the
 * long-wait threshold and the callback windows come from the server
 * (`GET /api/v1/pocs/:poc/availability`), fetched when the panel opens and every minute while it
 * stays open; a POC the server says is closed counts as `offline`. Not in preview.
 *
 * **Leave a message** (SPEC §7). With the profile's `offline.behaviour` `leave-message`, the
 * closed state offers "Leave a message", as does the strip under the transcript while the POC is
 * open but the server says nobody is on duty (`staffed: false`), before a chat starts or while it
 * is queued. It shows the work-item form of `offline.workItemPoc` (`<parley-work-item>`, source
 * `chat`) in place of the conversation, with a way back that keeps what was typed; once filed, the
 * panel shows the reference. Not in preview.
 *
 * @csspart launcher - The launcher button.
 * @csspart launcher-icon - The launcher's icon (an inline SVG, or the profile's image).
 * @csspart launcher-label - The launcher's text, when the profile has one.
 * @csspart badge - The unread count on the launcher (shown while the panel is closed).
 * @csspart panel - The chat panel (`role="dialog"`).
 * @csspart header - The panel header, in the brand colour.
 * @csspart logo - The profile's logo in the header.
 * @csspart title - The profile title in the header.
 * @csspart subtitle - The profile subtitle in the header.
 * @csspart download-button - The "Download transcript" button in the header.
 * @csspart end-button - The "End chat" button in the header.
 * @csspart close-button - The button that closes the panel.
 * @csspart log - The scrolling transcript (`role="log"`).
 * @csspart message - Every message row; also `message-customer`, `message-agent`, `message-system`, `message-greeting`.
 * @csspart bubble - The bubble of a customer or agent message.
 * @csspart avatar - The agent's picture or initials beside their messages.
 * @csspart retry-button - The "Retry" button of a message that failed to send.
 * @csspart delivery-icon - The state icon beside each of the customer's messages: sending, sent, delivered, read, failed.
 * @csspart delivery - The state in words under the customer's last message ("Sending…", "Sent", "Delivered", "Read", or "Not sent" with Retry).
 * @csspart connection - The connection notice under the header: connecting, "Retrying in 4 s…", offline, "Connected again.".
 * @csspart status - The line under the transcript: queue position, typing, refused connection, chat ended.
 * @csspart earlier-button - "Show earlier messages", above a long transcript's most recent messages.
 * @csspart later-button - "Show later messages", below the rendered part of a long transcript once the reader has paged far up.
 * @csspart composer - The message form.
 * @csspart input - The message textarea.
 * @csspart send-button - The send button.
 * @csspart prechat - The pre-chat form; also `prechat-field`, `prechat-input`, `prechat-error`, `prechat-submit`.
 * @csspart offline - The offline message shown instead of the message box.
 * @csspart elevation-bar - The strip under the transcript with the long-wait offer, the requests made and the "Other ways to reach us" menu.
 * @csspart elevation-menu-button - The "Other ways to reach us" button (a disclosure).
 * @csspart elevation-menu - The list of kinds it shows.
 * @csspart elevation-option - Each "Call me back", "Email me", "Text me" button (menu, closed state).
 * @csspart elevation-offer - The long-wait offer; its buttons are `elevation-offer-button`.
 * @csspart elevation-requests - The list of the visitor's requests and their status.
 * @csspart elevation-options - The options under the offline message.
 * @csspart elevation - The request form view; also `elevation-back`, `elevation-form`, `elevation-field`, `elevation-input`, `elevation-error`, `elevation-alert`, `elevation-submit`, `elevation-confirmation`, `elevation-reference`.
 * @csspart leave-message - The "Leave a message" offer: under the offline message, or in the strip while nobody is on duty.
 * @csspart leave-message-button - The "Leave a message" button.
 * @csspart leave-message-view - The message form's view; also `leave-message-back`, `leave-message-confirmation`, `leave-message-reference`, and the form's `work-item*` parts (not its confirmation's).
 *
 * @tagname parley-chat
 *
 * @cssprop --parley-color-brand - Brand colour (launcher, header, customer bubbles). Set from the profile.
 * @cssprop --parley-color-on-brand - Text and icons on the brand colour. Set from the profile.
 * @cssprop --parley-color-surface - Panel background. Set from the profile.
 * @cssprop --parley-color-text - Text colour. Set from the profile.
 * @cssprop --parley-color-focus - Focus ring. Set from the profile (brand, or text when the brand is too pale on the surface).
 * @cssprop --parley-color-surface-alt - Agent bubble background. Derived from the profile's palette.
 * @cssprop --parley-color-muted - Secondary text. Derived from the profile's palette (4.5:1 on the surface).
 * @cssprop --parley-color-border - Borders of form controls. Derived from the profile's palette (3:1).
 * @cssprop --parley-color-error - Error text. Derived from the profile's palette (4.5:1).
 * @cssprop --parley-color-scheme - `light` or `dark`: the scheme of native controls. Derived from the surface.
 * @cssprop --parley-font-family - Font of the whole widget. Set from the profile.
 * @cssprop --parley-font-size - Base text size.
 * @cssprop --parley-radius - Corner radius of the panel and bubbles. Set from the profile.
 * @cssprop --parley-spacing - Base spacing unit. Set from the profile's density.
 * @cssprop --parley-shadow - Shadow of the launcher and panel.
 * @cssprop --parley-z-index - Stacking level of the launcher and panel. Set from the profile.
 * @cssprop --parley-launcher-offset-x - Distance of the launcher from its side of the viewport. Set from the profile.
 * @cssprop --parley-launcher-offset-y - Distance of the launcher from the bottom of the viewport. Set from the profile.
 * @cssprop --parley-panel-width - Width of the floating panel. Set from the profile.
 * @cssprop --parley-panel-height - Height of the floating panel. Set from the profile.
 * @cssprop --parley-launcher-size - Height (and least width) of the launcher.
 * @cssprop --parley-launcher-radius - Corner radius of the launcher (default from the profile's shape).
 * @cssprop --parley-launcher-background - Launcher background (defaults to the brand colour).
 * @cssprop --parley-launcher-color - Launcher icon and label colour.
 * @cssprop --parley-badge-background - Unread badge background.
 * @cssprop --parley-badge-color - Unread badge text.
 * @cssprop --parley-header-background - Header background (defaults to the brand colour).
 * @cssprop --parley-header-color - Header text colour.
 *
 * @cssstate ready - The profile is there; the launcher is shown.
 * @cssstate open - The panel is open.
 * @cssstate unread - There are agent messages the customer has not seen.
 * @cssstate unavailable - The chat cannot be offered (unknown or deactivated POC, refused connection).
 * @cssstate offline - The POC is closed: the `offline` property is set, or the server says so.
 *
 * @fires parley-ready - The profile loaded and the launcher is shown. `detail: { poc, profile, locale }`.
 * @fires parley-open - The panel is about to open. Cancelable. `detail: { poc }`.
 * @fires parley-close - The panel is about to close. Cancelable. `detail: { poc }`.
 * @fires parley-message - A message was added to the conversation. `detail`: the `ChatMessage`.
 * @fires parley-prechat - The customer filled in the pre-chat form. `detail: { poc, answers }`.
 * @fires parley-error - The chat cannot be offered for this POC. `detail: { poc, error }`.
 * @fires parley-work-item-submitted - A message left from the panel was filed. `detail: { poc, id, reference }` (`poc` is the work-item POC).
 */
export class ParleyChat extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${backBarStyles}${styles}`;

  /** Registers the chat under `tag`, and the connection notice it renders under its own tag. */
  static override define(tag = 'parley-chat', registry: CustomElementRegistry = customElements): void {
    ParleyConnectionStatus.define('parley-connection-status', registry);
    super.define(tag, registry);
  }

  readonly #profile = new ChatProfileController(this, {
    args: () => ({ server: this.#server, poc: this.poc, given: this.profile, fetch: !this.preview }),
    // Announced once the launcher is rendered (see updated()).
    onReady: () => void (this.#readyToAnnounce = true),
    onError: (error, explanation) => this.#report(error, `${explanation}. The chat stays hidden.`),
  });
  // Runs after #profile (controllers update in the order they were added), so it sees the new profile.
  readonly #theme = new ThemeController(this, {
    profile: () => this.#profile.profile?.profile ?? null,
    scheme: () => (this.colorScheme === 'light' || this.colorScheme === 'dark' ? this.colorScheme : null),
  });
  readonly #session = new ChatSessionController(this, (next, prev) => this.#handleSessionChange(next, prev));
  // Asked once the panel has opened (or at once when a closed POC must hide the chat), kept fresh while open.
  readonly #availability = new AvailabilityController(this, {
    args: () => ({
      server: this.#server,
      poc: this.poc,
      enabled: !this.preview && this.#profile.status === 'ready' && (this.#everOpened || this.#profile.profile?.profile.offline.behaviour === 'hide'),
      live: !this.preview && this.isOpen,
    }),
  });
  readonly #announcer = new LiveAnnouncerController(this);
  /** Announcements of arriving messages, in arrival order: an agent message's text may wait for the sanitiser. */
  #announcing: Promise<void> = Promise.resolve();
  /** The history a resumed chat brought, page by page, up to this seq: those messages are not news. */
  #history: { conversationId: string; untilSeq: number } | null = null;
  readonly #narrow = new NarrowController(this, { maxWidth: NARROW_MAX, byHost: () => this.preview });
  // Keeps the full-screen panel above the on-screen keyboard on phones; never read directly.
  readonly #viewport = new VisualViewportController(this, () => this.panelEl);
  readonly #sound = new SoundController(this);

  /** Id of the chat point of contact. Required, except in preview. */
  @property() poc: string | null = null;
  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server: string | null = null;
  /** Language of the widget (`en`, `fr`); defaults to the browser's when Parley speaks it, then the profile's. */
  @property() locale: string | null = null;
  /** Whether the panel is open; reflects to the `open` attribute. Use `open()`/`close()` to get the events. */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;
  /** A chat profile to use instead of loading the POC's; no profile request is made while it is set. */
  @property({ attribute: false }) profile: ChatProfile | null = null;
  /** Preview mode for the studio: no network, sample conversation, laid out inside the host. */
  @property({ type: Boolean, reflect: true }) preview = false;
  /** What the preview shows: `conversation` (default) or `prechat` (the pre-chat form). */
  @property({ attribute: 'preview-screen' }) previewScreen: 'conversation' | 'prechat' = 'conversation';
  /** `light` or `dark` forces that palette of a profile whose mode is `auto`; unset follows the visitor's setting. */
  @property({ attribute: 'color-scheme' }) colorScheme: ColorScheme | null = null;
  /** Whether the point of contact is closed; the profile's offline behaviour then applies. */
  @property({ type: Boolean }) offline = false;
  /** A signed identity from the website's server (docs/widget.md, "Verified identity"); sent in the handshake, never in a URL. */
  @property({ attribute: 'identity-token' }) identityToken: string | null = null;

  @query('[part~="launcher"]') private launcherEl!: HTMLButtonElement | null;
  @query('[part~="panel"]') private panelEl!: HTMLElement | null;
  @query('parley-message-list') private messageList!: ParleyMessageList | null;
  @query('parley-composer') private composer!: ParleyComposer | null;
  @query('parley-prechat') private preChat!: ParleyPreChat | null;
  @query('parley-elevation') private elevationEl!: ParleyElevation | null;
  @query('parley-work-item') private workItemEl!: ParleyWorkItem | null;

  #internals = this.attachInternals();
  #t: Translate<WidgetKey> = translator(widgetCatalogue, 'en');
  /** The texts of "leave a message", shared with the form it opens. */
  #tw: Translate<LeaveMessageKey> = translator(leaveMessageCatalogue, 'en');
  #locale = 'en';
  /** The panel is rendered from its first opening on, and then only hidden, to keep the draft. */
  #everOpened = false;
  #connectRequested = false;
  /**
   * Move focus on the next change: into the panel when opened by the launcher or `open()` (not by
   * the attribute), back to the launcher when closed while focus was in the panel.
   */
  #moveFocus = false;
  /** Agent messages not seen with the panel open. */
  #unread = 0;
  /** Last message seen with the panel open, kept per POC so a reload keeps the count right. */
  #seen: { conversationId: string; seq: number } | null = null;
  /** Stored messages already handled (announced, or history that must not be). */
  #known = new Set<string>();
  /** Failures already reported, so the website owner gets one error per cause. */
  #reported = new Set<string>();
  /** A profile just became ready: fire `parley-ready` after the render that shows the launcher. */
  #readyToAnnounce = false;
  /** The pre-chat answers given on this page, kept client-side (only the name reaches the server). */
  #answers: PreChatAnswers | null = null;
  /** The preview's sample conversation, in the preview's language. */
  #sample: { locale: string; view: ChatView } | null = null;
  /** The stylesheets of the launcher the script tag's loader drew, while it is still there. */
  #loaderSheets: CSSStyleSheet[] | null = null;
  /** The preset launcher icons drawn so far (DOM nodes, rendered as they are). */
  #launcherIcons = new Map<LauncherIcon, SVGSVGElement>();
  /** Profile images that failed to load; the widget falls back to its own rendering. */
  #brokenImages = new Set<string>();
  /** What was last marked read: conversation, count and last seq of the messages then shown. */
  #markedRead = '';
  /** The request form shown in place of the conversation, and where focus goes back to. */
  #elevation: { kind: ElevationKind; stopWaiting: boolean; returnTo: string } | null = null;
  /** Counts the forms opened: each opening is a new form, with its own request id. */
  #elevationForms = 0;
  /**
   * "Leave a message": whether its form shows in place of the conversation, where focus goes
   * back to, and, once sent, the reference. The form stays in the panel (hidden) when the
   * customer goes back to the chat, so what they typed and the files they chose are still there.
   */
  #leave: LeaveView | null = null;
  /** Counts the message forms made: one sent, the next opening is a new, empty form. */
  #leaveForms = 0;
  /** Whether the "Other ways to reach us" disclosure is expanded. */
  #menuOpen = false;
  /** Whether the forms of the open panel were asked for since it opened (see `#askPanelForms`). */
  #panelFormsAsked = false;
  /** The queued conversation whose long-wait offer shows, was announced, or was dismissed. */
  #longWait: { conversationId: string; shown: boolean; dismissed: boolean } | null = null;
  #longWaitTimer: ReturnType<typeof setTimeout> | null = null;

  get #server(): string {
    return this.server || globalThis.location?.origin || '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#handleVisibilityChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#handleVisibilityChange);
    this.#stopLongWaitTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Controllers update after willUpdate; the profile is needed now (a given one applies at once).
    this.#profile.update();
    const profile = this.#profile.profile?.profile ?? null;
    this.#locale = widgetLocale(this.locale, profile?.defaultLocale, WIDGET_LOCALES);
    this.#t = translator(widgetCatalogue, this.#locale);
    this.#tw = translator(leaveMessageCatalogue, this.#locale);
    // A preview opens on the conversation; the studio may still close it to show the launcher.
    if (changed.has('preview') && this.preview) this.isOpen = true;
    if (this.isOpen) this.#everOpened = true;
    // Reflected for page CSS (`parley-chat[position='bottom-left']`) and the element's own styles.
    if (profile && this.getAttribute('position') !== profile.launcher.position) this.setAttribute('position', profile.launcher.position);

    if (this.preview) {
      if (this.#sample?.locale !== this.#locale) this.#sample = { locale: this.#locale, view: sampleConversation(this.#t) };
    } else if (this.#profile.status === 'ready' && this.poc) {
      this.#session.configure({ server: this.#server, poc: this.poc, locale: this.#locale, ...(this.identityToken ? { identity: this.identityToken } : {}) });
    }
    if (changed.has('poc') || changed.has('server') || changed.has('identityToken')) {
      // Another chat altogether: its own seen mark, history, answers and (lazy) connection.
      this.#seen = this.poc ? this.#readSeen(this.poc) : null;
      this.#known = new Set();
      this.#history = null;
      this.#answers = null;
      this.#connectRequested = false;
    }
    this.#unread = this.preview ? 0 : this.#countUnread();
    this.#updateLongWait();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const ready = this.#profile.status === 'ready';
    this.#setState('ready', ready && !this.#hiddenOffline());
    this.#setState('open', this.isOpen && ready);
    this.#setState('unread', this.#unread > 0);
    this.#setState('unavailable', this.#profile.status === 'error' || this.#session.state?.connection === 'refused');
    this.#setState('offline', this.#closed());

    if (ready || this.#profile.status === 'error') this.#removeLoaderLauncher();
    if (ready && this.#readyToAnnounce) {
      this.#readyToAnnounce = false;
      if (!this.preview) markOnce('parley:launcher-visible');
      const event = new ParleyReadyEvent({ poc: this.poc ?? '', profile: this.#profile.profile!, locale: this.#locale });
      this.dispatchEvent(event);
    }
    // A closed POC is not worth a connection, unless a returning visitor's chat may still be open,
    // or this tab still holds texts the server has not acknowledged (a reload mid-send).
    if (ready && !this.preview && !this.#connectRequested) {
      const poc = this.poc ?? '';
      const wanted = (this.isOpen && !this.#closed()) || isReturningVisitor(this.#server, poc);
      if (wanted) {
        this.#connectRequested = true;
        void this.#session.connect();
      }
    }
    if (ready && this.isOpen && !this.#panelFormsAsked) {
      this.#panelFormsAsked = true;
      this.#askPanelForms(this.#profile.profile!.profile);
    } else if (!this.isOpen) {
      this.#panelFormsAsked = false;
    }
    if (changed.has('isOpen') && ready) {
      if (this.isOpen) {
        if (!this.preview) markOnce('parley:panel-ready');
        this.messageList?.scrollToEnd();
        if (this.#moveFocus) void this.#focusPanel();
      } else if (changed.get('isOpen') === true && this.#moveFocus) {
        this.launcherEl?.focus();
      }
      this.#moveFocus = false;
    }
    // After the render: the messages are on screen now.
    this.#markRead();
  }

  /**
   * The script tag's loader draws a launcher in this element's shadow root before the chat's code
   * arrives (src/embed.ts); Lit renders before it, into the same root. Once this element's own
   * launcher is on screen (the same look at the same place), the loader's goes.
   */
  #removeLoaderLauncher(): void {
    if (!this.#loaderSheets) return;
    for (const node of this.renderRoot.querySelectorAll(`[${LOADER_MARK}]`)) node.remove();
    const root = this.renderRoot;
    if (root instanceof ShadowRoot) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => !this.#loaderSheets!.includes(sheet));
    this.#loaderSheets = null;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    // The loader's stylesheets theme its launcher until ours replaces it: Lit's own styles would
    // otherwise replace them at once, and the launcher would show the default colours meanwhile.
    const loaderSheets = this.shadowRoot ? [...this.shadowRoot.adoptedStyleSheets] : [];
    const root = super.createRenderRoot();
    if (loaderSheets.length && root instanceof ShadowRoot) {
      this.#loaderSheets = loaderSheets;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...loaderSheets];
    }
    return root;
  }

  /** Opens the panel (fires the cancelable `parley-open`). */
  open(): void {
    if (this.isOpen) return;
    const event = new ParleyOpenEvent({ poc: this.poc ?? '' });
    if (!this.dispatchEvent(event)) return;
    this.#moveFocus = true;
    this.isOpen = true;
  }

  /** Closes the panel (fires the cancelable `parley-close`); the conversation goes on. */
  close(): void {
    if (!this.isOpen) return;
    const event = new ParleyCloseEvent({ poc: this.poc ?? '' });
    if (!this.dispatchEvent(event)) return;
    // Focus goes back to the launcher when it was in the panel, which is about to disappear.
    this.#moveFocus = this.#focusIsInPanel();
    this.isOpen = false;
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  #handleSessionChange(next: ChatSessionState, prev: ChatSessionState | null): void {
    const t = this.#t;
    // Deactivated (or activated again) by an administrator: the offline state shows at once.
    if (next.pushedAvailability && next.pushedAvailability !== prev?.pushedAvailability) this.#availability.accept(next.pushedAvailability);
    if (next.connection === 'refused' && prev?.connection !== 'refused') {
      const error = next.error ?? { code: 'internal_error', message: 'refused' };
      this.#report(error, `the server refused the chat connection (${error.code}: ${error.message}). The chat shows it is unavailable`);
      this.#announcer.announce(t('connection.refused'));
    }
    if (next.connection === 'connected') markOnce('parley:connected');
    const was = prev?.connection;
    if (was && was !== next.connection) {
      // Said once per change, only where the customer is looking (the notice shows in the open
      // panel); the countdown is never announced.
      const lost = was === 'reconnecting' || was === 'offline';
      if (this.isOpen) {
        if (next.connection === 'reconnecting' && was === 'connected') this.#announcer.announce(t('connection.reconnecting'));
        else if (next.connection === 'offline') this.#announcer.announce(t('connection.offline'));
        else if (next.connection === 'connected' && lost) this.#announcer.announce(t('connection.restored'));
      }
      // The agent lost "typing…" with the connection: say it again if the customer still types.
      if (next.connection === 'connected' && this.composer?.typing) this.#session.session?.setTyping(true);
    }

    const fresh = next.messages.filter((m) => !this.#known.has(m.id));
    for (const m of fresh) this.#known.add(m.id);
    // A batch landing in an empty transcript with nothing being sent is a resumed chat's history,
    // and so is the rest of that conversation up to the last message the server held then, which
    // the following pages bring: it is shown, not announced, and not re-fired as parley-message.
    if (fresh.length && (!prev || (prev.messages.length === 0 && !prev.pending.some((p) => p.status === 'sending')))) {
      this.#history = { conversationId: fresh[0].conversationId, untilSeq: Math.max(next.conversation?.lastSeq ?? 0, ...fresh.map((m) => m.seq)) };
    }
    const history = this.#history;
    const live = fresh.filter((m) => !history || m.conversationId !== history.conversationId || m.seq > history.untilSeq);
    if (live.length) {
      const phrases: (string | Promise<string>)[] = [];
      for (const m of live) {
        const event = new ParleyMessageEvent(m);
        this.dispatchEvent(event);
        if (m.author === 'agent') {
          const name = m.authorName || next.conversation?.agentName || t('author.agent');
          phrases.push(agentHtml(m.text).then((html) => t('announce.agentMessage', { name, text: html.textContent ?? '' })));
        } else if (m.author === 'system' && m.event && m.event.type !== 'ended') {
          phrases.push(phraseEvent(t, m.event));
        }
      }
      if (phrases.length) this.#announceInOrder(phrases);
      // One chime per batch, only where the visitor may not be looking (and only if the profile wants it).
      const unseen = !this.isOpen || globalThis.document?.visibilityState === 'hidden';
      if (unseen && this.#profile.profile?.profile.sounds && live.some((m) => m.author === 'agent')) this.#sound.chime();
    }

    const before = prev?.conversation;
    const now = next.conversation;
    if (now?.status === 'queued' && now.queuePosition && (before?.id !== now.id || before.queuePosition !== now.queuePosition)) {
      this.#announcer.announce(t('queue.position', { position: now.queuePosition }));
    }
    if (now?.status === 'ended' && before?.id === now.id && before.status !== 'ended') {
      this.#announcer.announce(t('ended.notice'));
    }
    // A request moved on (an agent took it, or finished): said once, for requests already listed.
    if (prev && next.elevations !== prev.elevations) {
      for (const elevation of next.elevations) {
        const was = prev.elevations.find((e) => e.id === elevation.id);
        if (was && was.status !== elevation.status) {
          this.#announcer.announce(t('elevation.statusChanged', { reference: elevation.reference, status: t(`elevation.status.${elevation.status}`) }));
        }
      }
    }
  }

  /** Back to a visible tab: what the open panel shows has now been seen. */
  #handleVisibilityChange = (): void => {
    if (document.visibilityState === 'visible') this.#markRead();
  };

  /**
   * Tells the agent the customer has seen the messages shown, when they can be seen: the panel
   * is open, the page visible and there are messages. Once per change of what is shown.
   */
  #markRead(): void {
    if (this.preview || !this.isOpen || this.#profile.status !== 'ready' || document.visibilityState !== 'visible') return;
    const session = this.#session.session;
    const state = this.#session.state;
    if (!session || !state?.conversation || state.messages.length === 0) return;
    const shown = `${state.conversation.id}:${state.messages.length}:${lastSeq(state.messages)}`;
    if (shown === this.#markedRead) return;
    this.#markedRead = shown;
    session.markRead();
  }

  #handleLauncherClick(): void {
    // A click is the gesture browsers require before a page may play sound.
    if (this.#profile.profile?.profile.sounds && !this.preview) this.#sound.unlock();
    this.toggle();
  }

  #handleLauncherKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.isOpen) this.close();
  }

  #handlePanelKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    if (event.key === 'Escape' && this.#menuOpen) {
      // An open menu closes first, back on its button.
      event.preventDefault();
      this.#menuOpen = false;
      this.requestUpdate();
      this.renderRoot.querySelector<HTMLElement>('[part~="elevation-menu-button"]')?.focus();
    } else if (event.key === 'Escape' && this.#leave?.shown) {
      // Like a request form: Escape goes back to the conversation, the message kept.
      event.preventDefault();
      void this.#closeLeave();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Tab' && this.#modal) {
      this.#wrapFocus(event);
    }
  }

  /**
   * Full screen, the panel hides the page, so it behaves as a modal dialog: Tab from its last
   * control goes to its first one and Shift+Tab the other way, instead of into the hidden page.
   */
  #wrapFocus(event: KeyboardEvent): void {
    const first = this.renderRoot.querySelector<HTMLElement>('[part~="header"] button');
    const footer = this.composer ?? this.preChat;
    const options = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="elevation-options"] button')];
    let last: HTMLElement | null | undefined;
    if (this.#leave?.shown) {
      last = this.#leave.reference || this.#leave.unavailable
        ? this.renderRoot.querySelector<HTMLElement>('[part~="leave-message-back"]')
        : this.workItemEl?.shadowRoot?.querySelector<HTMLElement>('[part~="work-item-submit"]');
    } else {
      last = this.#elevation
        ? this.elevationEl?.lastControl
        : this.#showsOffline()
          ? options[options.length - 1]
          : footer?.shadowRoot?.querySelector<HTMLElement>('[part~="send-button"]:not(:disabled), [part~="prechat-submit"]');
    }
    const target = event.composedPath()[0];
    if (!first || !last) return;
    if (!event.shiftKey && target === last) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && target === first) {
      event.preventDefault();
      last.focus();
    }
  }

  #handleCloseClick(): void {
    this.close();
  }

  async #handleEndClick(): Promise<void> {
    if (this.preview) return;
    // The button disappears once the chat ended: keep focus in the panel, on the message box.
    void this.#focusPanel();
    await this.#session.session?.end();
  }

  /** Announces a batch's phrases together (one update of the live region), after the batches before it. */
  #announceInOrder(phrases: readonly (string | Promise<string>)[]): void {
    this.#announcing = this.#announcing
      .then(() => Promise.all(phrases))
      .then((texts) => texts.forEach((text) => this.#announcer.announce(text)))
      .catch(() => undefined);
  }

  async #handleDownloadClick(): Promise<void> {
    const profile = this.#profile.profile?.profile;
    if (!profile) return;
    // Agent HTML as its plain text (the sanitiser may still have to load).
    const messages = await Promise.all(this.#view().messages.map(async (m) => (m.author === 'agent' ? { ...m, text: plainText(await agentHtml(m.text)) } : m)));
    const text = transcriptText(this.#t, this.#locale, localizedTexts(profile, this.#locale), messages);
    const blob = new Blob([text], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${this.#t('transcript.filename')}-${new Date().toISOString().slice(0, 10)}.txt`;
    link.hidden = true;
    // Some browsers only follow a link that is in a document.
    this.renderRoot.append(link);
    link.click();
    link.remove();
    // The download reads the blob asynchronously; give it ample time before letting it go.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  #handleSend(event: ComposeSendEvent): void {
    if (this.preview) {
      // The preview has no server: the text joins the sample conversation, for the look of it.
      const view = this.#sample!.view;
      const seq = view.messages.length + 1;
      const id = `preview-${seq}`;
      const message: ChatMessage = { id, clientId: id, conversationId: 'preview', seq, author: 'customer', authorName: null, text: event.text, sentAt: new Date().toISOString() };
      view.messages = [...view.messages, message];
      this.requestUpdate();
      return;
    }
    if (this.#profile.profile?.profile.sounds) this.#sound.unlock();
    const session = this.#session.session;
    if (!session) {
      // The transport is still loading: the text goes out as soon as it is there.
      void this.#session.connect().then(() => {
        const s = this.#session.session;
        if (!s) return;
        this.#applyName(s);
        s.send(event.text);
      });
      return;
    }
    this.#applyName(session);
    const result = session.send(event.text);
    if (typeof result !== 'string') event.preventDefault();
  }

  #handleTyping(event: ComposeTypingEvent): void {
    this.#session.session?.setTyping(event.typing);
  }

  #handleRetry(event: RetryMessageEvent): void {
    this.#session.session?.retry(event.clientId);
  }

  #handleMenuToggle(): void {
    this.#menuOpen = !this.#menuOpen;
    // The customer is looking at the request kinds: the form comes next.
    if (this.#menuOpen) void this.#needForm('parley-elevation');
    this.requestUpdate();
  }

  /**
   * Shows the request form of `kind` in place of the conversation, focus in it; `returnTo` is
   * the selector of the control focus goes back to.
   */
  #openElevation(kind: ElevationKind, stopWaiting: boolean, returnTo: string): void {
    this.#elevation = { kind, stopWaiting, returnTo };
    this.#elevationForms += 1;
    void this.#needForm('parley-elevation');
    this.#menuOpen = false;
    this.requestUpdate();
    void this.#focusPanel();
  }

  /** Back to the conversation, where it was, focus on what opened the form (or the message box). */
  async #closeElevation(): Promise<void> {
    const returnTo = this.#elevation?.returnTo;
    this.#elevation = null;
    this.requestUpdate();
    await this.updateComplete;
    this.messageList?.scrollToEnd();
    const target = returnTo ? this.renderRoot.querySelector<HTMLElement>(returnTo) : null;
    if (target?.checkVisibility()) target.focus();
    else void this.#focusPanel();
  }

  #handleOfferDismiss(): void {
    if (this.#longWait) this.#longWait.dismissed = true;
    this.requestUpdate();
    // The offer is gone with the button: focus stays in the panel, on the message box.
    void this.#focusPanel();
  }

  #handleElevationSubmit(event: ElevationSubmitEvent): void {
    if (this.preview) return;
    event.respondWith(this.#requestElevation(event.request, this.#elevation?.stopWaiting ?? false));
  }

  /**
   * Sends a request, connecting first when there is no connection yet (a closed POC has none): it
   * continues the open chat if there is one, and ends its wait when made from the long-wait offer.
   */
  async #requestElevation(request: ElevationRequest, stopWaiting: boolean): Promise<ElevationReply> {
    this.#connectRequested = true;
    await this.#session.connect();
    const session = this.#session.session;
    if (!session) return { ok: false, error: { code: 'internal_error', message: 'the chat could not connect' } };
    const conversation = session.state.conversation;
    const chat = conversation && conversation.status !== 'ended' ? conversation.id : null;
    const name = this.#preChatName();
    return session.requestElevation({
      ...request,
      ...(chat ? { conversationId: chat } : {}),
      ...(chat && stopWaiting ? { stopWaiting: true } : {}),
      ...(!chat && name ? { name } : {}),
    });
  }

  #handleElevationAnnounce(event: ElevationAnnounceEvent): void {
    this.#announcer.announce(event.text);
  }

  /** Shows the "leave a message" form in place of the conversation (the one begun, if any). */
  #openLeave(returnTo: string): void {
    if (!this.#leave || this.#leave.reference) {
      this.#leave = { shown: true, returnTo, reference: null, unavailable: this.#leave?.unavailable ?? false };
      this.#leaveForms += 1;
    } else {
      this.#leave = { ...this.#leave, shown: true, returnTo };
    }
    void this.#needForm('parley-work-item');
    this.#menuOpen = false;
    this.requestUpdate();
    void this.#focusPanel();
  }

  /** Back to the conversation; a message sent is done with, one being written stays as it is. */
  async #closeLeave(): Promise<void> {
    const returnTo = this.#leave?.returnTo;
    if (this.#leave) this.#leave = this.#leave.reference ? null : { ...this.#leave, shown: false };
    this.requestUpdate();
    await this.updateComplete;
    this.messageList?.scrollToEnd();
    const target = returnTo ? this.renderRoot.querySelector<HTMLElement>(returnTo) : null;
    if (target?.checkVisibility()) target.focus();
    else void this.#focusPanel();
  }

  /** The message was filed: the panel confirms it with its reference (the event goes on to the page). */
  #handleLeaveSubmitted(event: ParleyWorkItemSubmittedEvent): void {
    if (!this.#leave) return;
    this.#leave = { ...this.#leave, reference: event.detail.reference };
    this.#announcer.announce(this.#tw('done.announce', { reference: event.detail.reference }));
    this.requestUpdate();
    void this.#focusPanel();
  }

  /**
   * The message form cannot be offered (its POC is unknown or deactivated): the panel says so.
   * The form has told the website owner; the page must not take it for the chat's own failure.
   */
  #handleLeaveError(event: ParleyErrorEvent): void {
    event.stopPropagation();
    // Refused on sending, the form says so itself and keeps what was typed. (Its form being shown
    // is read from its shadow root, not `:state(ready)`: a selector older browsers throw on.)
    if (!this.#leave || (event.target as Element).shadowRoot?.querySelector('form')) return;
    this.#leave = { ...this.#leave, unavailable: true };
    this.requestUpdate();
    if (this.#leave.shown) void this.#focusPanel();
  }

  #handlePreChatSubmit(event: PreChatSubmitEvent): void {
    if (this.preview) return;
    this.#answers = event.answers;
    const session = this.#session.session;
    if (session) this.#applyName(session);
    const detail = new ParleyPreChatEvent({ poc: this.poc ?? '', answers: event.answers });
    this.dispatchEvent(detail);
    this.requestUpdate();
    // The form gives way to the message box: keep focus in the panel.
    void this.updateComplete.then(() => this.#focusPanel());
  }

  #handleImageError(url: string): void {
    this.#brokenImages.add(url);
    this.requestUpdate();
  }

  /** The pre-chat `name` answer becomes the customer's name for the next conversation. */
  #applyName(session: NonNullable<ChatSessionController['session']>): void {
    const name = this.#preChatName();
    if (name !== undefined) session.setName(name);
  }

  /** The answer to the pre-chat form's `name` field, if the customer gave one on this page. */
  #preChatName(): string | undefined {
    const field = this.#profile.profile?.profile.preChat.fields.find((f) => f.type === 'name');
    const answer = field ? this.#answers?.[field.id] : undefined;
    return typeof answer === 'string' ? answer : undefined;
  }

  /** The conversation shown: the live session's, or the preview's sample. */
  #view(): ChatView {
    if (this.preview) {
      const sample = this.#sample?.view;
      const profile = this.#profile.profile?.profile;
      // Closed, or before the pre-chat answers, a customer has no conversation yet: greeting only.
      const before = this.offline || (profile && this.#showsPreChat(profile));
      if (!sample || before) return { messages: [], pending: [], conversation: null, connection: 'connected', nextRetryAt: null, agentTyping: false };
      return sample;
    }
    const state = this.#session.state;
    return {
      messages: state?.messages ?? [],
      pending: state?.pending ?? [],
      conversation: state?.conversation ?? null,
      connection: state?.connection ?? 'connecting',
      nextRetryAt: state?.nextRetryAt ?? null,
      connectionReason: state?.connection === 'reconnecting' && state.error?.code === 'rate_limited' ? 'rate_limited' : null,
      agentTyping: state?.agentTyping ?? false,
    };
  }

  /**
   * The connection the notice shows: none while the panel is closed (no countdown runs unseen),
   * and no "Connecting…" before there is anything to send or resume.
   */
  #noticeConnection(view: ChatView): ConnectionState {
    if (this.preview || !this.isOpen) return 'idle';
    if (view.connection === 'connecting' && !view.conversation && view.pending.length === 0) return 'idle';
    return view.connection;
  }

  /** Whether a live conversation goes on: closing hours never cut it short. */
  #inConversation(): boolean {
    const c = this.#session.state?.conversation;
    return !this.preview && !!c && c.status !== 'ended';
  }

  /** The POC is closed: the page says so (`offline`), or the server's script hours do. */
  #closed(): boolean {
    return this.offline || (!this.preview && this.#availability.availability?.open === false);
  }

  /** The POC is closed and its profile (or its script, once the availability says so) says to hide the chat. */
  #hiddenOffline(): boolean {
    const hide = this.#profile.profile?.profile.offline.behaviour === 'hide' || (!this.preview && this.#availability.availability?.whenClosed === 'hide');
    return this.#closed() && hide && !this.#inConversation();
  }

  /** The POC is closed and the panel shows the offline message instead of the message box. */
  #showsOffline(): boolean {
    return this.#closed() && !this.#hiddenOffline() && !this.#inConversation();
  }

  /** The work-item POC a message is left on, when the profile offers "leave a message". */
  #leavePoc(profile: ChatProfile): string | null {
    const { behaviour, workItemPoc } = profile.offline;
    return !this.preview && behaviour === 'leave-message' && workItemPoc ? workItemPoc : null;
  }

  /**
   * Whether "Leave a message" is offered while the POC is open: the server says nobody can answer
   * now, and no agent has the chat (none started, or it waits in the queue).
   */
  #offersLeaveWhileOpen(profile: ChatProfile): boolean {
    if (!this.#leavePoc(profile) || this.#showsOffline() || this.#availability.availability?.staffed !== false) return false;
    return this.#session.state?.conversation?.status !== 'active';
  }

  /** Whether something shows in place of the conversation: a request form, or the message form. */
  #covered(): boolean {
    return !!this.#elevation || !!this.#leave?.shown;
  }

  /** The requests the customer may make: allowed from a chat by the matrix, and enabled by the profile. */
  #elevationKinds(profile: ChatProfile): ElevationKind[] {
    if (this.preview) return [];
    return elevationsFrom('chat').filter((kind) => profile.elevations[kind].enabled);
  }

  /**
   * Shows the long-wait offer once a queued chat has waited, or is expected to wait, as long as
   * the script's threshold, and sets a timer for the moment it will have (no polling). The
   * elapsed wait counts from the conversation's creation on the server's clock.
   */
  #updateLongWait(): void {
    this.#stopLongWaitTimer();
    const conversation = this.#session.state?.conversation;
    const threshold = this.#availability.availability?.longWaitSeconds ?? null;
    const profile = this.#profile.profile?.profile;
    if (this.preview || !profile || !conversation || conversation.status !== 'queued' || threshold === null || this.#elevationKinds(profile).length === 0) {
      return;
    }
    if (this.#longWait?.conversationId !== conversation.id) this.#longWait = { conversationId: conversation.id, shown: false, dismissed: false };
    const state = this.#longWait;
    if (state.shown || state.dismissed) return;
    const waited = Date.now() - Date.parse(conversation.createdAt);
    const due = (conversation.expectedWaitSeconds ?? 0) >= threshold || waited >= threshold * 1000;
    if (due) {
      state.shown = true;
      this.#announcer.announce(this.#t('elevation.offer.announce'));
      return;
    }
    const left = Number.isFinite(waited) ? threshold * 1000 - waited : threshold * 1000;
    this.#longWaitTimer = setTimeout(() => this.requestUpdate(), Math.min(left + 50, 2 ** 31 - 1));
  }

  #stopLongWaitTimer(): void {
    if (this.#longWaitTimer) clearTimeout(this.#longWaitTimer);
    this.#longWaitTimer = null;
  }

  /** Whether the long-wait offer shows now. */
  #showsLongWaitOffer(): boolean {
    const conversation = this.#session.state?.conversation;
    const state = this.#longWait;
    return !!conversation && conversation.status === 'queued' && state?.conversationId === conversation.id && state.shown && !state.dismissed;
  }

  /** The subject an email request starts from: the chat's first words, or "Chat with <title>". */
  #defaultSubject(title: string): string {
    const state = this.#session.state;
    const first = state?.messages.find((m) => m.author === 'customer')?.text ?? state?.pending[0]?.text ?? '';
    // One line: line breaks and other control characters would be refused in a subject.
    // eslint-disable-next-line no-control-regex
    const line = first.replace(/[\s\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').trim();
    if (!line) return this.#t('elevation.subjectDefault', { title });
    return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line;
  }

  /**
   * The tag the request form formats countries and times with: the page's `locale`, or the
   * browser's first language, when it is in the widget's language (`fr-CA` for a French widget);
   * else the widget's language alone.
   */
  #formatLocale(): string {
    const tags = [this.locale, ...(globalThis.navigator?.languages ?? [])];
    return tags.find((tag) => tag && tag.toLowerCase().split('-')[0] === this.#locale) ?? this.#locale;
  }

  #showsPreChat(profile: ChatProfile): boolean {
    if (!profile.preChat.enabled || profile.preChat.fields.length === 0 || this.#showsOffline()) return false;
    if (this.preview) return this.previewScreen === 'prechat';
    if (this.#answers) return false;
    // Asked before the first message of a new conversation only.
    const state = this.#session.state;
    return !this.#inConversation() && !state?.pending.length;
  }

  /**
   * Full screen, the panel hides the page and is a modal dialog. Not in preview: there it is a
   * picture inside the studio, whose own controls must stay reachable.
   */
  get #modal(): boolean {
    return this.#narrow.matches && !this.preview;
  }

  /**
   * Loads the form `tag` (see lazy-forms.ts); true once it is defined. A failure is reported once
   * to the website owner, and the form is asked for again at the customer's next step.
   */
  #needForm(tag: LazyFormTag): Promise<boolean> {
    return loadForm(tag).then(
      () => true,
      (error: unknown) => {
        this.#report({ code: 'internal_error', message: String(error) }, `its <${tag}> form could not be loaded (${String(error)}); it is asked for again at the customer's next step`);
        return false;
      },
    );
  }

  /**
   * The panel is open: loads the forms it shows now (the pre-chat form, a request form, the
   * message form shown or offered) and, once the browser is idle, every other form the profile
   * may show, so that it appears without a wait.
   */
  #askPanelForms(profile: ChatProfile): void {
    if (this.#showsPreChat(profile)) void this.#needForm('parley-prechat');
    if (this.#elevation) void this.#needForm('parley-elevation');
    const leaveOffered = this.#leavePoc(profile) && (this.#showsOffline() || this.#offersLeaveWhileOpen(profile));
    if (this.#leave || leaveOffered) void this.#needForm('parley-work-item');
    const later: LazyFormTag[] = [];
    if (profile.preChat.enabled && profile.preChat.fields.length > 0) later.push('parley-prechat');
    if (this.#elevationKinds(profile).length > 0) later.push('parley-elevation');
    if (this.#leavePoc(profile)) later.push('parley-work-item');
    prefetchForms(later);
    // Agent messages with formatting need the sanitiser: have it before the first one comes.
    whenIdle(() => loadSanitizer().catch(() => undefined));
  }

  /** Logs one console error (and fires one `parley-error`) per distinct failure. */
  #report(error: ProtocolError, explanation: string): void {
    const key = `${this.#server}\n${this.poc}\n${error.code}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    const who = this.poc ? `<parley-chat poc="${this.poc}">` : '<parley-chat>';
    console.error(`Parley: ${who}: ${explanation}.`);
    const event = new ParleyErrorEvent({ poc: this.poc ?? '', error: { ...error, message: explanation } });
    this.dispatchEvent(event);
  }

  #countUnread(): number {
    const state = this.#session.state;
    const conversation = state?.conversation;
    if (!state || !conversation) return 0;
    if (this.isOpen && this.#profile.status === 'ready') {
      const seq = lastSeq(state.messages);
      const seen = this.#seen;
      if (!seen || seen.conversationId !== conversation.id || seen.seq < seq) this.#writeSeen(conversation.id, seq);
      return 0;
    }
    const after = this.#seen?.conversationId === conversation.id ? this.#seen.seq : 0;
    return state.messages.filter((m) => m.author === 'agent' && m.seq > after).length;
  }

  #readSeen(poc: string): { conversationId: string; seq: number } | null {
    try {
      const value: unknown = JSON.parse(browserStorage()?.getItem(`parley:seen:${poc}`) ?? 'null');
      const seen = value as { conversationId?: unknown; seq?: unknown } | null;
      return seen && typeof seen.conversationId === 'string' && typeof seen.seq === 'number'
        ? { conversationId: seen.conversationId, seq: seen.seq }
        : null;
    } catch {
      return null;
    }
  }

  #writeSeen(conversationId: string, seq: number): void {
    this.#seen = { conversationId, seq };
    if (this.poc) browserStorage()?.setItem(`parley:seen:${this.poc}`, JSON.stringify(this.#seen));
  }

  /**
   * Focuses the panel's first place to type (a request form, the message form, the pre-chat form
   * or the message box), or the message form's outcome, once rendered.
   */
  async #focusPanel(): Promise<void> {
    await this.updateComplete;
    const leave = this.#leave?.shown ? this.#leave : null;
    if (leave && (leave.reference || leave.unavailable)) {
      if (this.isOpen) this.renderRoot.querySelector<HTMLElement>('#leave-title')?.focus();
      return;
    }
    const target = leave ? this.workItemEl : (this.elevationEl ?? this.preChat ?? this.composer);
    if (!target) return;
    // A form may still be loading: until its definition lands it has no shadow root to focus.
    if (target !== this.composer && !(await this.#needForm(target.localName as LazyFormTag))) return;
    await target.updateComplete;
    if (this.isOpen) target.focus();
  }

  #focusIsInPanel(): boolean {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    return !!active && !!this.panelEl?.contains(active);
  }

  #setState(name: string, on: boolean): void {
    try {
      if (on) this.#internals.states.add(name);
      else this.#internals.states.delete(name);
    } catch {
      // Browsers before CustomStateSet (or with the older `--name` syntax): states are a bonus.
    }
  }

  protected override render(): TemplateResult {
    const profile = this.#profile.status === 'ready' ? this.#profile.profile!.profile : null;
    const shown = profile && !this.#hiddenOffline();
    return html`<div class="theme" lang=${this.#locale} ?data-open=${this.isOpen} ?data-narrow=${this.#narrow.matches}>
      ${this.#announcer.render()} ${shown ? [this.renderLauncher(profile), this.renderPanel(profile)] : nothing}
    </div>`;
  }

  private renderLauncher(profile: ChatProfile): TemplateResult {
    const t = this.#t;
    const unread = this.isOpen ? 0 : this.#unread;
    const action = this.isOpen
      ? t('launcher.close')
      : unread > 0
        ? t(plural(this.#locale, unread, 'launcher.openUnread.one', 'launcher.openUnread.other'), { count: unread })
        : t('launcher.open');
    // The label is hidden while open (the button then only closes): the name must contain what shows.
    const label = this.isOpen ? '' : localizedTexts(profile, this.#locale).launcherLabel;
    const { icon, shape } = profile.launcher;
    return html`<button
      type="button"
      class="launcher ${shape} ${label ? 'labelled' : ''}"
      part="launcher"
      aria-expanded=${this.isOpen ? 'true' : 'false'}
      aria-controls=${ifDefined(this.#everOpened ? 'panel' : undefined)}
      aria-label=${label ? t('launcher.withLabel', { label, action }) : action}
      @click=${this.#handleLauncherClick}
      @keydown=${this.#handleLauncherKeydown}
    >
      ${this.isOpen
        ? html`<svg part="launcher-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${closeIcon}</svg>`
        : this.renderLauncherIcon(icon)}
      ${label ? html`<span class="launcher-label" part="launcher-label">${label}</span>` : nothing}
      ${unread > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${unread > 9 ? '9+' : unread}</span>` : nothing}
    </button>`;
  }

  private renderLauncherIcon(icon: ChatProfile['launcher']['icon']): TemplateResult {
    if (typeof icon === 'object' && !this.#brokenImages.has(icon.url)) {
      return html`<img part="launcher-icon" src=${icon.url} alt="" referrerpolicy="no-referrer" @error=${() => this.#handleImageError(icon.url)} />`;
    }
    const preset = typeof icon === 'string' ? icon : 'chat';
    // Drawn by the same code as the loader's launcher (launcher-look.ts); one node per preset, kept.
    let node = this.#launcherIcons.get(preset);
    if (!node) this.#launcherIcons.set(preset, (node = svgIcon(LAUNCHER_ICON_SHAPES[preset], 'launcher-icon')));
    return html`${node}`;
  }

  private renderPanel(profile: ChatProfile): TemplateResult | typeof nothing {
    if (!this.#everOpened) return nothing;
    const t = this.#t;
    const texts = localizedTexts(profile, this.#locale);
    const view = this.#view();
    const conversation = view.conversation;
    const canEnd = !!conversation && conversation.status !== 'ended' && view.connection === 'connected';
    const logo = profile.header.logoUrl && !this.#brokenImages.has(profile.header.logoUrl) ? profile.header.logoUrl : null;
    const avatar = profile.header.agentAvatarUrl && !this.#brokenImages.has(profile.header.agentAvatarUrl) ? profile.header.agentAvatarUrl : null;
    return html`<div
      id="panel"
      class="panel"
      part="panel"
      role="dialog"
      aria-labelledby="title"
      aria-modal=${this.#modal ? 'true' : 'false'}
      ?hidden=${!this.isOpen}
      @keydown=${this.#handlePanelKeydown}
    >
      <div class="header" part="header">
        ${logo
          ? html`<img class="logo" part="logo" src=${logo} alt=${texts.title} referrerpolicy="no-referrer" @error=${() => this.#handleImageError(logo)} />`
          : nothing}
        <div class="heading">
          <h2 id="title" class="title" part="title">${texts.title}</h2>
          ${texts.subtitle ? html`<p class="subtitle" part="subtitle">${texts.subtitle}</p>` : nothing}
        </div>
        ${profile.transcriptDownload && view.messages.length > 0
          ? html`<button
              type="button"
              class="icon-button"
              part="download-button"
              aria-label=${t('panel.download')}
              title=${t('panel.download')}
              @click=${this.#handleDownloadClick}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${downloadIcon}</svg>
            </button>`
          : nothing}
        ${canEnd
          ? html`<button type="button" class="end-button" part="end-button" @click=${this.#handleEndClick}>${t('panel.endChat')}</button>`
          : nothing}
        <button type="button" class="icon-button close-button" part="close-button" aria-label=${t('panel.close')} @click=${this.#handleCloseClick}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${closeIcon}</svg>
        </button>
      </div>
      <parley-connection-status
        exportparts="notice: connection"
        connection=${this.#noticeConnection(view)}
        .nextRetryAt=${view.nextRetryAt}
        .reason=${view.connectionReason ?? null}
        locale=${this.#locale}
      ></parley-connection-status>
      <parley-message-list
        exportparts="log, message, message-customer, message-agent, message-system, message-greeting, bubble, avatar, retry-button, delivery-icon, delivery, status, earlier-button, later-button"
        .messages=${view.messages}
        .pending=${view.pending}
        .conversation=${conversation}
        .avatarUrl=${avatar}
        connection=${view.connection}
        .refusal=${view.connection === 'refused' ? (this.#session.state?.error?.code ?? null) : null}
        ?agent-typing=${view.agentTyping}
        greeting=${texts.greeting}
        locale=${this.#locale}
        ?hidden=${this.#covered()}
        @retry-message=${this.#handleRetry}
      ></parley-message-list>
      ${this.renderElevationBar(profile)} ${this.renderFooter(profile, texts.placeholder, texts.offlineMessage, view)}
      ${this.#elevation ? this.renderElevation(this.#elevation, texts.title) : nothing}
      ${this.#leave && this.#leavePoc(profile) ? this.renderLeave(this.#leave, this.#leavePoc(profile)!) : nothing}
    </div>`;
  }

  /** Below the transcript: the offline message (and what may still be asked), the pre-chat form or the message box. */
  private renderFooter(profile: ChatProfile, placeholder: string, offlineMessage: string, view: ChatView): TemplateResult {
    const hidden = this.#covered();
    if (this.#showsOffline()) {
      const kinds = this.#elevationKinds(profile);
      return html`<p class="offline" part="offline" ?hidden=${hidden}>${offlineMessage || this.#t('offline.message')}</p>
        ${this.#leavePoc(profile)
          ? html`<div class="leave" part="leave-message" ?hidden=${hidden}>${this.renderLeaveButton()}</div>`
          : nothing}
        ${kinds.length
          ? html`<div class="offline-options" part="elevation-options" ?hidden=${hidden}>
              <p id="offline-options">${this.#t('elevation.closed.options')}</p>
              <ul class="options" aria-labelledby="offline-options">
                ${kinds.map((kind) => html`<li>${this.renderOption(kind, 'elevation-option', `[part~="elevation-options"] [data-kind="${kind}"]`)}</li>`)}
              </ul>
            </div>`
          : nothing}`;
    }
    if (this.#showsPreChat(profile)) {
      return html`<parley-prechat
        exportparts="prechat, prechat-field, prechat-input, prechat-error, prechat-submit"
        .fields=${profile.preChat.fields}
        locale=${this.#locale}
        ?hidden=${hidden}
        @prechat-submit=${this.#handlePreChatSubmit}
      ></parley-prechat>`;
    }
    return html`<parley-composer
      exportparts="composer, input, send-button"
      locale=${this.#locale}
      placeholder=${placeholder}
      ?disabled=${view.connection === 'refused'}
      ?hidden=${hidden}
      @compose-send=${this.#handleSend}
      @compose-typing=${this.#handleTyping}
    ></parley-composer>`;
  }

  /** The "Leave a message" button: opens the message form. */
  private renderLeaveButton(): TemplateResult {
    return html`<button type="button" class="option" part="leave-message-button" @click=${() => this.#openLeave('[part~="leave-message-button"]')}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${leaveIcon}</svg><span>${this.#tw('leave.button')}</span>
    </button>`;
  }

  /**
   * "Leave a message" in place of the conversation: a back button, then the work-item form of the
   * profile's `offline.workItemPoc` (filed with `source` `chat`), or, once sent, its reference.
   */
  private renderLeave(leave: LeaveView, poc: string): TemplateResult {
    const tw = this.#tw;
    let body: unknown;
    if (leave.reference) {
      body = html`<section class="leave-done" part="leave-message-confirmation" aria-labelledby="leave-title">
        <h3 id="leave-title" class="leave-title" tabindex="-1">${tw('leave.done.title')}</h3>
        <p class="reference-label">${tw('done.reference')}</p>
        <p class="reference" part="leave-message-reference">${leave.reference}</p>
        <p class="leave-next">${tw('leave.done.text')}</p>
      </section>`;
    } else if (leave.unavailable) {
      body = html`<p id="leave-title" class="leave-unavailable" tabindex="-1">${tw('unavailable')}</p>`;
    } else {
      // New for each message: one sent, the next starts from an empty form with its own key.
      body = keyed(
        this.#leaveForms,
        html`<parley-work-item
          exportparts="work-item, work-item-form, work-item-title, work-item-subtitle, work-item-summary, work-item-field, work-item-input, work-item-error, work-item-files, work-item-file, work-item-file-remove, work-item-waiting, work-item-alert, work-item-submit"
          poc=${poc}
          server=${this.#server}
          locale=${this.#locale}
          .source=${'chat' as const}
          @parley-work-item-submitted=${this.#handleLeaveSubmitted}
          @parley-error=${this.#handleLeaveError}
        ></parley-work-item>`,
      );
    }
    return html`<div class="leave-view" part="leave-message-view" ?hidden=${!leave.shown}>
      ${backBar(tw('leave.back'), 'leave-message-back', this.#closeLeave)}
      ${body}
    </div>`;
  }

  /** One request button: the kind's icon and name; opens its form. */
  private renderOption(kind: ElevationKind, part: string, returnTo: string, label = this.#t(`elevation.kind.${kind}`), stopWaiting = false): TemplateResult {
    return html`<button type="button" class="option" part=${part} data-kind=${kind} @click=${() => this.#openElevation(kind, stopWaiting, returnTo)}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ELEVATION_ICONS[kind]}</svg><span>${label}</span>
    </button>`;
  }

  /**
   * Between the transcript and the message box: the long-wait offer, the requests made, and the
   * "Other ways to reach us" disclosure (not while closed: the offline state lists the options).
   */
  private renderElevationBar(profile: ChatProfile): TemplateResult | typeof nothing {
    const t = this.#t;
    const kinds = this.#elevationKinds(profile);
    const requests = this.preview ? [] : (this.#session.state?.elevations ?? []).slice(-REQUESTS_SHOWN).reverse();
    const offer = this.#showsLongWaitOffer() && kinds.length > 0;
    const menu = kinds.length > 0 && !this.#showsOffline();
    const leave = this.#offersLeaveWhileOpen(profile);
    if (!offer && !menu && !leave && requests.length === 0) return nothing;
    return html`<div class="elevation-bar" part="elevation-bar" ?hidden=${this.#covered()}>
      ${leave
        ? html`<div class="offer leave-offer" part="leave-message" role="group" aria-labelledby="leave-text">
            <p id="leave-text" class="offer-text">${this.#tw('leave.intro')}</p>
            <div class="offer-actions">${this.renderLeaveButton()}</div>
          </div>`
        : nothing}
      ${offer
        ? html`<div class="offer" part="elevation-offer" role="group" aria-labelledby="offer-text">
            <p id="offer-text" class="offer-text">${t('elevation.offer.longWait')}</p>
            <div class="offer-actions">
              ${kinds.map((kind) => this.renderOption(kind, 'elevation-offer-button', '[part~="elevation-menu-button"]', t(`elevation.offer.${kind}`), true))}
              <button type="button" class="link-button" @click=${this.#handleOfferDismiss}>${t('elevation.offer.dismiss')}</button>
            </div>
          </div>`
        : nothing}
      ${requests.length ? this.renderRequests(requests) : nothing}
      ${menu
        ? html`<button
              type="button"
              class="menu-button"
              part="elevation-menu-button"
              aria-expanded=${this.#menuOpen ? 'true' : 'false'}
              aria-controls="elevation-menu"
              @click=${this.#handleMenuToggle}
            >
              ${t('elevation.menu')}<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${chevronIcon}</svg>
            </button>
            <ul id="elevation-menu" class="options" part="elevation-menu" ?hidden=${!this.#menuOpen}>
              ${kinds.map((kind) => html`<li>${this.renderOption(kind, 'elevation-option', '[part~="elevation-menu-button"]')}</li>`)}
            </ul>`
        : nothing}
    </div>`;
  }

  private renderRequests(requests: CustomerElevation[]): TemplateResult {
    const t = this.#t;
    return html`<section class="requests" part="elevation-requests" aria-labelledby="requests-title">
      <h3 id="requests-title" class="requests-title">${t('elevation.requests')}</h3>
      <ul>
        ${requests.map(
          (r) => html`<li>
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ELEVATION_ICONS[r.kind]}</svg>
            <span class="request-name">${t(`elevation.name.${r.kind}`)}</span>
            <span class="request-reference">${r.reference}</span>
            <span class="request-status" data-status=${r.status}>${t(`elevation.status.${r.status}`)}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  /** The request form, new for each opening (its own request id), in place of the conversation. */
  private renderElevation(view: { kind: ElevationKind; stopWaiting: boolean }, title: string): unknown {
    return keyed(
      this.#elevationForms,
      html`<parley-elevation
        exportparts="elevation, elevation-back, elevation-form, elevation-field, elevation-input, elevation-error, elevation-alert, elevation-submit, elevation-confirmation, elevation-reference"
        kind=${view.kind}
        locale=${this.#formatLocale()}
        .windows=${this.#availability.availability?.callbackWindows ?? NO_WINDOWS}
        subject=${this.#defaultSubject(title)}
        ?stop-waiting=${view.stopWaiting}
        @elevation-submit=${this.#handleElevationSubmit}
        @elevation-back=${this.#closeElevation}
        @elevation-announce=${this.#handleElevationAnnounce}
      ></parley-elevation>`,
    );
  }
}

/**
 * The preview's sample conversation, from the catalogue: the customer asks, an agent joins,
 * answers with a little formatting, and is typing again.
 */
function sampleConversation(t: Translate<WidgetKey>): ChatView {
  const name = t('preview.agentName');
  const at = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const base = { conversationId: 'preview', authorName: null, text: '' };
  const messages: ChatMessage[] = [
    { ...base, id: 'preview-1', clientId: 'preview-1', seq: 1, author: 'customer', text: t('preview.customerText'), sentAt: at(3) },
    { ...base, id: 'preview-2', clientId: 'preview-2', seq: 2, author: 'system', event: { type: 'agent-joined', name }, sentAt: at(2) },
    { ...base, id: 'preview-3', clientId: 'preview-3', seq: 3, author: 'agent', authorName: name, text: t('preview.agentText'), sentAt: at(1) },
  ];
  const conversation: CustomerConversation = {
    id: 'preview',
    pocId: 'preview',
    status: 'active',
    queuePosition: null,
    expectedWaitSeconds: null,
    agentName: name,
    lastSeq: 3,
    receipts: { delivered: 3, read: 3 },
    createdAt: at(3),
  };
  return { messages, pending: [], conversation, connection: 'connected', nextRetryAt: null, agentTyping: true };
}

/** A plain-text transcript: heading, date, greeting, then one line per message (agent HTML already as plain text) with its time. */
function transcriptText(t: Translate<WidgetKey>, locale: string, texts: { title: string; greeting: string }, messages: readonly ChatMessage[]): string {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  const lines = [t('transcript.heading', { title: texts.title }), date.format(new Date()), ''];
  if (texts.greeting) lines.push(`${texts.title}: ${texts.greeting}`);
  for (const m of messages) {
    const when = Number.isNaN(Date.parse(m.sentAt)) ? '' : `[${time.format(new Date(m.sentAt))}] `;
    if (m.author === 'system') {
      lines.push(`${when}${m.event ? phraseEvent(t, m.event) : m.text}`);
    } else {
      const name = m.author === 'agent' ? m.authorName || t('author.agent') : t('author.you');
      lines.push(`${when}${name}: ${m.text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The text of sanitised agent HTML, with line breaks where its blocks and `<br>`s were. */
function plainText(node: Node): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) out += child.textContent ?? '';
    else if (child.nodeName === 'BR') out += '\n';
    else if (child.nodeName === 'LI') out += `\n- ${plainText(child).trim()}`;
    else if (['P', 'UL', 'OL', 'PRE', 'BLOCKQUOTE'].includes(child.nodeName)) out += `\n${plainText(child).trim()}\n`;
    else out += plainText(child);
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
