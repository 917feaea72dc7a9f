/**
 * Gives a host element the chat profile of its point of contact: loaded from the server's public
 * `GET /api/v1/pocs/:poc/profile`, or handed over by the page (the studio's live preview).
 *
 * Invariants:
 * - At most one request is in flight per host; a newer (server, poc) pair aborts the older one, so
 *   a late answer for a previous POC never lands on the element.
 * - A profile handed over (`given`) is used as is, after validation: no request is made at all,
 *   which is what lets the studio preview run without a network.
 * - The answer is parsed, not trusted: the POC part must have its shape, and the profile goes
 *   through core's one validator (`readProfile`), so every bad field becomes its default (SPEC §6:
 *   "a colour is a colour") and the widget still works. The website owner gets one
 *   `console.warn` naming the fields replaced.
 * - A failure is reported once per (server, poc) through `onError`, however often the host renders.
 * - A failure that may pass (the network, or the server answering 5xx — it may be restarting) is
 *   retried with backoff, 1 s doubling to 30 s, and at once when the browser comes back online:
 *   a page loaded while the server was down still gets its chat, and the texts its tab kept
 *   unsent (SPEC §5) still go out.
 * - The same route serves chat and work-item POCs (`<parley-work-item>` reads the theme, texts and
 *   form of a work-item POC's profile), so the POC's channel must be the one the host expects
 *   (`channel`, `chat` by default): a chat never opens on a form's POC, nor the reverse.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { backoffDelay } from '../core/backoff.js';
import { PROFILE_REQUEST, takePrefetched } from '../core/prefetch.js';
import { readProfile, validateProfile } from '../core/profile.js';
import { checkId, isRecord } from '../core/validators.js';
import { API_PREFIX, type ChatProfile, type PocChannel, type ProtocolError, type PublicChatProfile } from '../protocol/index.js';

/** Retries of a failed load: 1 s doubling to 30 s, ±25 %. */
const RETRY = { minMs: 1000, maxMs: 30_000, jitter: 0.25 };

export type ProfileStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ChatProfileArgs {
  server: string;
  poc: string | null;
  /** A profile to use instead of loading one (validated, never fetched). */
  given?: ChatProfile | null;
  /** Whether the profile may be loaded from the server; false leaves the controller idle. */
  fetch?: boolean;
}

export interface ChatProfileControllerOptions {
  /** What to load, read before every host update. */
  args: () => ChatProfileArgs;
  /** Called once each time a profile becomes ready (before the host re-renders), not on every edit of a given one. */
  onReady?: (profile: PublicChatProfile) => void;
  /** Called once per failing (server, poc), with a developer-facing explanation. */
  onError?: (error: ProtocolError, explanation: string) => void;
  /** The channel the POC must be on; any other is refused with `poc_wrong_channel`. Default `chat`. */
  channel?: Extract<PocChannel, 'chat' | 'workitem'>;
  /** The host's tag, as the website owner wrote it, for console messages. Default `parley-chat`. */
  tag?: string;
}

/** Key of the "profile handed over" source: edits of a given profile keep it. */
const GIVEN = '\u0000given';

export class ChatProfileController implements ReactiveController {
  status: ProfileStatus = 'idle';
  profile: PublicChatProfile | null = null;
  error: ProtocolError | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #options: ChatProfileControllerOptions;
  #key: string | null = null;
  #given: ChatProfile | null = null;
  #abort: AbortController | null = null;
  #reportedKey: string | null = null;
  #attempt = 0;
  #retry: { timer: ReturnType<typeof setTimeout>; now: () => void } | null = null;

  constructor(host: ReactiveControllerHost, options: ChatProfileControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get #channel(): 'chat' | 'workitem' {
    return this.#options.channel ?? 'chat';
  }

