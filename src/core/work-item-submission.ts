/**
 * Filing a work item from a customer's form, without the browser: the draft the customer is
 * writing, the HTTP request, how the server's answer reads, and when to try again.
 * `<parley-work-item>` binds it to the page (sessionStorage, `fetch`, the `online` event); the
 * Node tests beside it drive it with stand-ins for those three.
 *
 * Invariants:
 * - What the customer typed is never lost: the draft (text answers, the names of the files chosen,
 *   the idempotency key) is written on every change and removed only once the server has
 *   confirmed the item. Files themselves cannot go into Web Storage; the element keeps them in
 *   memory, and after a reload the draft still says which files were chosen.
 * - One submission files one work item: the idempotency key is made at the first attempt and
 *   written to the draft before the request leaves, then sent again by every retry, a reload
 *   included. The server answers a key it has seen with the first receipt (200) and creates
 *   nothing; a refused request stores nothing, so the key stays usable after a correction.
 * - Only what may pass is retried: a network failure, a timeout, a 5xx or an unreadable answer,
 *   and a browser that says it is offline (no request is made then). Retries back off (2 s
 *   doubling to 60 s, jittered) and happen at once when the browser comes back online. A 4xx is
 *   the server's final word on what was sent: it is reported, never retried.
 * - Storage and answers are untrusted: a draft that does not parse is ignored field by field, a
 *   storage that refuses writes keeps the draft in memory, a malformed answer never throws.
 */
import { API_PREFIX, LIMITS, type ErrorCode, type FieldError, type ProtocolError, type WorkItemField, type WorkItemReceipt } from '../protocol/index.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { NetworkWatch } from './link.js';
import type { KeyValueStorage } from './outbox.js';
import { isRecord } from './validators.js';
import { ATTACHMENT_NAME_MAX } from './work-item.js';

export type { KeyValueStorage } from './outbox.js';

// ---------------------------------------------------------------------------------------------
// The draft

/** Answers by field id: text for text-like fields, selects and dates; a boolean for checkboxes. */
export type WorkItemAnswers = Record<string, string | boolean>;

/** What the draft remembers of a chosen file (never its content). */
export interface ChosenFile {
  name: string;
  size: number;
}

/** What the customer has written so far, as kept in storage. */
export interface WorkItemDraft {
  answers: WorkItemAnswers;
  /** The files chosen, by file field id: after a reload they must be chosen again. */
  files: Record<string, ChosenFile[]>;
  /** The idempotency key of the submission, from its first attempt until the server confirms it. */
  key: string | null;
}

/** The `Idempotency-Key` header's rule (docs/work-items.md). */
const KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function emptyDraft(): WorkItemDraft {
  return { answers: {}, files: {}, key: null };
}

/** Whether a draft holds nothing worth keeping. */
export function isEmptyDraft(draft: WorkItemDraft): boolean {
  return draft.key === null && Object.keys(draft.answers).length === 0 && Object.keys(draft.files).length === 0;
}

/**
 * The storage key of the draft of one form: one per server origin and POC, and `place` when one
 * page holds several forms of that POC (`chat` for the chat's, `2` for the second on the page…),
 * so that each keeps its own draft across reloads.
 */
export function draftKey(server: string, poc: string, place = ''): string {
  let origin = server;
  try {
    origin = new URL(server).origin;
  } catch {
    // Not a URL: the element reports it; the raw string still keeps forms apart.
  }
  return `parley:work-item:${origin}:${poc}${place ? `:${place}` : ''}`;
}

/**
 * Reads a stored draft. Field by field: an answer that is not text or a boolean, a file entry
 * without a name and size, or a key the server would refuse is dropped, the rest kept.
 */
export function parseDraft(raw: string | null): WorkItemDraft | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const draft = emptyDraft();
  if (isRecord(value.answers)) {
    for (const [id, answer] of Object.entries(value.answers)) {
      if (typeof answer === 'boolean' || (typeof answer === 'string' && answer.length <= LIMITS.workItemLongTextMaxLength)) draft.answers[id] = answer;
    }
  }
  if (isRecord(value.files)) {
    for (const [id, list] of Object.entries(value.files)) {
      if (!Array.isArray(list)) continue;
      const files = list
        .filter((f): f is ChosenFile => isRecord(f) && typeof f.name === 'string' && f.name.length <= ATTACHMENT_NAME_MAX && typeof f.size === 'number' && f.size >= 0)
        .slice(0, LIMITS.attachmentMaxFiles)
        .map((f) => ({ name: f.name, size: f.size }));
      if (files.length) draft.files[id] = files;
    }
  }
  if (typeof value.key === 'string' && KEY.test(value.key)) draft.key = value.key;
  return draft;
}

