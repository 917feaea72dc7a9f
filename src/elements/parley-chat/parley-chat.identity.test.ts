/**
 * `<parley-chat identity-token>` against the real test server: the attribute reaches the
 * handshake (the server refuses one that does not verify, and the chat says so and stops), and a
 * token signed with the POC's identity secret makes the visitor that customer on another "device".
 */
import { aTimeout, expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SignJWT } from 'jose';
import { DEMO_IDS } from '../../protocol/index.js';
import { defineParleyElements } from '../../define.js';
import { staffSignOut, storedCustomerMessage } from '../test-helpers.js';
import type { ParleyChat } from './parley-chat.js';

defineParleyElements();

const SERVER = window.PARLEY_TEST_SERVER;
// The second demo chat: its identity secret is made and removed here, other tests use it anonymously.
const POC = DEMO_IDS.salesChatPoc;
const tokenKey = `parley:visitor:${POC}@${new URL(SERVER).origin}`;

const root = (el: ParleyChat) => el.shadowRoot!;
const launcher = (el: ParleyChat) => root(el).querySelector<HTMLButtonElement>('[part~="launcher"]');
const list = (el: ParleyChat) => root(el).querySelector('parley-message-list')!;
const logText = (el: ParleyChat) => list(el)?.shadowRoot?.querySelector('[part~="log"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
const statusText = (el: ParleyChat) => list(el)?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

async function chat(identity: string): Promise<ParleyChat> {
  const el = await fixture<ParleyChat>(html`<parley-chat poc=${POC} server=${SERVER} locale="en" identity-token=${identity}></parley-chat>`);
  await waitUntil(() => launcher(el), 'the launcher appears once the profile loaded', { timeout: 5000 });
  return el;
}

/** An administrator's call with the session cookie and its CSRF token. */
async function asAdmin(method: string, path: string): Promise<Response> {
  const login = await fetch(`${SERVER}/api/v1/auth/login`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'parley-test' }),
  });
  expect(login.status, 'admin sign-in').to.equal(200);
  const { csrfToken } = (await login.json()) as { csrfToken?: string };
  return fetch(`${SERVER}/api/v1/admin${path}`, { method, credentials: 'include', headers: csrfToken ? { 'x-parley-csrf': csrfToken } : {} });
}

describe('parley-chat identity-token', () => {
  afterEach(() => {
    fixtureCleanup();
    localStorage.removeItem(tokenKey);
  });

  it('an identity the server refuses makes the chat unavailable, visibly, without retrying', async () => {
    const spy = console.error;
    const errors: unknown[][] = [];
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const el = await chat('not-a-signed-token');
      const refused = oneEvent(el, 'parley-error');
      launcher(el)!.click();
      const event = await refused;
      expect(event.detail.error.code).to.equal('identity_invalid');
      await waitUntil(() => el.matches(':state(unavailable)'), 'the chat shows it is unavailable');
      await waitUntil(() => statusText(el).includes('could not confirm who you are'), 'the refusal says what is wrong');
      expect(errors.some((args) => String(args[0]).includes('identity_invalid'))).to.equal(true);
      // No retry: the refusal stays, and no token was handed out.
      await aTimeout(1500);
      expect(el.matches(':state(unavailable)')).to.equal(true);
      expect(localStorage.getItem(tokenKey)).to.equal(null);
    } finally {
      console.error = spy;
    }
  });

  it("a signed identity is the same customer on another device: the chat follows them", async () => {
    const res = await asAdmin('POST', `/pocs/${POC}/identity-secret`);
    expect(res.status).to.equal(201);
    const { secret } = (await res.json()) as { secret: string };
    const subject = `browser-${crypto.randomUUID()}`;
    // As the website's server would sign it (docs/widget.md).
    const sign = () =>
      new SignJWT({ name: 'Ada' }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    try {
      const first = await chat(await sign());
      launcher(first)!.click();
      await waitUntil(() => localStorage.getItem(tokenKey), 'connected', { timeout: 5000 });
      const firstToken = localStorage.getItem(tokenKey);
      const text = `Verified hello ${crypto.randomUUID().slice(0, 8)}`;
      const stored = storedCustomerMessage(first, text);
      await waitUntil(() => root(first).querySelector('parley-composer')?.shadowRoot?.querySelector('[part~="input"]'), 'the composer shows');
      root(first).querySelector('parley-composer')!.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]')!.focus();
      await sendKeys({ type: text });
      await sendKeys({ press: 'Enter' });
      await stored;
      fixtureCleanup();

      // Another device: no token in its storage, a new signature of the same customer.
      localStorage.removeItem(tokenKey);
      const second = await chat(await sign());
      launcher(second)!.click();
      await waitUntil(() => logText(second).includes(text), 'the conversation follows the customer', { timeout: 8000 });
      expect(localStorage.getItem(tokenKey)).to.not.equal(firstToken);
      // No contact left waiting for the other tests' agents.
      await waitUntil(() => root(second).querySelector('[part~="end-button"]'), 'the End chat button shows');
      root(second).querySelector<HTMLButtonElement>('[part~="end-button"]')!.click();
      await waitUntil(() => statusText(second).includes('This chat has ended'), 'the chat ends', { timeout: 5000 });
    } finally {
      await asAdmin('DELETE', `/pocs/${POC}/identity-secret`);
      await staffSignOut(SERVER);
    }
  });
});
