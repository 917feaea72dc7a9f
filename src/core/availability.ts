/**
 * Reading a POC's availability (`GET /api/v1/pocs/:poc/availability`, or the `availability` event
 * the server pushes when an administrator deactivates or activates the POC).
 *
 * Invariant: the body is parsed, not trusted — one without the expected shape gives null (the
 * caller keeps its last good answer); windows that are not two instants in order are dropped.
 */
import type { PocAvailability, TimeWindow } from '../protocol/index.js';
import { isRecord } from './validators.js';

const isInstant = (value: unknown): value is string => typeof value === 'string' && Number.isFinite(Date.parse(value));

/** Reads an untrusted availability body; null when it lacks the expected shape. */
export function parseAvailability(body: unknown): PocAvailability | null {
  if (!isRecord(body) || typeof body.open !== 'boolean') return null;
  const longWait = body.longWaitSeconds;
  const windows = Array.isArray(body.callbackWindows) ? body.callbackWindows : [];
  return {
    open: body.open,
    nextOpenAt: isInstant(body.nextOpenAt) ? body.nextOpenAt : null,
    timeZone: typeof body.timeZone === 'string' ? body.timeZone : 'UTC',
    longWaitSeconds: typeof longWait === 'number' && Number.isFinite(longWait) && longWait > 0 ? longWait : null,
    callbackWindows: windows.filter(
      (w): w is TimeWindow => isRecord(w) && isInstant(w.from) && isInstant(w.to) && Date.parse(w.from) < Date.parse(w.to),
    ),
    // A server that does not say is taken as staffed: no "leave a message" on a guess.
    staffed: body.staffed !== false,
    whenClosed: body.whenClosed === 'hide' ? 'hide' : 'offline-message',
  };
}