/**
 * The draft of one form in a key-value storage (sessionStorage in browsers: a draft belongs to
 * the tab, and survives its reloads). Without a storage, or when it refuses a write (quota,
 * private mode), the draft lives in memory for as long as the page.
 */
export class DraftStore {
  readonly #storage: KeyValueStorage | undefined;
  readonly #key: string;
  #memory: WorkItemDraft | null = null;

  constructor(storage: KeyValueStorage | undefined, key: string) {
    this.#storage = storage;
    this.#key = key;
  }

  /** The draft kept, or an empty one. */
  read(): WorkItemDraft {
    if (this.#memory) return structuredClone(this.#memory);
    let raw: string | null = null;
    try {
      raw = this.#storage?.getItem(this.#key) ?? null;
    } catch {
      // A storage that cannot be read holds nothing for us.
    }
    return parseDraft(raw) ?? emptyDraft();
  }

  /** Keeps `draft`; an empty draft removes the entry rather than storing `{}`s. */
  write(draft: WorkItemDraft): void {
    if (isEmptyDraft(draft)) return this.clear();
    try {
      if (!this.#storage) throw new Error('no storage');
      this.#storage.setItem(this.#key, JSON.stringify(draft));
      this.#memory = null;
    } catch {
      this.#memory = structuredClone(draft);
    }
  }

  clear(): void {
    this.#memory = null;
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // Nothing was kept there, then.
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The request

/** A file to upload: a `File` in browsers (any Blob with a name). */
export interface UploadFile extends Blob {
  readonly name: string;
}

export interface WorkItemRequestInput {
  server: string;
  poc: string;
  /** The form's fields: only their answers are sent, in form order. */
  fields: readonly WorkItemField[];
  answers: WorkItemAnswers;
  /** The files chosen, by file field id. */
  files?: Readonly<Record<string, readonly UploadFile[]>>;
  /** The idempotency key (1–64 letters, digits, `-`, `_`). */
  key: string;
  /** `chat` when the form is filed from inside the chat. */
  source?: 'web' | 'chat';
}

/** A `fetch` call, ready to make. */
export interface WorkItemRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: FormData | string; credentials: 'omit' };
}

/**
 * The answers a form sends, from what the customer wrote: the form's own fields only (an old
 * draft may hold answers to fields the form has dropped), empty ones left out, and every checkbox
 * as a boolean. What `checkWorkItem` checks in the browser is exactly what the server receives.
 */
export function formAnswers(fields: readonly WorkItemField[], answers: WorkItemAnswers): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const field of fields) {
    if (field.type === 'file') continue;
    const answer = Object.prototype.hasOwnProperty.call(answers, field.id) ? answers[field.id] : undefined;
    if (field.type === 'checkbox') out[field.id] = answer === true;
    else if (typeof answer === 'string' && answer.trim() !== '') out[field.id] = answer;
  }
  return out;
}

/**
 * The intake request: `multipart/form-data` when there are files (each answer a text part, each
 * file a file part, named by field id), else JSON keyed by field id. Answers of fields the form
 * does not have (an old draft after the form changed) and empty answers are left out; a checkbox
 * always says whether it is ticked.
 */
export function buildWorkItemRequest(input: WorkItemRequestInput): WorkItemRequest {
  const url = new URL(`${API_PREFIX}/pocs/${encodeURIComponent(input.poc)}/work-items`, input.server).href;
  const answers = formAnswers(input.fields, input.answers);
  const files: [string, UploadFile][] = [];
  for (const field of input.fields) {
    if (field.type !== 'file') continue;
    const chosen = Object.prototype.hasOwnProperty.call(input.files ?? {}, field.id) ? input.files![field.id] : [];
    for (const file of chosen) files.push([field.id, file]);
  }
  const headers: Record<string, string> = { accept: 'application/json', 'idempotency-key': input.key };
  if (input.source === 'chat') headers['x-parley-source'] = 'chat';
  let body: FormData | string;
  if (files.length) {
    // The browser writes the multipart boundary into Content-Type itself.
    body = new FormData();
    for (const [id, value] of Object.entries(answers)) body.append(id, typeof value === 'boolean' ? String(value) : value);
    for (const [id, file] of files) body.append(id, file, file.name);
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(answers);
  }
  return { url, init: { method: 'POST', headers, body, credentials: 'omit' } };
}

// ---------------------------------------------------------------------------------------------
// The answer

/** What one attempt came to. */
export type WorkItemOutcome =
  /** The server has the item (201 new, 200 a key seen before). */
  | { kind: 'filed'; receipt: WorkItemReceipt; replayed: boolean }
  /** A 4xx: the server refused what was sent; `error.fields` lists each refused field. */
  | { kind: 'refused'; error: ProtocolError }
  /** The server could not be reached or could not answer: worth another try. */
  | { kind: 'unreachable'; reason: string };

