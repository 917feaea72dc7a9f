/**
 * Reading bulk files: CSV and XLSX give the same rows; every malformed file is refused with a
 * ParleyError that names the problem (columns, encoding, format, size), and an XLSX zip bomb is
 * refused by the ZIP walk before it is expanded.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ADMIN_LIMITS, BULK_COLUMNS } from '../../../src/protocol/index.js';
import { deflatedZeros, xlsxBomb, zip } from '../../../test/fixtures/bulk/zip.js';
import { ParleyError } from '../../errors.js';
import { cellText, checkZip, readBulkFile } from './read.js';

const HEADER = BULK_COLUMNS.join(',');
const csv = (text: string) => Buffer.from(text, 'utf8');

async function refusal(promise: Promise<unknown>): Promise<ParleyError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ParleyError, `expected a ParleyError, got ${String(err)}`);
    return err;
  }
  assert.fail('the file was accepted');
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('bulk file reading', () => {
  test('a CSV is read into trimmed cells by column, with spreadsheet row numbers', async () => {
    const sheet = await readBulkFile(csv(`${HEADER}\r\nx, , Support , chat ,Chat support,Standard hours,,https://a.example,yes\r\n\r\n,,Sales,email,Email support,Standard hours,sales@acme.example,,no\r\n`), 'csv');
    assert.deepEqual(sheet.columns, [...BULK_COLUMNS]);
    assert.deepEqual(sheet.rows.map((r) => r.row), [2, 4], 'the blank row 3 is skipped but keeps its number');
    assert.equal(sheet.rows[0].cells.Name, 'Support');
    assert.equal(sheet.rows[0].cells.Channel, 'chat');
    assert.equal(sheet.rows[1].cells.Address, 'sales@acme.example');
  });

  test('header names match whatever their case and spacing, in any order; Modified row may be left out', async () => {
    const sheet = await readBulkFile(csv('  name ,CHANNEL,skill,Script,Address,allowedorigins,ACTIVE,id\nA,chat,S,T,,,yes,\n'), 'csv');
    assert.deepEqual(sheet.columns, BULK_COLUMNS.filter((c) => c !== 'Modified row'));
    assert.equal(sheet.rows[0].cells.Name, 'A');
    assert.equal(sheet.rows[0].cells['Modified row'], '');
  });

  test('a UTF-8 BOM is dropped; a semicolon-separated file (European Excel) is read too', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(`${HEADER}\n,,Équipe,chat,S,T,,,oui\n`)]);
    assert.equal((await readBulkFile(bom, 'csv')).rows[0].cells.Name, 'Équipe');
    const semicolons = csv(`${BULK_COLUMNS.join(';')}\n;;Équipe, Paris;chat;S;T;;;oui\n`);
    assert.equal((await readBulkFile(semicolons, 'csv')).rows[0].cells.Name, 'Équipe, Paris');
  });

  test("a leading ' before =, +, - or @ is removed again", async () => {
    const sheet = await readBulkFile(csv(`${HEADER}\n,,'=HYPERLINK(1),chat,'+1,'-2,'@SUM,'plain,yes\n`), 'csv');
    const { Name, Skill, Script, Address, 'Allowed origins': origins } = sheet.rows[0].cells;
    assert.deepEqual([Name, Skill, Script, Address, origins], ['=HYPERLINK(1)', '+1', '-2', '@SUM', "'plain"]);
  });

  test('missing and unknown columns are each named', async () => {
    const error = await refusal(readBulkFile(csv('Name,Channel,Skil,Colour\nA,chat,S,red\n'), 'csv'));
    assert.equal(error.code, 'invalid_field');
    assert.equal(error.status, 400);
    for (const named of ['"ID"', '"Skill"', '"Script"', '"Address"', '"Allowed origins"', '"Active"', '"Skil"', '"Colour"']) assert.match(error.message, new RegExp(named.replace(/[()]/g, '\\$&')));
    assert.doesNotMatch(error.message, /missing columns[^;]*"Modified row"/);
  });

  test('a column given twice is refused', async () => {
    const error = await refusal(readBulkFile(csv(`${HEADER},name\n,,A,chat,S,T,,,yes,B\n`), 'csv'));
    assert.match(error.message, /"Name" given twice/);
  });

  test('an empty file, a header alone and blank lines alone are refused', async () => {
    assert.match((await refusal(readBulkFile(Buffer.alloc(0), 'csv'))).message, /empty/);
    assert.match((await refusal(readBulkFile(csv(`${HEADER}\r\n`), 'csv'))).message, /no data rows/);
    assert.match((await refusal(readBulkFile(csv(`${HEADER}\n,,,,\n\n`), 'csv'))).message, /no data rows/);
    assert.match((await refusal(readBulkFile(csv('\n\n'), 'csv'))).message, /no header row/);
  });

  test('Latin-1 bytes are refused: the file is not UTF-8, save it as CSV UTF-8', async () => {
    const latin1 = Buffer.from(`${HEADER}\n,,\xc9quipe,chat,S,T,,,oui\n`, 'latin1');
    const error = await refusal(readBulkFile(latin1, 'csv'));
    assert.equal(error.code, 'invalid_payload');
    assert.equal(error.message, 'the file is not UTF-8 text; save it as CSV UTF-8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]);
    assert.match((await refusal(readBulkFile(utf16, 'csv'))).message, /not UTF-8.*save it as CSV UTF-8/);
  });

  test('a file whose content does not match its name is refused', async () => {
    const textAsXlsx = await refusal(readBulkFile(csv(`${HEADER}\n,,A,chat,S,T,,,yes\n`), 'xlsx'));
    assert.equal(textAsXlsx.code, 'unsupported_media_type');
    assert.match(textAsXlsx.message, /named \.xlsx but is text/);
    const workbookAsCsv = await refusal(readBulkFile(await xlsx([[...BULK_COLUMNS]]), 'csv'));
    assert.equal(workbookAsCsv.code, 'unsupported_media_type');
    assert.match(workbookAsCsv.message, /named \.csv but is an Excel workbook/);
    const binary = await refusal(readBulkFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'csv'));
    assert.match(binary.message, /not text/);
  });

  test('more than bulkRowsMax data rows are refused with payload_too_large', async () => {
    const rows = Array.from({ length: ADMIN_LIMITS.bulkRowsMax + 1 }, (_, i) => `,,P${i},chat,S,T,,,yes`).join('\n');
    const error = await refusal(readBulkFile(csv(`${HEADER}\n${rows}\n`), 'csv'));
    assert.equal(error.code, 'payload_too_large');
    assert.match(error.message, /more than 50,000 data rows/);
  });

  test('a file over bulkFileMaxBytes is refused with payload_too_large', async () => {
    const error = await refusal(readBulkFile(Buffer.alloc(ADMIN_LIMITS.bulkFileMaxBytes + 1, 0x41), 'csv'));
    assert.equal(error.code, 'payload_too_large');
  });

  test('XLSX cells: rich text, numbers, booleans, formula results (never formulas), dates', async () => {
    const file = await xlsx([
      [...BULK_COLUMNS],
      [
        'x',
        null,
        { richText: [{ text: 'Sup' }, { font: { bold: true }, text: 'port' }] },
        { formula: 'LOWER("CHAT")', result: 'chat' },
        42,
        new Date(Date.UTC(2024, 4, 1)),
        { formula: '1+1', result: 2 },
        '  https://a.example  ',
        true,
      ],
    ]);
    const [row] = (await readBulkFile(file, 'xlsx')).rows;
    assert.deepEqual(row.cells, {
      'Modified row': 'x',
      ID: '',
      Name: 'Support',
      Channel: 'chat',
      Skill: '42',
      Script: '2024-05-01',
      Address: '2',
      'Allowed origins': 'https://a.example',
      Active: 'TRUE',
    });
    assert.equal(cellText({ formula: 'A1', result: undefined } as unknown as ExcelJS.CellValue), '', 'a formula without a result is empty, never its text');
    assert.equal(cellText({ error: '#N/A' } as ExcelJS.CellValue), '#N/A');
  });

  test('an XLSX zip bomb (200 MB of zeros in a few hundred KB) is refused before it is expanded', async () => {
    const bomb = await xlsxBomb(200);
    assert.ok(bomb.length < 1024 * 1024, `the bomb is ${bomb.length} bytes`);
    const before = process.memoryUsage().arrayBuffers;
    const error = await refusal(readBulkFile(bomb, 'xlsx'));
    assert.equal(error.code, 'invalid_payload');
    assert.match(error.message, /would expand to more than 100 MB/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 20 * 1024 * 1024, 'nothing large was allocated');
  });

  test('an entry whose declared size lies is refused as soon as it inflates past it', async () => {
    const error = await refusal(readBulkFile(await xlsxBomb(200, true), 'xlsx'));
    assert.match(error.message, /expands past its declared size/);
  });

  test('too many entries, an unknown compression method, a cut-short ZIP are refused', () => {
    const many = zip(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(0), size: 0, method: 0 as const })));
    assert.throws(() => checkZip(many), /holds 1001 files/);
    const bzip = zip([{ name: 'a', data: Buffer.from('x'), size: 1, method: 12 as 8 }]);
    assert.throws(() => checkZip(bzip), /compression method 12/);
    const whole = zip([{ name: 'a', data: Buffer.from('hello'), size: 5, method: 0 }]);
    assert.doesNotThrow(() => checkZip(whole));
    assert.throws(() => checkZip(whole.subarray(0, whole.length - 30)), /directory is missing/);
  });

  test('a lying size in a small entry is caught too (budget kept per entry)', async () => {
    const data = await deflatedZeros(2);
    assert.throws(() => checkZip(zip([{ name: 'a', data, size: 10 }])), /expands past its declared size/);
    assert.throws(() => checkZip(zip([{ name: 'a', data, size: 3 * 1024 * 1024 }])), /expands past its declared size/, 'an entry smaller than declared is refused too');
  });

  test('a damaged workbook that passes the ZIP walk is refused, not thrown at the server', async () => {
    const notAWorkbook = zip([{ name: 'hello.txt', data: Buffer.from('hi'), size: 2, method: 0 }]);
    const error = await refusal(readBulkFile(notAWorkbook, 'xlsx'));
    assert.equal(error.code, 'invalid_payload');
  });
});
