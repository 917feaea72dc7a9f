/**
 * Parley wire protocol, version 1 — the one module shared by the widget, the agent console and
 * the server. Every type that crosses the network is declared here, and nowhere else.
 *
 * Invariant: this module is pure data and types. It imports nothing but its own administration
 * part (`./admin.ts`, re-exported) and touches no global, so the server, Node tests and the
 * browser bundles all load the same definitions.
 *
 * The prose description lives in docs/protocol.md; keep both in step.
 */
import type { DeactivationWayOut, Permission } from './admin.js';

export * from './admin.js';

/** Bumped on any incompatible change to an event name or payload. */
export const PROTOCOL_VERSION = 1;

/** socket.io namespaces, versioned with the protocol. */
export const NAMESPACES = {
  customer: '/v1/customer',
  agent: '/v1/agent',
} as const;

/** Prefix of the HTTP API. */
export const API_PREFIX = '/api/v1';

/**
 * The request header carrying the session's CSRF token on every state-changing staff call made
 * with the session cookie (docs/protocol.md).
 */
export const CSRF_HEADER = 'X-Parley-CSRF';

/** Input limits, enforced by the server and mirrored by the forms. */
export const LIMITS = {
  /** Longest message text, in UTF-16 code units (what `String.length` counts). */
  messageMaxLength: 4000,
  /** Longest customer or agent display name. */
  nameMaxLength: 80,
  /** Longest wrap-up note. */
  noteMaxLength: 2000,
  /** Longest client-generated id. */
  clientIdMaxLength: 64,
  /** Longest id of any kind the server accepts in a payload. */
  idMaxLength: 64,
  /** Most messages a client keeps waiting for acknowledgement (its outbox) at once. */
  outboxMax: 50,
  /** Most messages one resume reply carries; the client asks again until it holds `lastSeq`. */
  resumePageSize: 1000,
  /** Longest email address (RFC 5321's path limit). */
  emailMaxLength: 254,
  /** Longest email subject. */
  subjectMaxLength: 200,
  /** Longest phone number as typed (spaces and punctuation included). */
  phoneInputMaxLength: 32,
  /** Longest text message an agent sends (ten SMS segments). */
  smsMaxLength: 1600,
  /** Longest answer to a one-line work-item field (`text`). */
  workItemTextMaxLength: 200,
  /** Longest answer to a `textarea` work-item field. */
  workItemLongTextMaxLength: 4000,
  /** Most fields a work-item form may have. */
  workItemMaxFields: 20,
  /** Largest attachment any form may allow (10 MiB), and most files one file field may take. */
  attachmentMaxBytes: 10 * 1024 * 1024,
  attachmentMaxFiles: 10,
} as const;

/** Channels a point of contact can be created for (SPEC §1). */
export const POC_CHANNELS = ['chat', 'email', 'phone', 'workitem'] as const;
export type PocChannel = (typeof POC_CHANNELS)[number];

/** Channels a skill (routing queue) can serve (SPEC §1). */
export const SKILL_CHANNELS = ['chat', 'email', 'voice', 'sms', 'workitem'] as const;
export type SkillChannel = (typeof SKILL_CHANNELS)[number];

/** Interaction kinds that appear in the elevation matrix. */
export type InteractionChannel = SkillChannel | 'voicemail';

/**
 * The elevation matrix of SPEC §2 (seed 002): which interaction may be elevated to which channel.
 * Single source of truth for widget, console and server.
 */
export const ELEVATIONS: Readonly<Record<InteractionChannel, readonly SkillChannel[]>> = {
  chat: ['email', 'voice', 'sms'],
  email: ['voice', 'sms'],
  voice: ['email', 'sms'],
  workitem: ['email', 'voice', 'sms'],
  voicemail: ['email', 'voice', 'sms'],
  sms: ['email', 'voice'],
};

/** Whether `from` may be elevated to `to` according to the matrix. */
export function canElevate(from: InteractionChannel, to: SkillChannel): boolean {
  // Own keys only: `from` may come off the wire, and `ELEVATIONS['__proto__']` is not a row.
  return Object.prototype.hasOwnProperty.call(ELEVATIONS, from) && ELEVATIONS[from].includes(to);
}

/**
 * What a customer asks for from the chat — "call me back", "email me", "text me" — and what an
 * agent starts from their side. Each kind creates an interaction on one channel.
 */
export const ELEVATION_KINDS = ['callback', 'email', 'sms'] as const;
export type ElevationKind = (typeof ELEVATION_KINDS)[number];

