/**
 * Writes the bulk files: the template, the export of a tenant's POCs and a job's report, each as
 * CSV or XLSX.
 *
 * Invariants:
 * - Every cell goes through `escapeCell` (formula injection), in CSV and XLSX alike, and
 *   read.ts undoes it, so an exported file uploaded unchanged changes nothing.
 * - CSV is UTF-8 with a byte-order mark and CRLF line ends: Excel opens it with accents intact.
 * - An exported POC names its skill and script by name, unless the name is shared by several of
 *   the tenant's (then by id, which always resolves); allowed origins are space-separated and
 *   Active is `yes`/`no`. The *Modified row* column is left empty for the user to mark.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { BULK_COLUMNS, POC_CHANNELS, type AdminPoc, type AdminScript, type AdminSkill, type BulkColumn, type BulkFormat, type BulkRowResult } from '../../../src/protocol/index.js';
import { escapeCell } from './cells.js';

export const CONTENT_TYPES: Readonly<Record<BulkFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The report's columns, in order. */
export const REPORT_COLUMNS = ['Row', 'Outcome', 'Point of contact id', 'Column', 'Reason'] as const;

const POC_WIDTHS: Record<BulkColumn, number> = {
  'Modified row': 14,
  ID: 30,
  Name: 32,
  Channel: 12,
  Skill: 24,
  Script: 24,
  Address: 28,
  'Allowed origins': 40,
  Active: 10,
};

interface Table {
  sheetName: string;
  columns: readonly string[];
  widths: readonly number[];
  rows: readonly (readonly string[])[];
  /** Drop-down lists by column name (XLSX only). */
  lists?: Record<string, readonly string[]>;
}

/** The POCs as bulk-file rows, in `BULK_COLUMNS` order. */
export function pocRows(pocs: readonly AdminPoc[], skills: readonly AdminSkill[], scripts: readonly AdminScript[]): string[][] {
  const skillRef = references(skills);
  const scriptRef = references(scripts);
  return pocs.map((poc) => {
    const cells: Record<BulkColumn, string> = {
      'Modified row': '',
      ID: poc.id,
      Name: poc.name,
      Channel: poc.channel,
      Skill: skillRef.get(poc.skillId) ?? poc.skillId,
      Script: scriptRef.get(poc.scriptId) ?? poc.scriptId,
      Address: poc.address ?? '',
      'Allowed origins': poc.allowedOrigins.join(' '),
      Active: poc.active ? 'yes' : 'no',
    };
    return BULK_COLUMNS.map((c) => cells[c]);
  });
}

/** How each record is written: its name where the name is the tenant's only one (any case), else its id. */
function references(records: readonly { id: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const r of records) count.set(r.name.toLowerCase(), (count.get(r.name.toLowerCase()) ?? 0) + 1);
  return new Map(records.map((r) => [r.id, count.get(r.name.toLowerCase()) === 1 && !records.some((o) => o.id === r.name && o.id !== r.id) ? r.name : r.id]));
}

/** The bulk file of `pocs` (none: the template). */
export function writePocFile(format: BulkFormat, pocs: readonly AdminPoc[], skills: readonly AdminSkill[], scripts: readonly AdminScript[]): Promise<Buffer> {
  return writeTable(format, {
    sheetName: 'Points of contact',
    columns: BULK_COLUMNS,
    widths: BULK_COLUMNS.map((c) => POC_WIDTHS[c]),
    rows: pocRows(pocs, skills, scripts),
    lists: { Channel: POC_CHANNELS, Active: ['yes', 'no'], 'Modified row': ['yes'] },
  });
}

/** A job's report: every row's outcome. */
export function writeReport(format: BulkFormat, results: readonly BulkRowResult[]): Promise<Buffer> {
  return writeTable(format, {
    sheetName: 'Report',
    columns: REPORT_COLUMNS,
    widths: [8, 12, 34, 18, 80],
    rows: results.map((r) => [String(r.row), r.outcome, r.pocId ?? '', r.column ?? '', r.reason ?? '']),
  });
}

export async function writeTable(format: BulkFormat, table: Table): Promise<Buffer> {
  const rows = table.rows.map((r) => r.map(escapeCell));
  if (format === 'csv') {
    const body = stringify([[...table.columns], ...rows], { record_delimiter: 'windows' });
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Parley';
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((header, i) => ({ header, key: header, width: table.widths[i] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  // Every cell is text: a value such as `+33…` or `007` stays what it was, never a number.
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.numFmt = '@';
  });
  for (const [name, values] of Object.entries(table.lists ?? {})) {
    const col = table.columns.indexOf(name);
    if (col < 0) continue;
    const letter = sheet.getColumn(col + 1).letter;
    // exceljs takes a range here (it writes it as one rule) though its types only name the cell API.
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${Math.max(rows.length + 1000, 5000)}`, {
      type: 'list',
      allowBlank: true,
      showErrorMessage: name !== 'Modified row',
      formulae: [`"${values.join(',')}"`],
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
