/**
 * Writing bulk files: the template and the export in CSV and XLSX, formula injection escaped in
 * both, and a round trip through read.ts that gives back every value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { BULK_COLUMNS, type AdminPoc, type AdminScript, type AdminSkill } from '../../../src/protocol/index.js';
import { escapeCell, unescapeCell } from './cells.js';
import { readBulkFile } from './read.js';
import { REPORT_COLUMNS, pocRows, writePocFile, writeReport } from './write.js';

const poc = (over: Partial<AdminPoc>): AdminPoc => ({
  id: 'chat-1',
  name: 'Chat',
  channel: 'chat',
  skillId: 'sk-chat',
  scriptId: 'sc-1',
  profileId: null,
  address: null,
  active: true,
  allowedOrigins: [],
  createdAt: '2024-01-01T00:00:00.000Z',
  identity: { enabled: false },
  ...over,
});
const skill = (id: string, name: string, channel: AdminSkill['channel'] = 'chat'): AdminSkill => ({ id, name, channel, active: true, pocCount: 0, activePocCount: 0, createdAt: '' });
const script = (id: string, name: string) => ({ id, name }) as AdminScript;

const POCS = [
  poc({ id: 'chat-1', name: '=HYPERLINK("https://evil.example","click")', allowedOrigins: ['https://a.example', 'https://b.example'] }),
  poc({ id: 'email-1', name: '+1 support', channel: 'email', skillId: 'sk-mail', address: 'help@acme.example', active: false }),
  poc({ id: 'chat-2', name: '-2', skillId: 'sk-dup-1' }),
  poc({ id: 'chat-3', name: '@SUM(A1:A9)', skillId: 'sk-dup-2', scriptId: 'sc-2' }),
  poc({ id: 'chat-4', name: "'=already quoted" }),
  poc({ id: 'chat-5', name: '\tTabbed' }),
];
const SKILLS = [skill('sk-chat', 'Chat support'), skill('sk-mail', 'Email', 'email'), skill('sk-dup-1', 'Twins'), skill('sk-dup-2', 'twins')];
const SCRIPTS = [script('sc-1', 'Standard hours'), script('sc-2', '=cmd|calc')];

describe('bulk file writing', () => {
  test('escapeCell prefixes what a spreadsheet would run, unescapeCell undoes it exactly', () => {
    for (const [value, escaped] of [
      ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
      ['+1', "'+1"],
      ['-2', "'-2"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['\rx', "'\rx"],
      ["'=x", "''=x"],
      ['plain', 'plain'],
      ["it's", "it's"],
      ['', ''],
    ]) {
      assert.equal(escapeCell(value), escaped);
      assert.equal(unescapeCell(escapeCell(value)), value);
    }
  });

  test('export rows: skill and script by name (by id when the name is shared), origins space-separated, yes/no', () => {
    const rows = pocRows(POCS, SKILLS, SCRIPTS);
    const at = (r: number, c: (typeof BULK_COLUMNS)[number]) => rows[r][BULK_COLUMNS.indexOf(c)];
    assert.equal(at(0, 'Skill'), 'Chat support');
    assert.equal(at(0, 'Script'), 'Standard hours');
    assert.equal(at(0, 'Allowed origins'), 'https://a.example https://b.example');
    assert.equal(at(0, 'Active'), 'yes');
    assert.equal(at(0, 'Modified row'), '');
    assert.equal(at(1, 'Active'), 'no');
    assert.equal(at(1, 'Address'), 'help@acme.example');
    assert.equal(at(2, 'Skill'), 'sk-dup-1', 'two skills named twins (any case): the id is exported');
    assert.equal(at(3, 'Skill'), 'sk-dup-2');
  });

  test('CSV: UTF-8 with BOM, CRLF, header in BULK_COLUMNS order, dangerous cells escaped', async () => {
    const file = await writePocFile('csv', POCS, SKILLS, SCRIPTS);
    assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = file.subarray(3).toString('utf8');
    assert.ok(text.startsWith(`${BULK_COLUMNS.join(',')}\r\n`));
    assert.match(text, /"'=HYPERLINK\(""https:\/\/evil\.example"",""click""\)"/);
    assert.match(text, /,'\+1 support,/);
    assert.match(text, /,'-2,/);
    assert.match(text, /,'@SUM\(A1:A9\),/);
    assert.match(text, /,'=cmd\|calc,/);
    // No cell of the file starts with a formula character.
    for (const line of text.split('\r\n').slice(1)) for (const cell of line.split(',')) assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+\-@\t\r]/);
  });

  test('XLSX: every cell a string, dangerous ones escaped, bold frozen header, drop-down lists', async () => {
    const file = await writePocFile('xlsx', POCS, SKILLS, SCRIPTS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [...BULK_COLUMNS]);
    assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
    assert.equal(sheet.views[0]?.state, 'frozen');
    const name = (r: number) => sheet.getRow(r).getCell(BULK_COLUMNS.indexOf('Name') + 1);
    assert.equal(name(2).value, `'=HYPERLINK("https://evil.example","click")`);
    assert.equal(name(2).type, ExcelJS.ValueType.String);
    assert.equal(name(3).value, "'+1 support");
    assert.equal(name(4).value, "'-2");
    assert.equal(name(5).value, "'@SUM(A1:A9)");
    sheet.eachRow((row) => row.eachCell((cell) => assert.notEqual(cell.type, ExcelJS.ValueType.Formula)));
    const channelRule = sheet.getCell('D2').dataValidation;
    assert.equal(channelRule?.type, 'list');
    assert.deepEqual(channelRule?.formulae, ['"chat,email,phone,workitem"']);
    assert.ok(sheet.getColumn(3).width! >= 20);
  });

  test('a round trip through CSV and XLSX gives back every value', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const sheet = await readBulkFile(await writePocFile(format, POCS, SKILLS, SCRIPTS), format);
      const expected = pocRows(POCS, SKILLS, SCRIPTS).map((r) => r.map((c) => c.trim()));
      assert.deepEqual(
        sheet.rows.map((r) => BULK_COLUMNS.map((c) => r.cells[c])),
        expected,
        format,
      );
    }
  });

  test('the template is the header alone (refused as a file with no data rows)', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await writePocFile(format, [], [], []);
      await assert.rejects(readBulkFile(file, format), /no data rows/);
    }
  });

  test('the report has every row with outcome, id, column and reason, escaped too', async () => {
    const results = [
      { row: 2, outcome: 'created' as const, pocId: 'chat-9', column: null, reason: null },
      { row: 3, outcome: 'failed' as const, pocId: null, column: 'Skill' as const, reason: '=no skill named "x"' },
    ];
    const csv = (await writeReport('csv', results)).subarray(3).toString('utf8');
    assert.equal(csv, `${REPORT_COLUMNS.join(',')}\r\n2,created,chat-9,,\r\n3,failed,,Skill,"'=no skill named ""x"""\r\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeReport('xlsx', results)) as unknown as ArrayBuffer);
    assert.deepEqual((workbook.worksheets[0].getRow(3).values as unknown[]).slice(1), ['3', 'failed', '', 'Skill', `'=no skill named "x"`]);
  });
});