/** The channel of the interaction each elevation kind creates. */
export const ELEVATION_CHANNEL: Readonly<Record<ElevationKind, SkillChannel>> = {
  callback: 'voice',
  email: 'email',
  sms: 'sms',
};

/** The elevation kinds the matrix allows from an interaction on `from`, in menu order. */
export function elevationsFrom(from: InteractionChannel): ElevationKind[] {
  return ELEVATION_KINDS.filter((kind) => canElevate(from, ELEVATION_CHANNEL[kind]));
}

// ---------------------------------------------------------------------------------------------
// Errors and acknowledgements

/** Machine-readable error codes, shared by HTTP bodies and socket acks. */
export type ErrorCode =
  | 'invalid_payload'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_field'
  | 'message_empty'
  | 'message_too_long'
  | 'poc_not_found'
  | 'poc_inactive'
  | 'poc_wrong_channel'
  | 'conversation_not_found'
  | 'conversation_ended'
  | 'conversation_open'
  | 'client_id_conflict'
  | 'outbox_full'
  | 'server_closing'
  | 'offer_not_found'
  | 'not_authenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'unsupported_protocol'
  | 'capacity_reached'
  | 'invalid_profile'
  | 'elevation_unavailable'
  | 'rate_limited'
  | 'delivery_failed'
  | 'attachment_too_large'
  | 'attachment_type'
  /** Admin: the POC is still assigned to an active skill (the body's `wayOut` says how to proceed). */
  | 'poc_skill_active'
  /** Admin: the value is already taken (an email address, a DNIS, a username, a name). */
  | 'already_exists'
  /** Admin: the thing is still used (a role by accounts, a DNIS by a POC). */
  | 'in_use'
  /** The request's website origin is not on the point of contact's allow-list (`field: 'Origin'`). */
  | 'origin_not_allowed'
  /** Customer handshake: the signed identity was refused (bad signature, expired, or the POC takes none). */
  | 'identity_invalid'
  /** Staff API: a state-changing call made with the session cookie lacks the right `X-Parley-CSRF` header, or comes from a foreign `Origin`. */
  | 'csrf_failed'
  | 'internal_error';

/** The one error shape: HTTP bodies are `{ error: ProtocolError }`, socket acks `{ ok: false, error }`. */
export interface ProtocolError {
  code: ErrorCode;
  /** English, for developers and logs; UIs show their own translated text chosen by `code`. */
  message: string;
  /** The offending field, when one field is to blame (dotted path, e.g. `text` or `body.name`). */
  field?: string;
  /** With `rate_limited`: seconds until a new attempt can succeed. */
  retryAfter?: number;
  /** Every field refused when a form is checked as a whole (work-item intake); `field` is the first. */
  fields?: FieldError[];
  /** With `poc_skill_active`: how to deactivate anyway, in one step. */
  wayOut?: DeactivationWayOut;
}

/** One refused field of a form: the field's id, and why. */
export interface FieldError {
  field: string;
  code: ErrorCode;
  message: string;
}

/** Every acknowledged socket event answers with one of these. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ProtocolError };
export type AckFn<T extends object = object> = (reply: Ack<T>) => void;

/** The reply type of an acknowledged event handler signature `(req, ack) => void`. */
export type ReplyOf<F> = F extends (req: never, ack: AckFn<infer T>) => void ? Ack<T> : never;

// ---------------------------------------------------------------------------------------------
// Shared records

export type Author = 'customer' | 'agent' | 'system';

/** What a system message reports; the widget and console phrase it in their own language. */
export type ConversationEvent =
  | { type: 'agent-joined'; name: string }
  | { type: 'agent-left'; name: string }
  | { type: 'ended'; by: 'customer' | 'agent' | 'system' }
  /** The session goes on on another channel too (`reference` is what the customer was given). */
  | { type: 'elevated'; kind: ElevationKind; reference: string; by: 'customer' | 'agent' };

/**
 * One stored message. `seq` numbers messages 1, 2, 3… per conversation; clients order by it and
 * resume from the highest they hold. `clientId` is generated by the sender; the server keeps one
 * message per (conversation, clientId), so a re-send returns the original.
 */
export interface ChatMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  author: Author;
  /** Display name of the author (agent's display name, customer's given name). */
  authorName: string | null;
  /**
   * Customer text is plain text and is always shown as text. Agent text may carry a little HTML
   * (bold, italics, links, lists), always shown through the strict sanitizer. Empty for events.
   */
  text: string;
  /** Present on system messages only. */
  event?: ConversationEvent;
  /** ISO 8601 time the server stored it. */
  sentAt: string;
}