/** Status codes of a 4xx without a readable body, as the protocol names them. */
const STATUS_CODES: Record<number, ErrorCode> = {
  404: 'poc_not_found',
  410: 'poc_inactive',
  413: 'attachment_too_large',
  415: 'attachment_type',
  429: 'rate_limited',
};

/**
 * Reads an intake answer: its status, its JSON body (null when it had none) and its
 * `Retry-After` header. 408 (the request took too long on its way) counts as unreachable.
 */
export function readWorkItemAnswer(status: number, body: unknown, retryAfter: string | null = null): WorkItemOutcome {
  if (status >= 200 && status < 300) {
    const receipt = readReceipt(body);
    // Filed, but the answer is unreadable: asking again with the same key gets it again.
    return receipt ? { kind: 'filed', receipt, replayed: status === 200 } : { kind: 'unreachable', reason: `the server's answer (${status}) could not be read` };
  }
  if (status >= 400 && status < 500 && status !== 408) {
    const raw = isRecord(body) && isRecord(body.error) ? body.error : {};
    const error: ProtocolError = {
      code: typeof raw.code === 'string' ? (raw.code as ErrorCode) : (STATUS_CODES[status] ?? 'invalid_payload'),
      message: typeof raw.message === 'string' ? raw.message : `the server answered ${status}`,
    };
    if (typeof raw.field === 'string') error.field = raw.field;
    const seconds = typeof raw.retryAfter === 'number' ? raw.retryAfter : retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
    if (seconds !== undefined && Number.isFinite(seconds)) error.retryAfter = seconds;
    const fields = Array.isArray(raw.fields) ? raw.fields.filter(isFieldError) : [];
    // A single refused field (413, 415) is named by `field` alone: listed like the others.
    if (fields.length === 0 && error.field) fields.push({ field: error.field, code: error.code, message: error.message });
    if (fields.length) error.fields = fields.map((f) => ({ field: f.field, code: f.code, message: f.message }));
    return { kind: 'refused', error };
  }
  return { kind: 'unreachable', reason: `the server answered ${status}` };
}

function readReceipt(body: unknown): WorkItemReceipt | null {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.reference !== 'string' || typeof body.createdAt !== 'string') return null;
  if (body.reference === '' || body.id === '') return null;
  return { id: body.id, reference: body.reference, createdAt: body.createdAt };
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.code === 'string' && typeof value.message === 'string';
}

/**
 * Which field a refusal is about, and which of its files: `photos.1` is the second file of
 * `photos`. `index` is null for the field as a whole.
 */
export function refusedField(error: Pick<FieldError, 'field'>): { field: string; index: number | null } {
  const m = /^(.+)\.(\d+)$/.exec(error.field);
  return m ? { field: m[1], index: Number(m[2]) } : { field: error.field, index: null };
}

// ---------------------------------------------------------------------------------------------
// Sending, and trying again

/** Retries of an unreachable server: 2 s doubling to 60 s, ±25 %. */
export const WORK_ITEM_RETRY: Required<BackoffOptions> = { minMs: 2000, maxMs: 60_000, jitter: 0.25 };

/** How long one attempt may take before it counts as lost (uploads of several files included). */
export const WORK_ITEM_TIMEOUT_MS = 120_000;

export type SendStatus =
  /** Nothing sent yet, or the last attempt was refused. */
  | 'idle'
  | 'sending'
  /** The server is out of reach: the next attempt is due at `nextRetryAt`, or on `online`. */
  | 'waiting'
  | 'filed';

export interface WorkItemSendState {
  status: SendStatus;
  /** Attempts made since the last submit. */
  attempts: number;
  /** While waiting: the browser says it is offline (nothing is sent until it is back). */
  offline: boolean;
  /** While waiting: epoch ms of the next attempt. */
  nextRetryAt: number | null;
  receipt: WorkItemReceipt | null;
  /** The last refusal (status `idle`), null otherwise. */
  error: ProtocolError | null;
}

