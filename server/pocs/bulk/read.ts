/**
 * Reads an uploaded bulk file (CSV or XLSX) into its header and data rows, as trimmed strings.
 *
 * Invariants:
 * - Nothing is parsed before it is known to be what its name says: an XLSX is a ZIP whose central
 *   directory is walked and whose every entry is inflated under a budget (`XLSX_LIMITS`) before
 *   exceljs sees it, so a zip bomb or a lying size field is refused without being expanded; a CSV
 *   is UTF-8 text (a BOM is accepted and dropped), never binary.
 * - Every refusal is a `ParleyError` whose message names the problem in the user's terms (which
 *   columns are missing, which are unknown, how to save the file) — nothing reaches the job.
 * - Row numbers are the spreadsheet's: the header is row 1, and blank rows keep their number.
 * - A cell written as `'=…` (the escape the export adds against formula injection) reads back as
 *   `=…`, so an exported file round-trips unchanged.
 */
import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ADMIN_LIMITS, BULK_COLUMNS, type BulkColumn, type BulkFormat } from '../../../src/protocol/index.js';
import { ParleyError } from '../../errors.js';
import { unescapeCell } from './cells.js';

/** What an XLSX may hold before it is given to exceljs. */
export const XLSX_LIMITS = {
  /** ZIP entries (a workbook has about ten). */
  entriesMax: 1_000,
  /** Bytes of all entries once inflated. A 50 000-row sheet is well below this. */
  uncompressedMax: 100 * 1024 * 1024,
} as const;

/** Lines a CSV may have: the rows, the header, and as many blank or multi-line cells again. */
const ROW_LINES_MAX = 2 * (ADMIN_LIMITS.bulkRowsMax + 1);

/** Columns a file may leave out: without *Modified row* every row counts as modified. */
const OPTIONAL_COLUMNS: readonly BulkColumn[] = ['Modified row'];

export interface BulkRow {
  /** The row's number in the spreadsheet (header = 1). */
  row: number;
  cells: Record<BulkColumn, string>;
}

export interface BulkSheet {
  /** The columns found in the file (BULK_COLUMNS order). */
  columns: BulkColumn[];
  rows: BulkRow[];
}

const key = (header: string): string => header.replace(/^\uFEFF/, '').replace(/\s+/g, '').toLowerCase();
const COLUMN_BY_KEY = new Map<string, BulkColumn>(BULK_COLUMNS.map((c) => [key(c), c]));

/** Reads and checks a bulk file of `format`. Throws `ParleyError` naming what is wrong. */
export async function readBulkFile(buffer: Buffer, format: BulkFormat): Promise<BulkSheet> {
  if (buffer.length === 0) throw new ParleyError('invalid_payload', 'the file is empty', 'file');
  if (buffer.length > ADMIN_LIMITS.bulkFileMaxBytes) {
    throw new ParleyError('payload_too_large', `the file is larger than ${ADMIN_LIMITS.bulkFileMaxBytes / 1024 / 1024} MB; split it into several files`, 'file');
  }
  const table = format === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer);
  return toSheet(table);
}

// --- CSV ------------------------------------------------------------------------------------------

const isZip = (buffer: Buffer): boolean => buffer.length >= 4 && buffer.readUInt32BE(0) === 0x504b0304;