/**
 * How far the other party of a conversation has got: the highest `seq` up to which its screen
 * has received every message (`delivered`) and has shown them (`read`). Both only grow, and
 * `read <= delivered <= lastSeq`. A message one side sent is delivered, or read, once its `seq`
 * is at most the other side's mark.
 */
export interface Receipts {
  delivered: number;
  read: number;
}

/** Sent by either side when its marks move (fire-and-forget; a later one supersedes it). */
export interface ReceiptRequest {
  conversationId: string;
  /** Highest seq up to which this side holds every message. */
  delivered?: number;
  /** Highest seq this side has shown to its person. */
  read?: number;
}

/** The other side's marks moved. */
export interface ReceiptSignal extends Receipts {
  conversationId: string;
}

/** Customer-side status of a conversation. */
export type CustomerConversationStatus = 'queued' | 'active' | 'ended';

/** What a customer is told about their conversation. */
export interface CustomerConversation {
  id: string;
  pocId: string;
  status: CustomerConversationStatus;
  /** 1 for the next in line; null once an agent has joined or the chat ended. */
  queuePosition: number | null;
  /**
   * While queued: the server's estimate of the seconds left before an agent answers (queue
   * position times the skill's recent average wait); null otherwise.
   */
  expectedWaitSeconds: number | null;
  /** Display name of the agent once one has joined. */
  agentName: string | null;
  /** Highest message sequence number stored in this conversation. */
  lastSeq: number;
  /** How far the agent's screen has received and shown the conversation. */
  receipts: Receipts;
  createdAt: string;
}

/** Agent-side status: `wrapup` means the chat is over and awaits the agent's disposition. */
export type AgentConversationStatus = 'active' | 'wrapup' | 'closed';

export interface AgentConversation {
  id: string;
  /** The channel of this interaction: `chat`, or the channel an elevation created it on. */
  channel: SkillChannel;
  /** The omnichannel session the interaction belongs to. */
  sessionId: string;
  /** What the customer (or an agent) asked for, when this interaction comes from an elevation. */
  elevation: ElevationDetails | null;
  /** The form's answers and attachments, for a work item (`channel` `workitem`); else null. */
  workItem: WorkItemDetails | null;
  pocId: string;
  pocName: string;
  customerName: string | null;
  /** The website owner's id for the customer, when the website vouched for them (a signed identity); else null. */
  verifiedId: string | null;
  status: AgentConversationStatus;
  /** Who ended the chat, once it is over. */
  endedBy: 'customer' | 'agent' | 'system' | null;
  lastSeq: number;
  /** How far the customer's screens have received and shown the conversation. */
  receipts: Receipts;
  createdAt: string;
  acceptedAt: string | null;
}

/** A contact offered to one agent, to accept or decline before `expiresAt`. */
export interface Offer {
  id: string;
  conversationId: string;
  sessionId: string;
  /** Set when the contact is an elevation: the request, and the chat it came from. */
  elevation: ElevationDetails | null;
  /** The form's answers and attachments, for a work item (`channel` `workitem`); else null. */
  workItem: WorkItemDetails | null;
  pocId: string;
  pocName: string;
  channel: SkillChannel;
  customerName: string | null;
  /** The customer's first message, as plain text (may be empty). */
  preview: string;
  offeredAt: string;
  expiresAt: string;
}

export interface Disposition {
  code: string;
  label: string;
}

// ---------------------------------------------------------------------------------------------
// Elevation and omnichannel sessions (docs/elevation.md)

/** A callback time window: ISO 8601 instants, within the script's business hours. */
export interface TimeWindow {
  from: string;
  to: string;
}

/**
 * `GET /api/v1/pocs/:poc/availability` — whether the POC's script has it open now, and what the
 * widget may offer: the long-wait threshold and the callback windows of the next open days.
 * Never cached: it changes with the clock.
 */
