/**
 * A TCP fault proxy on loopback: it listens on a port of its own, forwards every connection to
 * the server, and can be switched at run time, for each direction independently, between
 *
 * - `pass`: bytes go through as they come;
 * - `delay`: each chunk leaves `ms` milliseconds after it arrived (order kept);
 * - `throttle`: at most `bytesPerSecond` leave per second (the sender is paused when it runs
 *   ahead, as TCP's flow control would);
 * - `blackhole`: the connection stays open but bytes are swallowed, and so is a FIN: the other
 *   end hears nothing, as behind a dead router. A stream that lost bytes cannot be resumed
 *   without corrupting its framing, so once a connection has swallowed anything in a direction
 *   it keeps swallowing in that direction until it closes, whatever the mode becomes (a NAT that
 *   lost the flow). Connections opened after the mode changed back pass again;
 * - `reset`: connections open now are reset at once (RST to both ends,
 *   `socket.resetAndDestroy()`), and so is each later one as soon as a byte would travel in that
 *   direction.
 *
 * and, for both directions at once: `refuse` new connections (each is reset as soon as it is
 * accepted, which a client cannot tell from a closed port), `resetAll()` current connections.
 *
 * `up` is client → server, `down` is server → client.
 */
import net, { type Server, type Socket } from 'node:net';

export type Direction = 'up' | 'down';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'throttle'; bytesPerSecond: number }
  | { kind: 'blackhole' }
  | { kind: 'reset' };

export const PASS: Fault = { kind: 'pass' };

/** Bytes queued in one direction above which the sender is paused. */
const HIGH_WATER = 64 * 1024;

interface Chunk {
  /** Epoch ms at which it may leave. */
  at: number;
  /** Null: the sender's FIN. */
  data: Buffer | null;
}

/** One direction of one connection. */
class Pipe {
  readonly #queue: Chunk[] = [];
  #queued = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #waitingDrain = false;
  /** Earliest time the next throttled byte may leave. */
  #nextFree = 0;
  /** Swallowed something: swallows for the rest of the connection's life. */
  broken = false;

  constructor(
    readonly from: Socket,
    readonly to: Socket,
    readonly direction: Direction,
    readonly connection: Connection,
  ) {}

  push(data: Buffer | null, fault: Fault): void {
    if (this.broken || fault.kind === 'blackhole') {
      this.broken = true;
      if (data) this.connection.proxy.stats[this.direction].swallowed += data.length;
      return;
    }
    if (fault.kind === 'reset') {
      this.connection.reset();
      return;
    }
    const now = Date.now();
    if (data === null) {
      this.#enqueue({ at: fault.kind === 'delay' ? now + fault.ms : Math.max(now, this.#nextFree), data: null });
      return;
    }
    if (fault.kind === 'throttle') {
      // Small slices so that a big chunk trickles out rather than leaving in one late burst.
      const slice = Math.max(256, Math.floor(fault.bytesPerSecond / 20));
      for (let i = 0; i < data.length; i += slice) {
        const part = data.subarray(i, i + slice);
        const at = Math.max(now, this.#nextFree);
        this.#nextFree = at + (part.length * 1000) / fault.bytesPerSecond;
        this.#enqueue({ at, data: part });
      }
      return;
    }
    this.#enqueue({ at: fault.kind === 'delay' ? now + fault.ms : now, data });
  }

  #enqueue(chunk: Chunk): void {
    this.#queue.push(chunk);
    this.#queued += chunk.data?.length ?? 0;
    if (this.#queued > HIGH_WATER) this.from.pause();
    this.#pump();
  }

  #pump(): void {
    if (this.#timer || this.#waitingDrain) return;
    while (this.#queue.length) {
      if (this.broken || this.to.destroyed) {
        this.#queue.length = 0;
        return;
      }
      const head = this.#queue[0];
      const wait = head.at - Date.now();
      if (wait > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = null;
          this.#pump();
        }, wait);
        return;
      }
      this.#queue.shift();
      if (head.data === null) {
        this.to.end();
        continue;
      }
      this.#queued -= head.data.length;
      this.connection.proxy.stats[this.direction].forwarded += head.data.length;
      const flushed = this.to.write(head.data);
      if (this.#queued <= HIGH_WATER / 2 && this.from.isPaused()) this.from.resume();
      if (!flushed) {
        this.#waitingDrain = true;
        this.to.once('drain', () => {
          this.#waitingDrain = false;
          this.#pump();
        });
        return;
      }
    }
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queue.length = 0;
  }
}

/** A client connection and its upstream twin. */
class Connection {
  readonly up: Pipe;
  readonly down: Pipe;
  #done = false;

  constructor(
    readonly proxy: FaultProxy,
    readonly client: Socket,
    readonly server: Socket,
  ) {
    this.up = new Pipe(client, server, 'up', this);
    this.down = new Pipe(server, client, 'down', this);
    this.#wire(client, server, this.up);
    this.#wire(server, client, this.down);
  }

