/**
 * Formula injection, both ways (OWASP "CSV Injection"): a cell that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, carriage return first) is written with a leading `'`, which
 * spreadsheets show as text; reading removes that one `'` again.
 *
 * Invariant: `unescapeCell(escapeCell(v)) === v` for every string. Values already starting with
 * `'` before one of those characters get one more `'`, so the round trip stays exact.
 */

const DANGEROUS = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** The value as it is written into an exported file. */
export function escapeCell(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}

/** The value a cell of an uploaded file stands for. */
export function unescapeCell(value: string): string {
  return ESCAPED.test(value) ? value.slice(1) : value;
}