export interface PocAvailability {
  open: boolean;
  /** When a closed POC opens next (within 7 days), else null. */
  nextOpenAt: string | null;
  /** IANA time zone of the script's hours. */
  timeZone: string;
  /**
   * Offer "stop waiting, we'll contact you" once a queued chat's wait (elapsed or expected)
   * reaches this many seconds; null when the script does not offer it.
   */
  longWaitSeconds: number | null;
  /** Callback windows a customer may choose (one-hour slots of the next open days, in order). */
  callbackWindows: TimeWindow[];
  /**
   * Whether an agent is signed in, available and holds the POC's skill right now; with the
   * profile's `leave-message`, the chat offers to leave a message when this is false.
   */
  staffed: boolean;
  /**
   * What the script says to do while closed: `offline-message` (the profile's offline state) or
   * `hide` (the widget hides, as with the profile's `hide`, once it knows the POC is closed).
   */
  whenClosed: 'offline-message' | 'hide';
}

/**
 * `elevation:request` from the customer. `requestId` is the idempotency key: the widget makes one
 * per form and re-sends it on every retry, and the server answers every repeat with the first
 * request's result. Fields are flat so an error names exactly the one to fix.
 */
export interface ElevationRequest {
  /** UUID made by the widget (letters, digits, `-`, `_`, at most 64). */
  requestId: string;
  kind: ElevationKind;
  /** The chat this continues, when there is one (there is none while the POC is closed). */
  conversationId?: string;
  /** Display name, when the customer gives one and no chat carries it. */
  name?: string;
  /** callback, sms: the number as typed, national or international. */
  phone?: string;
  /** callback, sms: ISO 3166-1 alpha-2 country the number is read in when not international. */
  country?: string;
  /** callback: a window from `PocAvailability.callbackWindows`; absent for "as soon as possible". */
  window?: TimeWindow | null;
  /** callback, sms: must be `true` — the customer agrees to be called or texted. */
  consent?: boolean;
  /** email: where to write. */
  email?: string;
  /** email: subject (one line). */
  subject?: string;
  /** email: the customer's message. */
  message?: string;
  /** Sent from the long-wait offer: the queued chat ends ("stop waiting, we'll contact you"). */
  stopWaiting?: boolean;
}

/** Customer-side status of an elevation: waiting for an agent, in an agent's hands, finished. */
export type ElevationStatus = 'requested' | 'in-progress' | 'done';

/** What the customer is told about one of their requests. */
export interface CustomerElevation {
  /** The interaction id. */
  id: string;
  kind: ElevationKind;
  /** Short code the customer can quote, e.g. `CB-7K3M9Q`. */
  reference: string;
  status: ElevationStatus;
  /** Normalised destination: E.164 number or email address. */
  destination: string;
  /** The number in international format (`+33 6 12 34 56 78`), or the address. */
  destinationDisplay: string;
  window: TimeWindow | null;
  /** The chat it came from, if any. */
  conversationId: string | null;
  createdAt: string;
}

/** An elevated interaction as agents see it. */
export interface ElevationDetails {
  kind: ElevationKind;
  reference: string;
  by: 'customer' | 'agent';
  /** The interaction it was elevated from (its transcript is readable with `transcript:get`). */
  fromConversationId: string | null;
  fromChannel: InteractionChannel | null;
  /** E.164 number or email address. */
  destination: string;
  /** The number in international format for display (`+33 6 12 34 56 78`); the address for email. */
  destinationDisplay: string;
  subject: string | null;
  window: TimeWindow | null;
  /** The customer agreed to be called or texted. */
  consent: boolean;
}

/** One interaction of a session, as the session view lists it. */
export interface SessionInteraction {
  id: string;
  channel: SkillChannel;
  status: 'queued' | 'active' | 'wrapup' | 'closed';
  reference: string | null;
  agentName: string | null;
  disposition: string | null;
  createdAt: string;
  closedAt: string | null;
}

/** An omnichannel session: complete only once every interaction in it is closed. */
export interface SessionView {
  id: string;
  customerName: string | null;
  complete: boolean;
  completedAt: string | null;
  interactions: SessionInteraction[];
}

/** A skill an agent may route an elevation to (their tenant's active skills). */
export interface SkillSummary {
  id: string;
  name: string;
  channel: SkillChannel;
}

/** `interaction:elevate` from an agent: a new interaction in the same session, held by that agent. */
export interface AgentElevationRequest {
  requestId: string;
  /** An interaction the agent holds. */
  conversationId: string;
  kind: ElevationKind;
  /** A skill of the tenant on the kind's channel. */
  skillId: string;
  phone?: string;
  country?: string;
  email?: string;
  subject?: string;
  /** email, sms: the first message, sent at once. */
  text?: string;
}

/**
 * The client id of the first email or text an agent-side elevation sends (`interaction:elevate`
 * with `text`): a `message:send` under it retries that message, which goes out at most once.
 */