  /** What the profile is called in messages: a chat's is its "chat profile". */
  get #what(): string {
    return this.#channel === 'chat' ? 'chat profile' : 'profile';
  }

  hostConnected(): void {
    // An interrupted load is picked up again when the element comes back.
    if (this.status === 'idle' || this.status === 'loading') {
      this.#key = null;
      this.#host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#stopRetry();
  }

  hostUpdate(): void {
    this.update();
  }

  /**
   * Reads the args and loads or applies the profile; idempotent. Runs in `hostUpdate`, which Lit
   * calls after the host's `willUpdate`: a host that derives state from the profile in
   * `willUpdate` calls this first, so a profile handed over is seen in the same update.
   */
  update(): void {
    const { server, poc, given, fetch = true } = this.#options.args();
    if (given) return this.#useGiven(given, poc);
    const key = fetch ? `${server}\n${poc ?? ''}` : '';
    if (key === this.#key) return;
    this.#key = key;
    this.#given = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#stopRetry();
    this.#attempt = 0;
    this.profile = null;
    this.error = null;
    this.status = 'idle';
    if (fetch) void this.#load(server, poc, key);
  }

  /** Uses a profile handed over by the page; a new object (the studio edits) is validated again. */
  #useGiven(given: ChatProfile, poc: string | null): void {
    if (this.#key === GIVEN && given === this.#given && this.profile?.poc.id === (poc ?? '')) return;
    const becameReady = this.#key !== GIVEN;
    this.#key = GIVEN;
    this.#given = given;
    this.#abort?.abort();
    this.#abort = null;
    // The page chose these values; bad fields still become defaults, silently: the studio shows
    // the issues at the fields, and a warning per keystroke would only flood the console.
    const { profile } = validateProfile(given);
    this.profile = { poc: { id: poc ?? '', channel: this.#channel, name: '' }, profile };
    this.error = null;
    this.status = 'ready';
    if (becameReady) this.#options.onReady?.(this.profile);
  }

  async #load(server: string, poc: string | null, key: string): Promise<void> {
    if (!poc) return this.#fail(key, 'invalid_field', 'the "poc" attribute is missing');
    if (!checkId(poc, 'poc').ok) {
      return this.#fail(key, 'invalid_field', `"${poc}" is not a valid point-of-contact id`);
    }
    let url: URL;
    try {
      url = new URL(`${API_PREFIX}/pocs/${encodeURIComponent(poc)}/profile`, server);
    } catch {
      return this.#fail(key, 'invalid_field', `the server "${server}" is not a valid URL`);
    }
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'loading';
    let body: unknown;
    let response: Response;
    try {
      // The script tag's loader may have fetched it already, to draw the launcher.
      response = await (takePrefetched(url.href) ?? fetch(url, { ...PROFILE_REQUEST, signal: abort.signal }));
      body = await response.json().catch(() => null);
    } catch (err) {
      if (abort.signal.aborted) return;
      this.#fail(key, 'internal_error', `its ${this.#what} could not be loaded from ${url.origin} (${String(err)}); retrying`);
      return this.#retryLater(server, poc, key);
    }
    if (abort.signal.aborted || key !== this.#key) return;
    this.#abort = null;
    if (!response.ok) {
      const error = isRecord(body) && isRecord(body.error) ? body.error : {};
      const code = typeof error.code === 'string' ? error.code : 'internal_error';
      const reason =
        code === 'poc_not_found'
          ? `no point of contact has this id on ${url.origin}`
          : code === 'poc_inactive'
            ? `this point of contact is deactivated on ${url.origin}`
            : `the server ${url.origin} answered ${response.status}${typeof error.message === 'string' ? ` (${error.message})` : ''}`;
      this.#fail(key, code as ProtocolError['code'], reason);
      if (response.status >= 500) this.#retryLater(server, poc, key);
      return;
    }
    const parsed = parsePublicProfile(body);
    if (typeof parsed === 'string') return this.#fail(key, 'internal_error', `its ${this.#what} from ${url.origin} is malformed (${parsed})`);
    const expected = this.#channel;
    if (parsed.value.poc.channel !== expected) {
      return this.#fail(key, 'poc_wrong_channel', `this is a ${parsed.value.poc.channel} point of contact, not a ${expected === 'workitem' ? 'work-item' : expected} one`);
    }
    if (parsed.problems.length) {
      // Shown anyway, with defaults in place of what could not be read: one line for the owner.
      console.warn(`Parley: <${this.#options.tag ?? 'parley-chat'} poc="${poc}">: ${this.#what} fields replaced by their defaults: ${parsed.problems.join(', ')}.`);
    }
    this.profile = parsed.value;
    this.error = null;
    this.#attempt = 0;
    this.status = 'ready';
    this.#options.onReady?.(parsed.value);
    this.#host.requestUpdate();
  }

  #fail(key: string, code: ProtocolError['code'], explanation: string): void {
    if (key !== this.#key) return;
    this.status = 'error';
    this.error = { code, message: explanation };
    if (this.#reportedKey !== key) {
      this.#reportedKey = key;
      this.#options.onError?.(this.error, explanation);
    }
    this.#host.requestUpdate();
  }

  /** Loads again after the backoff, or as soon as the browser says it is back online. */
  #retryLater(server: string, poc: string | null, key: string): void {
    if (key !== this.#key || this.#retry) return;
    const delay = backoffDelay(this.#attempt, RETRY);
    this.#attempt += 1;
    const now = () => {
      this.#stopRetry();
      if (key === this.#key) void this.#load(server, poc, key);
    };
    this.#retry = { timer: setTimeout(now, delay), now };
    globalThis.addEventListener?.('online', now);
  }

  #stopRetry(): void {
    if (!this.#retry) return;
    clearTimeout(this.#retry.timer);
    globalThis.removeEventListener?.('online', this.#retry.now);
    this.#retry = null;
  }
}

/**
 * Reads an untrusted `GET /pocs/:poc/profile` body into a `PublicChatProfile`. The POC part must
 * have the right shape (else a short reason is returned); the profile part goes through core's
 * `readProfile`, which replaces any bad field with its default and lists it in `problems`
 * (version 1 documents are upgraded first).
 */
export function parsePublicProfile(body: unknown): { value: PublicChatProfile; problems: string[] } | string {
  if (!isRecord(body) || !isRecord(body.poc) || !isRecord(body.profile)) return 'expected { poc, profile }';
  const { poc } = body;
  if (typeof poc.id !== 'string' || typeof poc.channel !== 'string' || typeof poc.name !== 'string') {
    return 'poc must have id, channel and name';
  }
  const { profile, problems } = readProfile(body.profile);
  return {
    value: { poc: { id: poc.id, channel: poc.channel as PublicChatProfile['poc']['channel'], name: poc.name }, profile },
    problems,
  };
}