  get broken(): boolean {
    return this.up.broken || this.down.broken;
  }

  /** Wires what `from` sends into `pipe` (towards `to`). */
  #wire(from: Socket, to: Socket, pipe: Pipe): void {
    from.on('data', (d: Buffer) => pipe.push(d, this.proxy.fault(pipe.direction)));
    from.on('end', () => {
      // Nobody left to tell: let this half-open socket go.
      if (to.destroyed) from.destroy();
      else pipe.push(null, this.proxy.fault(pipe.direction));
    });
    // A peer that resets (or errs) resets the other end, unless the direction towards it is a
    // black hole: then the other end hears nothing, as behind a dead link.
    from.on('error', () => {
      if (!pipe.broken && !to.destroyed) to.resetAndDestroy();
    });
    from.on('close', () => {
      if (!this.client.destroyed || !this.server.destroyed) return;
      this.#done = true;
      this.up.stop();
      this.down.stop();
      this.proxy.forget(this);
    });
  }

  /** RST to both ends. */
  reset(): void {
    if (this.#done) return;
    this.#done = true;
    this.up.stop();
    this.down.stop();
    if (!this.client.destroyed) this.client.resetAndDestroy();
    if (!this.server.destroyed) this.server.resetAndDestroy();
    this.proxy.stats.resets += 1;
    this.proxy.forget(this);
  }
}

export interface ProxyStats {
  accepted: number;
  refused: number;
  resets: number;
  up: { forwarded: number; swallowed: number };
  down: { forwarded: number; swallowed: number };
}

export class FaultProxy {
  readonly #target: { host: string; port: number };
  readonly #faults: Record<Direction, Fault> = { up: PASS, down: PASS };
  readonly #connections = new Set<Connection>();
  #refusing = false;
  #server: Server | null = null;
  port = 0;
  readonly stats: ProxyStats = { accepted: 0, refused: 0, resets: 0, up: { forwarded: 0, swallowed: 0 }, down: { forwarded: 0, swallowed: 0 } };

  constructor(target: { host?: string; port: number }) {
    this.#target = { host: target.host ?? '127.0.0.1', port: target.port };
  }

  /** Origin clients use instead of the server's (`http://127.0.0.1:<port>`). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on 127.0.0.1 (`port` 0: a free one). */
  async listen(port = 0): Promise<this> {
    // Half-open sockets: each FIN is forwarded (or swallowed) by the proxy, never answered by Node.
    const server = net.createServer({ noDelay: true, allowHalfOpen: true }, (client) => this.#accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this;
  }

  /** The fault applied now in one direction. */
  fault(direction: Direction): Fault {
    return this.#faults[direction];
  }

  /** Sets the fault of one direction, or of both (`'both'`). Applies to chunks from now on. */
  set(direction: Direction | 'both', fault: Fault): this {
    if (direction !== 'down') this.#faults.up = fault;
    if (direction !== 'up') this.#faults.down = fault;
    if (fault.kind === 'reset') {
      // Bytes already waiting in a delay or throttle queue go nowhere: the connection is reset.
      for (const c of [...this.#connections]) c.reset();
    }
    return this;
  }

  /** Resets new connections as soon as they are accepted (true), or serves them again (false). */
  refuse(refusing: boolean): this {
    this.#refusing = refusing;
    return this;
  }

  /**
   * Back to `pass` both ways, accepting connections. Connections that swallowed bytes stay
   * silent (their peers must notice by their own timeouts) unless `resetBroken`: then they are
   * reset, as a NAT or load balancer that lost the flow answers packets that come again.
   */
  heal(options: { resetBroken?: boolean } = {}): this {
    this.#faults.up = PASS;
    this.#faults.down = PASS;
    this.#refusing = false;
    if (options.resetBroken) for (const c of [...this.#connections]) if (c.broken) c.reset();
    return this;
  }

  /** RST on every current connection, both ends. */
  resetAll(): this {
    for (const c of [...this.#connections]) c.reset();
    return this;
  }

  /** Connections open now. */
  get open(): number {
    return this.#connections.size;
  }

  /** @internal */
  forget(connection: Connection): void {
    this.#connections.delete(connection);
  }

  async close(): Promise<void> {
    for (const c of [...this.#connections]) c.reset();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = null;
  }

  #accept(client: Socket): void {
    if (this.#refusing) {
      this.stats.refused += 1;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    this.stats.accepted += 1;
    client.on('error', () => undefined); // a client that resets while the upstream dials
    client.pause();
    const upstream = net.connect({ host: this.#target.host, port: this.#target.port, noDelay: true, allowHalfOpen: true });
    const failed = () => {
      // The server is down: the client is reset, as by a closed port.
      if (!client.destroyed) client.resetAndDestroy();
    };
    upstream.once('error', failed);
    upstream.once('connect', () => {
      upstream.off('error', failed);
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      this.#connections.add(new Connection(this, client, upstream));
      client.resume();
    });
  }
}