export const elevationFirstMessageId = (requestId: string): string => `first-${requestId}`;

/** How outbound email and texts leave Parley, so the console can say when they are only recorded. */
export interface ConnectorInfo {
  /** `smtp` sends; `record` only stores (no SMTP server configured). */
  email: string;
  /** `record` only stores (the embedded default); other names are configured connectors. */
  sms: string;
}

export interface AgentProfile {
  id: string;
  username: string;
  displayName: string;
  available: boolean;
  /** How many conversations the agent may hold at once. */
  capacity: number;
}

// ---------------------------------------------------------------------------------------------
// Customer namespace (`/v1/customer`)

/** Sent in socket.io's `auth` handshake field (never in the URL). */
export interface CustomerHandshake {
  protocol: number;
  poc: string;
  /** The visitor token the server handed out before, if any. */
  visitorToken?: string;
  /**
   * A JWT the website owner's server signed with the POC's identity secret (docs/widget.md,
   * "Verified identity"): the visitor is then the customer it names, on every device.
   */
  identity?: string;
  locale?: string;
}

/** Payloads the customer sends. */
export interface StartConversationRequest {
  /** Optional display name the customer gives. */
  name?: string;
  /** Optional first message, stored in the same step. */
  text?: string;
  /** Client id of that first message. */
  clientId?: string;
}

export interface SendMessageRequest {
  conversationId: string;
  clientId: string;
  text: string;
}

export interface ResumeRequest {
  conversationId: string;
  /** Highest sequence number the client already holds (0 for none). */
  afterSeq: number;
}

export interface TypingSignal {
  conversationId: string;
  typing: boolean;
}

export interface CustomerHello {
  protocol: number;
  visitorToken: string;
  /** The visitor's open (or most recent, if ended within the hour) conversation on this POC. */
  conversation: CustomerConversation | null;
  /** The visitor's elevation requests on this POC from the last 24 hours, oldest first. */
  elevations: CustomerElevation[];
}

export interface CustomerClientEvents {
  'conversation:start': (
    req: StartConversationRequest,
    ack: AckFn<{ conversation: CustomerConversation; messages: ChatMessage[] }>,
  ) => void;
  'conversation:resume': (
    req: ResumeRequest,
    ack: AckFn<{ conversation: CustomerConversation; messages: ChatMessage[] }>,
  ) => void;
  'message:send': (req: SendMessageRequest, ack: AckFn<{ message: ChatMessage }>) => void;
  typing: (req: TypingSignal) => void;
  receipt: (req: ReceiptRequest) => void;
  'conversation:end': (req: { conversationId: string }, ack: AckFn<{ conversation: CustomerConversation }>) => void;
  /** Ask to be called back, emailed or texted. Idempotent on `requestId`. */
  'elevation:request': (req: ElevationRequest, ack: AckFn<{ elevation: CustomerElevation }>) => void;
}

export interface CustomerServerEvents {
  hello: (hello: CustomerHello) => void;
  message: (message: ChatMessage) => void;
  conversation: (conversation: CustomerConversation) => void;
  typing: (signal: { conversationId: string; typing: boolean; name: string | null }) => void;
  /** The agent's receipts moved. */
  receipt: (signal: ReceiptSignal) => void;
  /** One of the visitor's requests was created (from another tab) or changed status. */
  elevation: (elevation: CustomerElevation) => void;
  /** The POC's availability changed at once (an administrator deactivated or activated it). */
  availability: (availability: PocAvailability) => void;
}

// ---------------------------------------------------------------------------------------------
// Agent namespace (`/v1/agent`). Authenticated by the staff session cookie set by
// `POST /api/v1/auth/login`.

export interface EndConversationRequest {
  conversationId: string;
  /** One of the codes in `AgentHello.dispositions`. */
  disposition: string;
  note?: string;
}

export interface AgentHello {
  protocol: number;
  agent: AgentProfile;
  /** Conversations the agent holds (active or awaiting wrap-up). */
  conversations: AgentConversation[];
  offers: Offer[];
  dispositions: Disposition[];
  /** The tenant's active skills, for agent-side elevation. */
  skills: SkillSummary[];
  connectors: ConnectorInfo;
}