/** The part of a fetch `Response` read here. */
export interface FetchAnswer {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

export type FetchLike = (url: string, init: WorkItemRequest['init'] & { signal?: AbortSignal }) => Promise<FetchAnswer>;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface WorkItemSenderOptions {
  fetch: FetchLike;
  /** What the page knows of the network; without one the sender never thinks it is offline. */
  network?: NetworkWatch;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  retry?: BackoffOptions;
  timeoutMs?: number;
  /** Called after every change of `state`. */
  onChange?: (state: WorkItemSendState) => void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Sends one submission until the server has it or refuses it. `submit(build)` starts (or, while
 * waiting, hurries) the attempts; each attempt calls `build()` for the request, so a retry sends
 * what the form holds then, under the same key. A submit while an attempt is in flight does
 * nothing: a double click is one request.
 */
export class WorkItemSender {
  readonly #options: WorkItemSenderOptions;
  readonly #timers: Timers;
  #state: WorkItemSendState = { status: 'idle', attempts: 0, offline: false, nextRetryAt: null, receipt: null, error: null };
  #build: (() => WorkItemRequest) | null = null;
  #timer: unknown = null;
  #unwatch: (() => void) | null = null;
  #abort: AbortController | null = null;
  /** Bumped by `stop()` and `reset()`: an attempt from before must not land. */
  #generation = 0;

  constructor(options: WorkItemSenderOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  get state(): WorkItemSendState {
    return this.#state;
  }

  /** Sends now, unless an attempt is in flight or the item is filed. */
  submit(build: () => WorkItemRequest): void {
    if (this.#state.status === 'sending' || this.#state.status === 'filed') return;
    this.#build = build;
    if (this.#state.status !== 'waiting') this.#set({ attempts: 0, error: null });
    void this.#attempt();
  }

  /** Tries again at once when waiting (the form is back on the page after `stop()`). */
  resume(): void {
    if (this.#state.status === 'waiting' && this.#build) void this.#attempt();
  }

  /** Stops everything in flight or due (the form leaves the page); `resume()` picks it up again. */
  stop(): void {
    this.#generation += 1;
    this.#abort?.abort();
    this.#abort = null;
    this.#clearRetry();
    if (this.#state.status === 'sending') this.#set({ status: 'waiting', nextRetryAt: null });
  }

  /** Back to a fresh sender, for another submission. */
  reset(): void {
    this.stop();
    this.#build = null;
    this.#set({ status: 'idle', attempts: 0, offline: false, nextRetryAt: null, receipt: null, error: null });
  }

  async #attempt(): Promise<void> {
    const build = this.#build;
    if (!build) return;
    this.#clearRetry();
    if (this.#options.network?.offline()) {
      // No request can leave: wait for the browser to say it is back (and check now and then).
      this.#set({ status: 'waiting', offline: true });
      return this.#retryLater();
    }
    let request: WorkItemRequest;
    try {
      request = build();
    } catch (err) {
      // A request that cannot even be made (a server that is not a URL) will not get better.
      this.#set({ status: 'idle', error: { code: 'invalid_field', message: String(err) }, offline: false, nextRetryAt: null });
      return;
    }
    const generation = this.#generation;
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ status: 'sending', offline: false, nextRetryAt: null, attempts: this.#state.attempts + 1 });
    let outcome: WorkItemOutcome;
    const timeout = this.#timers.set(() => abort.abort(), this.#options.timeoutMs ?? WORK_ITEM_TIMEOUT_MS);
    try {
      const { url, init } = request;
      const answer = await this.#options.fetch(url, { ...init, signal: abort.signal });
      const body = await answer.json().catch(() => null);
      outcome = readWorkItemAnswer(answer.status, body, answer.headers.get('retry-after'));
    } catch (err) {
      outcome = { kind: 'unreachable', reason: abort.signal.aborted ? 'no answer in time' : String(err) };
    } finally {
      this.#timers.clear(timeout);
    }
    if (generation !== this.#generation) return;
    this.#abort = null;
    if (outcome.kind === 'filed') {
      this.#build = null;
      this.#set({ status: 'filed', receipt: outcome.receipt, error: null, offline: false, nextRetryAt: null });
    } else if (outcome.kind === 'refused') {
      this.#set({ status: 'idle', error: outcome.error, offline: false, nextRetryAt: null });
    } else {
      this.#set({ status: 'waiting', offline: this.#options.network?.offline() ?? false });
      this.#retryLater();
    }
  }

  /** Schedules the next attempt after the backoff, and at once when the browser is back online. */
  #retryLater(): void {
    const delay = backoffDelay(Math.max(0, this.#state.attempts - 1), this.#options.retry ?? WORK_ITEM_RETRY, this.#options.random);
    const now = this.#options.now ?? Date.now;
    const again = (): void => {
      if (this.#state.status === 'waiting') void this.#attempt();
    };
    this.#timer = this.#timers.set(again, delay);
    this.#unwatch = this.#options.network?.watch({ online: again, offline: () => {}, visible: () => {} }) ?? null;
    this.#set({ nextRetryAt: now() + delay });
  }

  #clearRetry(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#unwatch?.();
    this.#unwatch = null;
  }

  #set(patch: Partial<WorkItemSendState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange?.(this.#state);
  }
}
