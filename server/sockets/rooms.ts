/**
 * Sending to a room of a namespace, as the notifier does for every message (server/app.ts).
 */
import type { Namespace } from 'socket.io';

/**
 * Emits `event` to every connection in `room` of `nsp`, as `nsp.to(room).emit(event, payload)`
 * does. A room of one connection — a conversation followed from one tab, an agent signed in once:
 * nearly every message — gets it through that connection's own `emit` instead. socket.io's
 * broadcast builds, on every call, a broadcast operator with two Sets, the Set of the connections
 * it reached and a pre-encoded WebSocket frame: for one connection, about 1.3 kB of garbage per
 * message, 5 % of the server's (bench/server.ts). The connection receives the same packet either
 * way.
 *
 * Only for socket.io's in-memory adapter, where a room's members are all in this process: with an
 * adapter that spans servers, the room's members elsewhere would be missed.
 */
export function emitToRoom(nsp: Namespace, room: string, event: string, payload: unknown): void {
  const members = nsp.adapter.rooms.get(room);
  if (members === undefined) return;
  if (members.size === 1) {
    for (const id of members) nsp.sockets.get(id)?.emit(event, payload);
    return;
  }
  nsp.to(room).emit(event, payload);
}
