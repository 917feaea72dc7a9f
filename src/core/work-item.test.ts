/**
 * The shared work-item check: every field type's rule, every refusal reported in form order,
 * and the cleaned values the server stores.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WorkItemField } from '../protocol/index.js';
import { checkWorkItem, formatBytes, isCalendarDate } from './work-item.js';

const field = (id: string, type: WorkItemField['type'], patch: Partial<WorkItemField> = {}): WorkItemField => ({
  id,
  type,
  label: id,
  labels: {},
  required: false,
  options: [],
  accept: type === 'file' ? ['image/png', 'application/pdf'] : [],
  maxFiles: type === 'file' ? 2 : 0,
  maxFileBytes: type === 'file' ? 1000 : 0,
  ...patch,
});

const FORM: WorkItemField[] = [
  field('who', 'name', { required: true }),
  field('mail', 'email', { required: true }),
  field('tel', 'phone'),
  field('ref', 'text'),
  field('body', 'textarea', { required: true }),
  field('kind', 'select', { options: ['Return', 'Repair'] }),
  field('agree', 'checkbox', { required: true }),
  field('when', 'date'),
  field('files', 'file'),
];

const GOOD = { who: '  Zoë  Martin ', mail: 'Zoe@Example.com', tel: '06 12 34 56 78', ref: 'A\u202E-1\n2', body: '\n\nLine one\nLine two\n\n', kind: 'Repair', agree: 'on', when: '2026-02-28' };

describe('checkWorkItem', () => {
  test('a valid submission gives cleaned values in form order, the name and the reply address', () => {
    const checked = checkWorkItem(FORM, GOOD, { files: [{ name: 'a.png', size: 10, type: 'image/png' }] });
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.value.values.map((v) => [v.id, v.value]),
      [['who', 'Zoë Martin'], ['mail', 'Zoe@example.com'], ['tel', '06 12 34 56 78'], ['ref', 'A-1 2'], ['body', 'Line one\nLine two'], ['kind', 'Repair'], ['agree', true], ['when', '2026-02-28'], ['files', null]],
    );
    assert.equal(checked.value.customerName, 'Zoë Martin');
    assert.equal(checked.value.replyTo, 'Zoe@example.com');
  });

  test('optional fields left empty are null (an unticked optional box is false)', () => {
    const checked = checkWorkItem([...FORM.slice(0, 6), field('opt', 'checkbox')], { who: 'A', mail: 'a@b.co', body: 'x', tel: ' ', kind: '' });
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.values.map((v) => v.value), ['A', 'a@b.co', null, null, 'x', null, false]);
  });

  test('every refusal is reported, in form order, naming the field', () => {
    const checked = checkWorkItem(FORM, { who: '', mail: 'nope', tel: '12', ref: 'x'.repeat(201), body: 'y'.repeat(4001), kind: 'Steal', agree: 'false', when: '2026-02-30' });
    assert.ok(!checked.ok);
    assert.deepEqual(checked.errors.map((e) => e.field), ['who', 'mail', 'tel', 'ref', 'body', 'kind', 'agree', 'when']);
    assert.ok(checked.errors.every((e) => e.code === 'invalid_field' && e.message.length > 0));
  });

  test('unknown keys, text for a file field, files for a text field and non-object answers are refused', () => {
    const checked = checkWorkItem(FORM, { ...GOOD, extra: 'x', files: 'a.png', __proto__: { who: 'polluted' } } as Record<string, unknown>, { body: [{ name: 'a.png', size: 1, type: 'image/png' }] });
    assert.ok(!checked.ok);
    assert.deepEqual(checked.errors.map((e) => e.field).sort(), ['body', 'extra', 'files']);
    for (const answers of [null, 'text', [1], 42]) {
      const bad = checkWorkItem(FORM, answers);
      assert.ok(!bad.ok && bad.errors[0].code === 'invalid_payload');
    }
  });

  test('files: required, count, empty, size and type are checked per file, at <field>.<index>', () => {
    const required = [...FORM.slice(0, 8), field('files', 'file', { required: true })];
    const none = checkWorkItem(required, GOOD);
    assert.ok(!none.ok && none.errors[0].field === 'files');
    const many = checkWorkItem(FORM, GOOD, { files: Array.from({ length: 3 }, (_, i) => ({ name: `${i}.png`, size: 1, type: 'image/png' })) });
    assert.ok(!many.ok && many.errors[0].message.includes('at most 2 files'));
    const each = checkWorkItem(FORM, GOOD, {
      files: [
        { name: 'big.png', size: 1001, type: 'image/png' },
        { name: 'evil.exe', size: 5, type: 'application/x-msdownload' },
      ],
    });
    assert.ok(!each.ok);
    assert.deepEqual(each.errors.map((e) => [e.field, e.code]), [['files.0', 'attachment_too_large'], ['files.1', 'attachment_type']]);
    const empty = checkWorkItem(FORM, GOOD, { files: [{ name: 'e.png', size: 0, type: 'image/png' }] });
    assert.ok(!empty.ok && empty.errors[0].field === 'files.0');
    const unnamed = checkWorkItem(FORM, GOOD, { files: [{ name: ' \u202E ', size: 3, type: 'image/png' }] });
    assert.ok(!unnamed.ok && unnamed.errors[0].field === 'files.0');
  });
});

describe('helpers', () => {
  test('isCalendarDate accepts real dates only', () => {
    for (const d of ['2024-02-29', '1900-01-01', '2100-12-31']) assert.ok(isCalendarDate(d), d);
    for (const d of ['2023-02-29', '2026-13-01', '2026-00-10', '1899-12-31', '2026-1-01', '2026-01-01T00:00', '']) assert.ok(!isCalendarDate(d), d);
  });

  test('formatBytes counts in steps of 1 024, as the studio’s MB limits do', () => {
    assert.equal(formatBytes(512), '512 bytes');
    assert.equal(formatBytes(5 * 1024 * 1024), '5 MB');
    assert.equal(formatBytes(1536 * 1024), '1.5 MB');
    assert.equal(formatBytes(300 * 1024), '300 kB');
  });
});
