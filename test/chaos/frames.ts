/**
 * WebSocket frame faults in the browser, with Playwright's `routeWebSocket`: every frame of the
 * widget's socket.io connection passes through `FrameTap`, which may drop it or send it twice,
 * per direction, by rules that look at what the frame says (event name, payload, which request
 * an acknowledgement answers).
 *
 * socket.io over engine.io text frames: `42/v1/customer,7["message:send",{…}]` is an event with
 * ack id 7 on the customer namespace, `43/v1/customer,7[{…}]` its acknowledgement; `2`/`3` are
 * pings and pongs (never touched here: the heartbeat is the proxy's business).
 */
import type { BrowserContext } from 'playwright-core';

export type FrameDirection = 'up' | 'down';

export interface Frame {
  direction: FrameDirection;
  raw: string;
  /** `event` (socket.io EVENT), `ack` (ACK), `other` (handshake, ping, binary…). */
  kind: 'event' | 'ack' | 'other';
  /** Event name, for events. */
  event: string | null;
  /** The event's first argument, or the acknowledgement's reply. */
  payload: Record<string, unknown> | null;
  /** For an acknowledgement: the event it answers (same connection). */
  answers: { event: string; payload: Record<string, unknown> | null } | null;
}

export interface FrameRule {
  direction: FrameDirection;
  action: 'drop' | 'duplicate';
  match: (frame: Frame) => boolean;
  /** How many frames it applies to; unlimited when absent. */
  times?: number;
  /** Applies to every `every`-th matching frame only (1: each). */
  every?: number;
}

/** What one rule did. */
interface RuleState extends FrameRule {
  seen: number;
  applied: number;
}

const FRAME = /^4([23])(\/[^,]*,)?(\d*)(.*)$/s;

function parse(direction: FrameDirection, raw: string, asked: Map<string, { event: string; payload: Record<string, unknown> | null }>): Frame {
  const m = FRAME.exec(raw);
  const none: Frame = { direction, raw, kind: 'other', event: null, payload: null, answers: null };
  if (!m) return none;
  let data: unknown;
  try {
    data = JSON.parse(m[4]);
  } catch {
    return none;
  }
  if (!Array.isArray(data)) return none;
  const id = m[3];
  const nsp = m[2] ?? '/';
  const record = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : null);
  if (m[1] === '2') {
    const frame: Frame = { direction, raw, kind: 'event', event: String(data[0]), payload: record(data[1]), answers: null };
    if (id) asked.set(`${direction}${nsp}${id}`, { event: frame.event!, payload: frame.payload });
    return frame;
  }
  const key = `${direction === 'down' ? 'up' : 'down'}${nsp}${id}`;
  const answers = asked.get(key) ?? null;
  asked.delete(key);
  return { direction, raw, kind: 'ack', event: null, payload: record(data[0]), answers };
}

export class FrameTap {
  readonly #rules: RuleState[] = [];
  /** How often the page sent each text (by client id, and by text). */
  readonly sent = new Map<string, number>();
  readonly counts = { up: { frames: 0, dropped: 0, duplicated: 0 }, down: { frames: 0, dropped: 0, duplicated: 0 } };
  /** Connections routed so far. */
  connections = 0;

  /** Adds a rule; rules are tried in order and the first that applies decides. */
  rule(rule: FrameRule): this {
    this.#rules.push({ ...rule, seen: 0, applied: 0 });
    return this;
  }

  /** Removes every rule: frames pass untouched again. */
  clear(): this {
    this.#rules.length = 0;
    return this;
  }

  /** How often the page sent a text (`message:send` or `conversation:start`), by client id or text. */
  sends(clientIdOrText: string): number {
    return this.sent.get(clientIdOrText) ?? 0;
  }

  /** Routes every socket.io WebSocket of the context through the tap (before any page loads). */
  async install(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      this.connections += 1;
      const asked = new Map<string, { event: string; payload: Record<string, unknown> | null }>();
      const server = ws.connectToServer();
      ws.onMessage((message) => this.#pass('up', message, asked, (m) => server.send(m)));
      server.onMessage((message) => this.#pass('down', message, asked, (m) => ws.send(m)));
    });
  }

  #pass(direction: FrameDirection, message: string | Buffer, asked: Map<string, { event: string; payload: Record<string, unknown> | null }>, forward: (m: string | Buffer) => void): void {
    this.counts[direction].frames += 1;
    if (typeof message !== 'string') return forward(message);
    const frame = parse(direction, message, asked);
    if (process.env.CHAOS_FRAMES_LOG) console.log(`frame ${direction} ${frame.kind} ${frame.event ?? frame.answers?.event ?? ''} ${message.slice(0, 120)}`);
    if (direction === 'up' && isSend(frame)) {
      for (const key of [String(frame.payload?.clientId ?? ''), String(frame.payload?.text ?? '')]) this.sent.set(key, (this.sent.get(key) ?? 0) + 1);
    }
    for (const rule of this.#rules) {
      if (rule.direction !== direction || !rule.match(frame)) continue;
      rule.seen += 1;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      if ((rule.seen - 1) % (rule.every ?? 1) !== 0) continue;
      rule.applied += 1;
      if (rule.action === 'drop') {
        this.counts[direction].dropped += 1;
        return;
      }
      this.counts[direction].duplicated += 1;
      forward(message);
      forward(message);
      return;
    }
    forward(message);
  }
}

// Matchers for the frames the scenarios pick on.

/** The page sends a text (a message of an open chat, or the one that opens it). */
export const isSend = (f: Frame): boolean => f.kind === 'event' && (f.event === 'message:send' || f.event === 'conversation:start');

/** The server acknowledges a text (its reply carries the stored message). */
export const isSendAck = (f: Frame): boolean => f.kind === 'ack' && (f.answers?.event === 'message:send' || f.answers?.event === 'conversation:start');

/** A live `message` event from the server. */
export const isLiveMessage = (f: Frame): boolean => f.kind === 'event' && f.event === 'message';

/** The text a sending frame or its acknowledgement or a live message is about. */
export function textOf(f: Frame): string | null {
  if (f.kind === 'event' && f.event === 'message') return String(f.payload?.text ?? '');
  if (f.kind === 'event') return typeof f.payload?.text === 'string' ? f.payload.text : null;
  if (f.kind === 'ack') return typeof f.answers?.payload?.text === 'string' ? f.answers.payload.text : null;
  return null;
}

/** Author of a live message frame. */
export const authorOf = (f: Frame): string | null => (f.kind === 'event' && f.event === 'message' ? String(f.payload?.author ?? '') : null);
