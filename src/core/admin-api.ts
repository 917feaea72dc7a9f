/**
 * The administration pages' client of the admin HTTP API (`/api/v1/admin/*`, see
 * src/protocol/admin.ts): one call shape for every page.
 *
 * Invariants:
 * - Expected failures come back as values, never as exceptions: a refusal carries the server's
 *   `ProtocolError` (its `field` names the input to blame, its `wayOut` how to deactivate anyway),
 *   an unreachable server or a body that is not the JSON error shape is `unreachable` / `failed`.
 *   Only a programming error (a malformed `server`) throws.
 * - The staff session is the server's httpOnly cookie, sent with every call (`credentials:
 *   'include'`); nothing here stores it. Changes carry the session's CSRF token (staff-auth.ts
 *   `staffFetch`, which also fetches it again once when the server refuses it).
 */
import { API_PREFIX, type ProtocolError } from '../protocol/index.js';
import { staffFetch } from './staff-auth.js';

export type AdminResult<T> =
  | { ok: true; value: T; status: number }
  | { ok: false; status: number; error: ProtocolError };

export interface AdminCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON; a `FormData` is sent as multipart (bulk uploads). */
  body?: unknown;
  /** Query parameters; undefined, null and empty values are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
}

/** The URL of an admin API path (`pocs`, `pocs/abc/audit`…) on `server`. */
export function adminUrl(server: string, path: string, query: AdminCall['query'] = {}): string {
  const url = new URL(`${API_PREFIX}/admin/${path.replace(/^\//, '')}`, server);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

const isError = (value: unknown): value is ProtocolError =>
  typeof value === 'object' && value !== null && typeof (value as ProtocolError).code === 'string' && typeof (value as ProtocolError).message === 'string';

/** Calls the admin API; a 204 gives `value: null`. */
export async function adminCall<T>(server: string, path: string, call: AdminCall = {}): Promise<AdminResult<T>> {
  const url = adminUrl(server, path, call.query);
  const init: RequestInit = { method: call.method ?? 'GET', headers: { accept: 'application/json' }, signal: call.signal };
  if (call.body instanceof FormData) init.body = call.body;
  else if (call.body !== undefined) {
    init.body = JSON.stringify(call.body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let response: Response;
  try {
    response = await staffFetch(server, url, init);
  } catch (err) {
    if (call.signal?.aborted) throw err;
    return { ok: false, status: 0, error: { code: 'internal_error', message: 'the server cannot be reached' } };
  }
  if (response.status === 204) return { ok: true, status: 204, value: null as T };
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && body !== null) return { ok: true, status: response.status, value: body as T };
  const error = (body as { error?: unknown } | null)?.error;
  return {
    ok: false,
    status: response.status,
    error: isError(error) ? error : { code: 'internal_error', message: `the server answered ${response.status}` },
  };
}