export interface AgentClientEvents {
  'presence:set': (req: { available: boolean }, ack: AckFn<{ agent: AgentProfile }>) => void;
  'offer:accept': (
    req: { offerId: string },
    ack: AckFn<{ conversation: AgentConversation; messages: ChatMessage[] }>,
  ) => void;
  'offer:decline': (req: { offerId: string }, ack: AckFn) => void;
  'conversation:resume': (
    req: ResumeRequest,
    ack: AckFn<{ conversation: AgentConversation; messages: ChatMessage[] }>,
  ) => void;
  'message:send': (req: SendMessageRequest, ack: AckFn<{ message: ChatMessage }>) => void;
  typing: (req: TypingSignal) => void;
  receipt: (req: ReceiptRequest) => void;
  'conversation:end': (req: EndConversationRequest, ack: AckFn<{ conversation: AgentConversation }>) => void;
  /** The session of an interaction the agent holds or is offered. */
  'session:get': (req: { sessionId: string }, ack: AckFn<{ session: SessionView }>) => void;
  /**
   * Messages of any interaction in a session the agent holds or is offered an interaction of
   * (read-only; paged like `conversation:resume`).
   */
  'transcript:get': (req: ResumeRequest, ack: AckFn<{ interaction: SessionInteraction; messages: ChatMessage[] }>) => void;
  /** Elevate an interaction the agent holds; the new one is the agent's at once. Idempotent on `requestId`. */
  'interaction:elevate': (
    req: AgentElevationRequest,
    ack: AckFn<{ conversation: AgentConversation; messages: ChatMessage[] }>,
  ) => void;
}

export interface AgentServerEvents {
  hello: (hello: AgentHello) => void;
  offer: (offer: Offer) => void;
  /** The offer is no longer open: accepted elsewhere, expired, or the customer left. */
  'offer:gone': (gone: { offerId: string; reason: 'expired' | 'withdrawn' | 'declined' }) => void;
  conversation: (conversation: AgentConversation) => void;
  message: (message: ChatMessage) => void;
  typing: (signal: { conversationId: string; typing: boolean }) => void;
  /** The customer's receipts moved. */
  receipt: (signal: ReceiptSignal) => void;
  agent: (agent: AgentProfile) => void;
  /** An interaction of a session the agent holds changed; the whole session as it is now. */
  session: (session: SessionView) => void;
}

// ---------------------------------------------------------------------------------------------
// HTTP API shapes

/**
 * `GET /api/v1/pocs/:poc/profile` — the public part of a chat or work-item POC and its profile.
 * A chat reads the chat settings; `<parley-work-item>` reads the theme, texts and `workItem`.
 */
export interface PublicChatProfile {
  poc: { id: string; channel: PocChannel; name: string };
  profile: ChatProfile;
}

/** Where a work item came from. */
export type WorkItemSource = 'web' | 'chat' | 'api';

/**
 * `POST /api/v1/pocs/:poc/work-items` answer (201 created, 200 when the `Idempotency-Key` was
 * seen before: the first answer again, nothing created).
 */
export interface WorkItemReceipt {
  id: string;
  /** What the customer quotes, e.g. `WI-7K3M9Q`. */
  reference: string;
  createdAt: string;
}

/** One answered field of a work item, as the agent sees it. */
export interface WorkItemValue {
  id: string;
  type: WorkItemFieldType;
  /** The field's label when the item was filed (the profile may change later). */
  label: string;
  /** Text of a text-like field, `true`/`false` for a checkbox, `YYYY-MM-DD` for a date; null when left empty. A file field's value is null: its files are in `attachments`. */
  value: string | boolean | null;
}

/** An attachment's metadata; the file itself is a download from `url` (agents only). */
export interface WorkItemAttachment {
  id: string;
  /** The file field it was attached to. */
  fieldId: string;
  /** File name as the customer's device named it (shown as text, never used as a path). */
  name: string;
  /** Type decided from the content. */
  type: AttachmentType;
  size: number;
  /**
   * A path on the Parley server's own origin (`/api/v1/agent/attachments/{id}`), to resolve
   * against the server the console talks to; a `GET` with the agent's session answers it as a
   * download (`Content-Disposition: attachment`).
   */
  url: string;
}

/** A work item's content, carried by the offer and the agent's conversation. */
export interface WorkItemDetails {
  reference: string;
  /** The form's title when it was filed. */
  title: string;
  source: WorkItemSource;
  fields: WorkItemValue[];
  attachments: WorkItemAttachment[];
  /** The address an agent's reply is emailed to (the form's first email field), or null. */
  replyTo: string | null;
}