function readCsv(buffer: Buffer): string[][] {
  if (isZip(buffer)) throw new ParleyError('unsupported_media_type', 'the file is named .csv but is an Excel workbook (or another ZIP file); name it .xlsx, or save it as CSV UTF-8', 'file');
  // UTF-16 text (what "Unicode text" saves) starts with its byte-order mark.
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    throw new ParleyError('invalid_payload', 'the file is not UTF-8 text (it is UTF-16); save it as CSV UTF-8', 'file');
  }
  if (buffer.subarray(0, 8192).includes(0)) throw new ParleyError('unsupported_media_type', 'the file is not text: a .csv file must be comma-separated text, saved as CSV UTF-8', 'file');
  let text: string;
  try {
    // `ignoreBOM: false` drops a leading UTF-8 byte-order mark, as Excel's "CSV UTF-8" writes one.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw new ParleyError('invalid_payload', 'the file is not UTF-8 text; save it as CSV UTF-8', 'file');
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Counted before parsing, which runs on the server's one thread: a file of millions of (blank)
  // lines is refused at once instead of being parsed first.
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= ROW_LINES_MAX; i = text.indexOf('\n', i + 1)) lines += 1;
  if (lines > ROW_LINES_MAX) throw new ParleyError('invalid_payload', `the file has more than ${ROW_LINES_MAX} lines; a file holds ${ADMIN_LIMITS.bulkRowsMax} rows at most`, 'file');
  try {
    return parse(text, {
      delimiter: delimiterOf(firstLine),
      relax_column_count: true,
      skip_empty_lines: false,
      // Excel writes `"` inside a field as `""` but leaves stray quotes in unquoted fields alone.
      relax_quotes: true,
    }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new ParleyError('invalid_payload', `the CSV file cannot be read${e.lines ? ` (line ${e.lines})` : ''}: ${e.message ?? 'malformed'}`, 'file');
  }
}

/**
 * The field separator: the one of `,`, `;` and tab that the header line uses most. Excel writes
 * `;` where the decimal separator is a comma (French and most European settings).
 */
function delimiterOf(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

// --- XLSX -----------------------------------------------------------------------------------------

async function readXlsx(buffer: Buffer): Promise<string[][]> {
  if (!isZip(buffer)) {
    const looksText = !buffer.subarray(0, 8192).includes(0);
    throw new ParleyError(
      'unsupported_media_type',
      looksText
        ? 'the file is named .xlsx but is text, not an Excel workbook; name it .csv if it is CSV, or save it from Excel as .xlsx'
        : 'the file is named .xlsx but is not an Excel workbook (.xls files from older Excel versions are not read: save it as .xlsx)',
      'file',
    );
  }
  checkZip(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new ParleyError('invalid_payload', `the file is not a readable Excel workbook: ${(err as Error).message?.slice(0, 200) ?? 'unreadable'}`, 'file');
  }
  const sheet = workbook.worksheets.find((w) => w.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw new ParleyError('invalid_payload', 'the workbook has no worksheet', 'file');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    // Blank rows keep their place so that row numbers match what the user sees.
    table[rowNumber - 1] = Array.from(values, (v) => v ?? '');
  });
  return Array.from(table, (r) => r ?? []);
}

/**
 * A cell as text: rich text joined, a formula's cached result (never the formula), numbers as
 * JavaScript prints them, booleans as TRUE/FALSE like Excel shows them, dates as ISO dates.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? '').join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in value) return String(value.error);
    if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  }
  return '';
}

/**
 * Walks the ZIP's central directory and inflates every entry with a bounded output: more than
 * `entriesMax` entries, more than `uncompressedMax` bytes declared, or an entry that inflates past
 * its declared size (a lying header) is refused, and memory never holds more than the declared
 * size of one entry. Only stored and deflated entries exist in a workbook.
 */
