// Work items in the console against the real test server (web-test-runner.config.mjs): an item
// filed on the demo returns form through the public intake (multipart, as `<parley-work-item>`
// posts it), offered to the agent, accepted, read with its attachment downloaded, answered by
// email (recorded here: no SMTP server is configured) and completed. What the server stored is read
// through the `parley-outbound` test-runner command (test/helpers/store-commands.mjs).
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { API_PREFIX, DEMO_IDS, type WorkItemReceipt } from '../../protocol/index.js';
import { button, buttons, control, deepAll, deepText, fillSignIn, nameOf, releaseDesk, TEST_PASSWORD, until } from '../test-helpers.js';
import { ParleyAgentConsole } from './parley-agent-console.js';

ParleyAgentConsole.define('parley-agent-console');

const SERVER = window.PARLEY_TEST_SERVER;
const api = (path: string) => new URL(`${API_PREFIX}${path}`, SERVER).toString();

/** A 1×1 transparent PNG: the server decides a file's type from its content. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const HOSTILE = '<img src=x onerror="window.__pwned=21">';

let el: ParleyAgentConsole | null = null;
let testId = 0;

/** Files a return on the demo form, as its web form does; unique names keep tests apart. */
async function fileReturn(): Promise<{ name: string; email: string; receipt: WorkItemReceipt }> {
  const n = `${Date.now()}-${++testId}`;
  const name = `Returner ${n}`;
  const email = `wi${n}@example.com`;
  const body = new FormData();
  body.set('name', name);
  body.set('email', email);
  body.set('order', `A-${n}`);
  body.set('reason', 'Damaged');
  body.set('purchased', '2025-01-14');
  body.set('details', `The lamp arrived broken. ${HOSTILE}`);
  body.set('photos', new File([PNG], `${HOSTILE}.png`, { type: 'image/png' }));
  const res = await fetch(api(`/pocs/${DEMO_IDS.workitemPoc}/work-items`), { method: 'POST', body });
  expect(res.status, await res.clone().text()).to.equal(201);
  return { name, email, receipt: (await res.json()) as WorkItemReceipt };
}

async function signedInDesk(): Promise<ParleyAgentConsole> {
  el = await fixture<ParleyAgentConsole>(html`<parley-agent-console server=${SERVER} locale="en"></parley-agent-console>`);
  await fillSignIn(el, 'agent1', TEST_PASSWORD);
  await until(() => el!.session?.state.connection === 'connected', 'the agent connection');
  button(el, 'Go available').click();
  await until(() => buttons(el!, 'Go unavailable').length === 1, 'available');
  return el;
}

/** The work-item offer from one customer; other contacts left by other tests are declined. */
async function offerFor(desk: ParleyAgentConsole, name: string): Promise<HTMLElement> {
  const find = () => deepAll(desk, '[role="group"]').find((g) => g.getAttribute('aria-label') === `Work item: ${name}, Returns form`);
  await until(() => {
    const session = desk.session!;
    for (const o of session.state.offers) if (o.customerName !== name) void session.decline(o.id);
    return find();
  }, `a work-item offer from ${name}`);
  return find()!;
}

describe('parley-agent-console: work items', () => {
  afterEach(async () => {
    await releaseDesk(el?.session, SERVER);
    el = null;
  });

  it('offers a filed work item, shows its answers and its file as a download, replies by email and completes it', async () => {
    const desk = await signedInDesk();
    const { name, email, receipt } = await fileReturn();

    // The offer: what it is, the form's title and reference, a summary; announced once.
    const group = await offerFor(desk, name);
    const card = deepText(group);
    expect(card).to.contain('Work item').and.contain('Return an item').and.contain(receipt.reference).and.contain('1 attachment');
    expect(card).to.contain(`The lamp arrived broken. ${HOSTILE}`);
    await until(() => deepAll(desk, '[aria-live="polite"]').some((r) => deepText(r).includes(`New work item from ${name}, ${receipt.reference}.`)), 'announced');
    expect(deepAll(group, 'img, a'), 'no file shown or linked in an offer').to.have.length(0);

    button(group, 'Accept').click();
    await until(() => buttons(desk, new RegExp(`^${name}, Work item, ${receipt.reference}, `)).length === 1, 'the work item in the list');
    const conversation = deepAll(desk, 'parley-agent-conversation')[0];
    await until(() => deepText(conversation).includes('Order number'), 'the answers');
    expect(deepText(conversation)).to.contain(`Work item from ${name}`).and.contain('Web form').and.contain('Damaged');
    expect(deepAll(conversation, 'time')[0].getAttribute('datetime')).to.equal('2025-01-14');

    // The file: a download link on the server, never shown inline; the server answers it as one.
    const links = deepAll<HTMLAnchorElement>(conversation, 'a[download]');
    expect(links.map((a) => a.textContent)).to.deep.equal([`${HOSTILE}.png`]);
    expect(links[0].href.startsWith(`${SERVER}${API_PREFIX}/agent/attachments/`), links[0].href).to.equal(true);
    expect(links[0].rel).to.equal('noopener noreferrer');
    expect(deepAll(conversation, 'img, iframe, object, embed'), 'nothing inline').to.have.length(0);
    // With the agent's session cookie (its headers, Content-Disposition and nosniff, are not
    // exposed to this cross-origin test page; the server's own tests check them).
    const download = await fetch(links[0].href, { credentials: 'include' });
    expect(download.status).to.equal(200);
    expect([...new Uint8Array(await download.arrayBuffer())]).to.deep.equal([...PNG]);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(desk).to.be.accessible();

    // Continuing by email starts from the address the form was given.
    button(desk, 'Email').click();
    await until(() => control(desk, 'Email address').value === email, 'the address prefilled');
    button(desk, 'Cancel').click();

    // A reply is an email to that address.
    control<HTMLTextAreaElement>(desk, `Reply by email to ${email}`).value = 'We will collect it on Monday.';
    button(desk, 'Send email').click();
    await until(() => deepAll(conversation, '[data-delivery]').some((m) => deepText(m).includes('We will collect it on Monday.')), 'the reply stored');
    const thread = desk.session!.state.threads.find((t) => t.conversation.workItem?.reference === receipt.reference)!;
    const rows = (await executeServerCommand('parley-outbound', { conversationId: thread.conversation.id })) as { channel: string; destination: string; body: string }[];
    expect(rows.map((r) => [r.channel, r.destination, r.body])).to.deep.equal([['email', email, 'We will collect it on Monday.']]);

    // Completed with a disposition, it leaves the desk.
    control<HTMLSelectElement>(desk, 'Disposition').value = 'resolved';
    control<HTMLTextAreaElement>(desk, 'Note').value = 'Collection booked.';
    button(desk, 'Complete work item').click();
    await until(() => buttons(desk, new RegExp(`^${name}, Work item`)).length === 0, 'the work item leaves the desk');
    expect(nameOf(deepAll(desk, 'h2')[0])).to.equal('Offers');
  });
});
