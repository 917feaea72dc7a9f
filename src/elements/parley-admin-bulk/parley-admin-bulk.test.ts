import { expect, fixture, html } from '@open-wc/testing';
import { BULK_COLUMNS, type AdminScript, type AdminSkill, type StaffUser } from '../../protocol/index.js';
import { rememberCsrfToken } from '../../core/staff-auth.js';
import { alertText, button, control, deepAll, deepText, TEST_PASSWORD, until } from '../test-helpers.js';
import { ParleyAdminBulk } from './parley-admin-bulk.js';

ParleyAdminBulk.define('parley-admin-bulk');

const SERVER = (window as unknown as { PARLEY_TEST_SERVER: string }).PARLEY_TEST_SERVER;
const run = Date.now().toString(36);

async function signIn(username = 'admin'): Promise<StaffUser> {
  const res = await fetch(new URL('/api/v1/auth/login', SERVER), {
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

async function mount(username = 'admin'): Promise<ParleyAdminBulk> {
  const user = await signIn(username);
  const el = await fixture<ParleyAdminBulk>(html`<parley-admin-bulk .server=${SERVER} .user=${user} locale="en"></parley-admin-bulk>`);
  await until(() => !deepText(el).includes('Loading'), 'the past uploads loaded');
  return el;
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(new URL(`/api/v1/admin/${path}`, SERVER), { credentials: 'include' });
  expect(res.status, path).to.equal(200);
  return (await res.json()) as T;
}

/** A CSV with the template's columns: `rows` new chat POCs, the third of which names an unknown channel. */
async function csv(rows: number): Promise<string> {
  const { skills } = await get<{ skills: AdminSkill[] }>('skills');
  const { scripts } = await get<{ scripts: AdminScript[] }>('scripts');
  const skill = skills.find((s) => s.channel === 'chat' && s.active)!;
  const script = scripts[0];
  expect(skill, 'an active chat skill').to.not.equal(undefined);
  const lines = [BULK_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const channel = i === 1 ? 'pigeon' : 'chat';
    lines.push(['', '', `Bulk ${run} ${i}`, channel, skill.name, script.name, '', '', 'yes'].map((c) => `"${c}"`).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function choose(el: ParleyAdminBulk, file: File): void {
  const input = control(el, 'File');
  const list = new DataTransfer();
  list.items.add(file);
  input.files = list.files;
}

const uploadForm = (el: ParleyAdminBulk) => el.shadowRoot!.querySelector('form#upload')!;

describe('<parley-admin-bulk>', () => {
  it('is accessible', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });

  it('links the template and the export, as CSV and XLSX, and the links download', async () => {
    const el = await mount();
    const links = deepAll<HTMLAnchorElement>(el, 'a[download]');
    const names = links.map((a) => a.getAttribute('aria-label'));
    expect(names).to.include.members([
      'Download the template as CSV',
      'Download the template as Excel (XLSX)',
      'Download existing points of contact as CSV',
      'Download existing points of contact as Excel (XLSX)',
    ]);
    const template = links.find((a) => a.getAttribute('aria-label') === 'Download the template as CSV')!;
    expect(template.href).to.include('/api/v1/admin/bulk/template?format=csv');
    const res = await fetch(template.href, { credentials: 'include' });
    expect(res.status).to.equal(200);
    expect((await res.text()).split(/\r?\n/)[0]).to.include('Modified row');
  });

  it('explains the Modified row column next to the two row choices', async () => {
    const el = await mount();
    const all = control(el, 'All rows');
    expect(all.checked).to.equal(true);
    expect(control(el, 'Modified rows only').type).to.equal('radio');
    expect(deepText(uploadForm(el))).to.include('Modified row column is the file’s first column');
  });

  it('uploads a CSV, shows its progress, then a report with the failed row and column', async () => {
    const el = await mount();
    const name = `pocs-${run}.csv`;
    choose(el, new File([await csv(400)], name, { type: 'text/csv' }));
    button(uploadForm(el), 'Upload').click();
    await until(() => el.shadowRoot!.querySelector('progress'), 'the progress bar');
    const progress = el.shadowRoot!.querySelector('progress')!;
    expect(deepText(el)).to.include(`Processing “${name}”`);
    expect(progress.labels?.[0]?.textContent).to.include('Rows processed');

    await until(() => deepText(el).includes(`Result of “${name}”`), 'the report', 15000);
    const report = el.shadowRoot!.querySelector('[part="report"]')!;
    const counts = Object.fromEntries([...report.querySelectorAll('.counts div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(counts).to.include({ Created: '399', Failed: '1' });
    const failed = [...report.querySelectorAll('tbody tr')];
    expect(failed).to.have.length(1);
    const cells = [...failed[0].children].map((c) => c.textContent!.trim());
    expect(cells[0], 'row number (the header is row 1)').to.equal('3');
    expect(cells[1]).to.equal('Channel');
    expect(cells[2]).to.include('pigeon');
    const reportLinks = deepAll<HTMLAnchorElement>(report, 'a[download]').map((a) => a.getAttribute('aria-label'));
    expect(reportLinks).to.have.members(['Download the report as CSV', 'Download the report as Excel (XLSX)']);

    // The job is in the history; choosing it shows its report again.
    await until(() => deepAll(el, 'button').some((b) => b.getAttribute('aria-label') === `Show the report of ${name}`), 'the job in the history');
    const row = deepAll(el, 'tbody tr').find((tr) => tr.textContent!.includes(name))!;
    expect(deepText(row)).to.include('Done').and.include('399 created').and.include('1 failed').and.include('All rows');
  });

  it('shows a past job’s report when it is chosen', async () => {
    const el = await mount();
    const name = `again-${run}.csv`;
    choose(el, new File([await csv(3)], name, { type: 'text/csv' }));
    button(uploadForm(el), 'Upload').click();
    await until(() => deepText(el).includes(`Result of “${name}”`), 'the report', 15000);
    const fresh = await mount();
    expect(deepText(fresh)).to.not.include(`Result of “${name}”`);
    await until(() => deepAll(fresh, 'button').find((b) => b.getAttribute('aria-label') === `Show the report of ${name}`), 'the job listed');
    deepAll(fresh, 'button').find((b) => b.getAttribute('aria-label') === `Show the report of ${name}`)!.click();
    await until(() => fresh.shadowRoot!.querySelector('[part="report"] tbody tr'), 'its failed rows');
    expect(fresh.shadowRoot!.activeElement?.id).to.equal('report-heading');
    expect(deepText(fresh.shadowRoot!.querySelector('[part="report"]')!)).to.include('Channel');
  });

  it('shows a refused file in an alert, at the file input, and keeps the chosen mode', async () => {
    const el = await mount();
    control(el, 'Modified rows only').checked = true;
    choose(el, new File(['Name,Colour\r\nA,blue\r\n'], `wrong-${run}.csv`, { type: 'text/csv' }));
    button(uploadForm(el), 'Upload').click();
    await until(() => alertText(el).trim(), 'the refusal');
    expect(alertText(el)).to.match(/column/i);
    expect(control(el, 'File').getAttribute('aria-invalid')).to.equal('true');
    expect(control(el, 'Modified rows only').checked, 'the mode kept').to.equal(true);
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
  });

  it('refuses a file of another kind before sending it', async () => {
    const el = await mount();
    choose(el, new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    button(uploadForm(el), 'Upload').click();
    await el.updateComplete;
    expect(control(el, 'File').getAttribute('aria-invalid')).to.equal('true');
    expect(deepText(el)).to.include('Choose a .csv or .xlsx file');
  });

  it('shows the downloads but not the upload form to a user who cannot create and change', async () => {
    const el = await mount('marketer');
    expect(deepAll(el, 'a[download]')).to.have.length(4);
    expect(el.shadowRoot!.querySelector('form#upload')).to.equal(null);
    expect(deepText(el)).to.include('Uploading needs the permissions');
  });
});