export function checkZip(buffer: Buffer): void {
  const refuse = (why: string) => new ParleyError('invalid_payload', `the file is not a valid Excel workbook: ${why}`, 'file');
  // End of central directory: 22 bytes plus a comment of up to 65 535, at the very end.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse('its ZIP directory is missing (the file may be cut short)');
  const disk = buffer.readUInt16LE(eocd + 4);
  const directoryDisk = buffer.readUInt16LE(eocd + 6);
  const entriesHere = buffer.readUInt16LE(eocd + 8);
  const entries = buffer.readUInt16LE(eocd + 10);
  const directorySize = buffer.readUInt32LE(eocd + 12);
  const directoryOffset = buffer.readUInt32LE(eocd + 16);
  // Any ZIP64 marker, in any field, makes readers look for another directory: refused.
  if ([disk, directoryDisk, entriesHere, entries].includes(0xffff) || [directorySize, directoryOffset].includes(0xffffffff)) throw refuse('ZIP64 archives are not read');
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== entries) throw refuse('multi-part archives are not read');
  if (entries > XLSX_LIMITS.entriesMax) throw refuse(`it holds ${entries} files; a workbook holds far fewer`);
  // The directory must end exactly where its end record starts: a gap is where a reader that
  // takes it for bytes prepended to the file would find another directory than this one.
  if (directoryOffset + directorySize !== eocd) throw refuse('its ZIP directory is damaged');

  let budget: number = XLSX_LIMITS.uncompressedMax;
  let at = directoryOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || buffer.readUInt32LE(at) !== 0x02014b50) throw refuse('its ZIP directory is damaged');
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localOffset = buffer.readUInt32LE(at + 42);
    at += 46 + nameLength + extraLength + commentLength;

    if (size > budget) throw refuse(`it would expand to more than ${XLSX_LIMITS.uncompressedMax / 1024 / 1024} MB`);
    budget -= size;
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== 0x04034b50) throw refuse('a ZIP entry is damaged');
    const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (start + compressedSize > buffer.length) throw refuse('a ZIP entry is cut short');
    const data = buffer.subarray(start, start + compressedSize);
    if (method === 0) {
      if (compressedSize !== size) throw refuse('a ZIP entry has inconsistent sizes');
    } else if (method === 8) {
      let inflated: Buffer;
      try {
        // One byte more than declared, so that an entry inflating past its size is caught.
        inflated = inflateRawSync(data, { maxOutputLength: size + 1 });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw refuse('a ZIP entry expands past its declared size');
        throw refuse('a ZIP entry cannot be inflated');
      }
      if (inflated.length !== size) throw refuse('a ZIP entry expands past its declared size');
    } else {
      throw refuse(`a ZIP entry uses compression method ${method}`);
    }
  }
}

// --- Both -----------------------------------------------------------------------------------------

/** Checks the header and turns the table into rows keyed by column; blank rows are dropped. */
function toSheet(table: string[][]): BulkSheet {
  const header = (table[0] ?? []).map((h) => String(h ?? '').trim());
  if (header.every((h) => h === '')) throw new ParleyError('invalid_payload', `the file has no header row; its first row must name the columns: ${BULK_COLUMNS.join(', ')}`, 'file');
  const index = new Map<BulkColumn, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.forEach((name, i) => {
    if (name === '') {
      // A nameless column is fine while it is empty (spreadsheets add them); with data it is unknown.
      if (table.slice(1).some((r) => (r[i] ?? '').trim() !== '')) unknown.push(`(column ${columnLetter(i)}, no name)`);
      return;
    }
    const column = COLUMN_BY_KEY.get(key(name));
    if (!column) unknown.push(`"${name.slice(0, 60)}"`);
    else if (index.has(column)) duplicate.push(`"${column}"`);
    else index.set(column, i);
  });
  const missing = BULK_COLUMNS.filter((c) => !index.has(c) && !OPTIONAL_COLUMNS.includes(c));
  const problems = [
    missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}` : '',
    unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
    duplicate.length ? `column${duplicate.length > 1 ? 's' : ''} ${duplicate.join(', ')} given twice` : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new ParleyError('invalid_field', `the file's columns are wrong: ${problems.join('; ')}. The columns are: ${BULK_COLUMNS.join(', ')} (in any order)`, 'file');
  }

  const columns = BULK_COLUMNS.filter((c) => index.has(c));
  const rows: BulkRow[] = [];
  for (let r = 1; r < table.length; r++) {
    const raw = table[r] ?? [];
    if (raw.every((v) => String(v ?? '').trim() === '')) continue;
    const cells = {} as Record<BulkColumn, string>;
    for (const column of BULK_COLUMNS) {
      const i = index.get(column);
      cells[column] = i === undefined ? '' : unescapeCell(String(raw[i] ?? '').trim()).trim();
    }
    rows.push({ row: r + 1, cells });
    if (rows.length > ADMIN_LIMITS.bulkRowsMax) {
      throw new ParleyError('payload_too_large', `the file has more than ${ADMIN_LIMITS.bulkRowsMax.toLocaleString('en')} data rows; split it into several files`, 'file');
    }
  }
  if (rows.length === 0) throw new ParleyError('invalid_payload', 'the file has no data rows: fill in one row per point of contact under the header', 'file');
  return { columns, rows };
}

function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