/** Version of the chat-profile schema this build reads and writes (docs/chat-profile.md). */
export const PROFILE_VERSION = 2;

/** Locales Parley ships catalogues for; profile texts may be translated into each. */
export const PROFILE_LOCALES = ['en', 'fr'] as const;
export type ProfileLocale = (typeof PROFILE_LOCALES)[number];

/** Font stacks a profile may choose; `inherit` takes the host page's font. */
export const PROFILE_FONTS = ['inherit', 'system', 'sans', 'serif', 'rounded', 'mono'] as const;
export type ProfileFont = (typeof PROFILE_FONTS)[number];

/** Built-in launcher icons. */
export const LAUNCHER_ICONS = ['chat', 'help', 'headset', 'message'] as const;
export type LauncherIcon = (typeof LAUNCHER_ICONS)[number];

export const PRECHAT_FIELD_TYPES = ['name', 'email', 'phone', 'text', 'select', 'checkbox'] as const;
export type PreChatFieldType = (typeof PRECHAT_FIELD_TYPES)[number];

/** Colours of one palette, each `#rrggbb`. */
export interface ProfilePalette {
  /** Launcher, header and customer bubbles. */
  brand: string;
  /** Text and icons on `brand`. */
  onBrand: string;
  /** Panel background. */
  surface: string;
  /** Text on `surface`. */
  text: string;
}

/** Texts a marketer writes; each may be translated per locale. */
export interface ProfileTexts {
  title: string;
  subtitle: string;
  greeting: string;
  /** Placeholder of the message box. */
  placeholder: string;
  /** Shown when the POC is closed (profile `offline.behaviour` is `message` or `leave-message`). */
  offlineMessage: string;
  /** Text beside the launcher icon; empty for an icon-only launcher. */
  launcherLabel: string;
}

export interface PreChatField {
  /** Stable key of the answer (letters, digits, `-`, `_`). */
  id: string;
  type: PreChatFieldType;
  label: string;
  /** Per-locale labels. */
  labels: Partial<Record<ProfileLocale, string>>;
  required: boolean;
  /** Choices of a `select` field (empty otherwise). */
  options: string[];
}

/** Field types of a work-item form (`ChatProfile.workItem.fields`). */
export const WORK_ITEM_FIELD_TYPES = ['name', 'email', 'phone', 'text', 'textarea', 'select', 'checkbox', 'date', 'file'] as const;
export type WorkItemFieldType = (typeof WORK_ITEM_FIELD_TYPES)[number];

/**
 * Attachment types a form may accept. Each file's type is decided by its content on the server
 * (never by its name or the browser's claim): PNG, JPEG, GIF, WebP, PDF, Word and Excel files by
 * their signature, plain text by being valid UTF-8 without control bytes.
 */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** One field of a work-item form. */
export interface WorkItemField {
  /** Stable key of the answer (letters, digits, `-`, `_`); the intake body and errors use it. */
  id: string;
  type: WorkItemFieldType;
  label: string;
  /** Per-locale labels. */
  labels: Partial<Record<ProfileLocale, string>>;
  /** A `checkbox` that is required must be ticked (consent); a `file` field needs one file. */
  required: boolean;
  /** Choices of a `select` field (empty otherwise). */
  options: string[];
  /** `file`: the types accepted (a subset of `ATTACHMENT_TYPES`; empty otherwise). */
  accept: AttachmentType[];
  /** `file`: most files, 1–`LIMITS.attachmentMaxFiles` (0 otherwise). */
  maxFiles: number;
  /** `file`: largest file in bytes, 1 KiB–`LIMITS.attachmentMaxBytes` (0 otherwise). */
  maxFileBytes: number;
}

/** What a work-item POC's form asks (profile `workItem`); chat POCs ignore it. */
export interface WorkItemFormSettings {
  fields: WorkItemField[];
}

export interface ProfileElevation {
  enabled: boolean;
  /** Skill the request is routed to (a skill of the POC's tenant, on the matching channel). */
  skillId: string | null;
}

/**
 * A chat profile (schema version 2): the look, texts and behaviour of the chat of one chat POC.
 * Every field is always present once validated; `validateProfile` (core/profile.ts) is the one
 * validator, used by the server on save and by the widget on load. docs/chat-profile.md documents
 * each field, its range and its default.
 */
