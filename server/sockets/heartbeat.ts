/**
 * Keeps the heartbeats of connections that opened together from staying together.
 *
 * engine.io pings each connection `pingInterval` after it opened, and again `pingInterval` after
 * each answer. Connections that open in the same moment — a wave of reconnections after a restart,
 * a batch of widgets — are then pinged in the same moment for as long as they live, and each ping
 * is a socket write of its own: 200 connections that opened together cost the event loop a 20 to
 * 40 ms stretch every interval on a 2-core machine, during which every message waits. With 10 000
 * connections that is several such stretches a second (bench/server.ts found them as the tail of
 * its latency).
 *
 * So each connection gets an interval of its own, drawn once between `(1 − HEARTBEAT_SPREAD)`
 * and 1 times the configured one. Connections with different intervals drift apart after a few beats, and
 * their pings then arrive evenly over time. Only ever shorter: the client's own deadline
 * (interval + timeout, announced in the handshake) and the server's promise that a dead connection
 * is noticed within interval + timeout both still hold.
 */
import type { Server } from 'socket.io';

/** How much shorter than the configured interval a connection's own may be (a share of it). */
export const HEARTBEAT_SPREAD = 0.2;

/** The parts of engine.io's socket (not public API) that schedule its pings, protocol 4. */
interface PingingSocket {
  protocol: number;
  pingIntervalTimer: NodeJS.Timeout | null;
  schedulePing(): void;
}

function isPingingSocket(socket: unknown): socket is PingingSocket {
  const s = socket as Partial<PingingSocket>;
  return s.protocol === 4 && s.pingIntervalTimer != null && typeof s.schedulePing === 'function';
}

/**
 * From now on, every connection `io` accepts is pinged at an interval of its own, between
 * `(1 − HEARTBEAT_SPREAD)` and 1 times `pingInterval`. Should engine.io's internals differ from
 * what this expects, connections keep engine.io's own schedule.
 */
export function spreadHeartbeats(io: Server): void {
  const engine = io.engine;
  engine.on('connection', (socket: unknown) => {
    if (!isPingingSocket(socket)) return;
    const configured = engine.opts.pingInterval ?? 25_000;
    // engine.io armed the first ping with the configured interval as the socket opened; it is
    // armed again with this socket's own. The timer keeps that duration: each pong refreshes it.
    clearTimeout(socket.pingIntervalTimer!);
    engine.opts.pingInterval = Math.round(configured * (1 - HEARTBEAT_SPREAD * Math.random()));
    try {
      socket.schedulePing();
    } finally {
      engine.opts.pingInterval = configured;
    }
  });
}
