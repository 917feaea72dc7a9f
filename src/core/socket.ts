/**
 * The two things both sessions (customer and agent) do with a socket.io socket.
 *
 * Invariant: neither ever throws or hangs for ever — a lost connection or a missing answer turns
 * into an `{ ok: false }` reply, and the first connection attempt always settles.
 */
import type { Socket } from 'socket.io-client';
import type { ErrorCode, ProtocolError } from '../protocol/index.js';

type AnySocket = Socket<never, never>;
type RefusalData = { code?: string; message?: string };

/**
 * Emits `event` and waits for its acknowledgement, at most `timeoutMs`. Not connected, timed out
 * or disconnected meanwhile: an `internal_error` reply, so callers handle one shape.
 */
export async function ask<R>(socket: AnySocket | Socket | null, event: string, payload: unknown, timeoutMs: number): Promise<R> {
  if (!socket?.connected) return { ok: false, error: { code: 'internal_error', message: 'not connected' } } as R;
  try {
    // socket.io's typed emitWithAck cannot follow a generic event name; each session's own
    // method signature carries the payload and reply types instead.
    const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    return (await timed.emitWithAck(event, payload)) as R;
  } catch {
    return { ok: false, error: { code: 'internal_error', message: 'no answer from the server' } } as R;
  }
}

/**
 * Settles on the first `hello` or the first refused handshake. A refusal whose code is in
 * `fatal` stops the socket (retrying cannot help) and is reported to `onRefused`; any other
 * failure is left to socket.io's reconnection and reported to `onRetry`.
 */
export function firstContact(
  socket: AnySocket | Socket,
  fatal: readonly ErrorCode[],
  onRefused: (error: ProtocolError) => void,
  onRetry: () => void,
): Promise<void> {
  return new Promise<void>((resolve) => {
    (socket as Socket).once('hello', () => resolve());
    (socket as Socket).on('connect_error', (err: Error & { data?: RefusalData }) => {
      const code = err.data?.code as ErrorCode | undefined;
      if (code && fatal.includes(code)) {
        socket.disconnect();
        onRefused({ code, message: err.data?.message ?? err.message });
      } else {
        onRetry();
      }
      resolve();
    });
  });
}
