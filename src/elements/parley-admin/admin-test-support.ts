// Helpers of the administration sections' element tests: signing in over HTTP and making the
// records a test works on through the real admin API. Test code only; no entry imports it.
import { expect } from '@open-wc/testing';
import { adminCall } from '../../core/admin-api.js';
import { rememberCsrfToken, signOut } from '../../core/staff-auth.js';
import type { AdminPoc, PocInput, StaffUser } from '../../protocol/index.js';
import { TEST_PASSWORD } from '../test-helpers.js';

export const SERVER = window.PARLEY_TEST_SERVER;

/** Signs `username` in on the test server (the session cookie serves every later call). */
export async function login(username: 'admin' | 'marketer'): Promise<StaffUser> {
  const res = await fetch(`${SERVER}/api/v1/auth/login`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(res.status, `${username} signs in`).to.equal(200);
  const body = (await res.json()) as { user: StaffUser; csrfToken: string };
  rememberCsrfToken(SERVER, body.csrfToken);
  return body.user;
}

export async function logout(): Promise<void> {
  expect(await signOut(SERVER), 'signed out').to.equal(true);
}

/** A unique name, so tests sharing the server never collide. */
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Creates a chat POC (as the signed-in admin) on the demo chat skill and script. */
export async function createChatPoc(patch: Partial<PocInput> = {}): Promise<AdminPoc> {
  const result = await adminCall<{ poc: AdminPoc }>(SERVER, 'pocs', {
    method: 'POST',
    body: { name: unique('Test chat'), channel: 'chat', skillId: 'demo-skill-chat', scriptId: 'demo-script', ...patch },
  });
  if (!result.ok) throw new Error(`creating a POC: ${result.error.message}`);
  return result.value.poc;
}

/** The shadow root of `el`, for queries by id. */
export const shadow = (el: Element) => el.shadowRoot!;