export interface ChatProfile {
  version: 2;
  theme: {
    /** `auto` follows the visitor's `prefers-color-scheme`. */
    mode: 'light' | 'dark' | 'auto';
    light: ProfilePalette;
    dark: ProfilePalette;
    font: ProfileFont;
    /** Corner radius in px, 0–32. */
    radius: number;
    density: 'compact' | 'comfortable' | 'spacious';
    /** Panel size in px: width 300–600, height 400–900. */
    panelWidth: number;
    panelHeight: number;
    /** Stacking level of launcher and panel, 0–2147483647. */
    zIndex: number;
  };
  launcher: {
    position: 'bottom-right' | 'bottom-left';
    /** Distance from the side and from the bottom of the viewport, px, 0–200. */
    offsetX: number;
    offsetY: number;
    /** A built-in icon, or an `https:` image URL. */
    icon: LauncherIcon | { url: string };
    shape: 'circle' | 'rounded' | 'square';
  };
  header: {
    /** `https:` image URL shown in the header, or null. */
    logoUrl: string | null;
    /** `https:` image URL shown beside agent messages, or null for initials. */
    agentAvatarUrl: string | null;
  };
  texts: ProfileTexts;
  /** Per-locale overrides of `texts`. */
  translations: Partial<Record<ProfileLocale, Partial<ProfileTexts>>>;
  /** Language used when neither the page nor the browser asks for a supported one. */
  defaultLocale: ProfileLocale;
  preChat: { enabled: boolean; fields: PreChatField[] };
  /** Elevations offered to the customer; only those the matrix allows from chat are accepted. */
  elevations: {
    callback: ProfileElevation;
    email: ProfileElevation;
    sms: ProfileElevation;
    /** After a request from an open chat: the chat goes on (`continue`) or ends (`end`). */
    afterRequest: 'continue' | 'end';
  };
  /**
   * What the widget does when the POC's script says closed. With `leave-message`, the chat offers a
   * form that files a work item on `workItemPoc` (a work-item POC of the tenant), also while nobody
   * is available to answer.
   */
  offline: { behaviour: 'hide' | 'message' | 'leave-message'; workItemPoc: string | null };
  /** The form of a work-item POC (`<parley-work-item>`); ignored by chat POCs. */
  workItem: WorkItemFormSettings;
  sounds: boolean;
  transcriptDownload: boolean;
  /**
   * Documented override: save even though a colour pair is under WCAG AA's 4.5:1. The studio
   * still warns; the widget still works.
   */
  allowLowContrast: boolean;
}

/** One problem found in a profile: which field, and why. */
export interface ProfileIssue {
  /** Dotted path, e.g. `theme.light.brand`, `preChat.fields.2.label`. */
  field: string;
  code: 'unknown_field' | 'invalid_value' | 'low_contrast';
  message: string;
}

/** A point of contact the studio styles, as `GET /api/v1/studio/pocs` lists it. */
export interface StudioPoc {
  id: string;
  name: string;
  active: boolean;
  /** `chat` (the chat widget's profile) or `workitem` (the work-item form's). */
  channel: 'chat' | 'workitem';
}

/** `GET/PUT /api/v1/studio/pocs/:poc/profile`: a profile as the studio edits it. */
export interface StudioProfile {
  poc: { id: string; name: string; active: boolean };
  profileId: string;
  profile: ChatProfile;
  updatedAt: string;
  updatedBy: string | null;
}

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  /**
   * The account's role id: the built-in `agent` (answers contacts), `marketer` (edits chat
   * profiles) and `admin` (everything), or a role an administrator made.
   */
  role: string;
  /** What the role allows; each app and each call checks the permission it needs. */
  permissions: Permission[];
}

// ---------------------------------------------------------------------------------------------
// Demo tenant: stable ids seeded on first start (README lists them).

export const DEMO_IDS = {
  tenant: 'demo',
  chatPoc: 'demo-chat-8Hq2ZkV7mW4pR9tX',
  emailPoc: 'demo-email-5Tn4Lc2Wq8Bv6Kz',
  phonePoc: 'demo-phone-9Rf3Md7Xs1Hy4Gp',
  workitemPoc: 'demo-workitem-3Jc8NnY6fB2dL5sQ',
  chatProfile: 'demo-profile-chat',
  /** The returns form's profile (theme, texts and fields of `<parley-work-item>`). */
  workitemProfile: 'demo-profile-returns',
  /** A second chat POC with its own profile (bottom-left, green): several chats on one page. */
  salesChatPoc: 'demo-chat-sales-4Xq9Tb2Lm7Vn',
  salesChatProfile: 'demo-profile-sales',
} as const;
