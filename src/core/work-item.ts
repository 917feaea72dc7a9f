/**
 * Validation of work-item submissions against their form (profile `workItem.fields`), shared by
 * `<parley-work-item>` and the server's intake endpoint, which runs it again on what it received
 * (docs/work-items.md).
 *
 * Invariants:
 * - Every field of the form is checked, and every refusal is reported (`errors`, in form order),
 *   so a form can mark all its invalid fields at once and focus the first.
 * - Answers are keyed by field id; a key the form does not have is refused, never stored.
 * - Values are cleaned the way the other forms clean them (control and bidi characters removed,
 *   one-line fields kept on one line) and bounded; the stored value is the cleaned one.
 * - Files are checked by count, size and type here; the type passed in is the browser's claim in
 *   the widget and the type sniffed from the content on the server, so only the server's answer
 *   is authoritative.
 */
import { LIMITS, type ErrorCode, type FieldError, type WorkItemField, type WorkItemValue } from '../protocol/index.js';
import { checkEmailAddress, checkPhoneDigits } from './contact-checks.js';
import { checkName, cleanText, isRecord } from './validators.js';

/** A file to attach, as far as its checks need it. */
export interface AttachmentCandidate {
  name: string;
  size: number;
  /** MIME type: the browser's claim in the widget, the sniffed one on the server ('' when unknown). */
  type: string;
}

export interface CheckedWorkItem {
  /** One value per field, in form order (file fields have a null value). */
  values: WorkItemValue[];
  /** The first `name` field's answer. */
  customerName: string | null;
  /** The first `email` field's answer: where an agent's reply goes. */
  replyTo: string | null;
}

/** Longest attachment file name kept (longer names are refused, not cut: they name the file). */
export const ATTACHMENT_NAME_MAX = 255;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` between 1900 and 2100 that exists (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A checkbox answer: a boolean, or what an HTML form posts (`on`, `true`; `false` or empty). */
function checkboxValue(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === false || value === '' || value === 'false') return false;
  if (value === true || value === 'on' || value === 'true') return true;
  return undefined;
}

/** Whether a value counts as "left empty": nothing, or only what cleaning removes and spaces. */
const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && cleanText(value).trim() === '');

/**
 * A file size for people, in the locale's words and digits: `1.5 MB` in English, `1,5 Mo` in
 * French, `300 bytes`, `300 octets`. Steps of 1 024, as the studio counts the limits a marketer
 * types in MB, so a 5 MB limit reads "5 MB" to the customer, not "5.2 MB".
 */
export function formatBytes(bytes: number, locale = 'en'): string {
  const [unit, value] = bytes >= MB ? (['megabyte', bytes / MB] as const) : bytes >= KB ? (['kilobyte', bytes / KB] as const) : (['byte', bytes] as const);
  try {
    // Bytes in words ("300 bytes", "300 octets"); kilo and mega by their symbols.
    const unitDisplay = unit === 'byte' ? 'long' : 'short';
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay, maximumFractionDigits: unit === 'megabyte' ? 1 : 0 }).format(value);
  } catch {
    // A runtime without unit formatting (or a bad locale tag): English symbols.
    return `${Math.round(value * 10) / 10} ${unit === 'megabyte' ? 'MB' : unit === 'kilobyte' ? 'kB' : 'bytes'}`;
  }
}

const KB = 1024;
const MB = 1024 * 1024;

/** The value of one non-file field, or the reason it is refused. */
function checkValue(field: WorkItemField, raw: unknown): { value: string | boolean | null } | { code: ErrorCode; message: string } {
  const id = field.id;
  const bad = (message: string, code: ErrorCode = 'invalid_field') => ({ code, message });
  if (field.type === 'checkbox') {
    const ticked = checkboxValue(raw);
    if (ticked === undefined) return bad(`${id} must be true or false`);
    if (field.required && !ticked) return bad(`${id} must be ticked`);
    return { value: ticked };
  }
  if (blank(raw)) return field.required ? bad(`${id} is required`) : { value: null };
  if (typeof raw !== 'string') return bad(`${id} must be text`);
  switch (field.type) {
    case 'name': {
      const name = checkName(raw, id);
      return name.ok ? { value: name.value } : bad(name.error.message);
    }
    case 'email': {
      const email = checkEmailAddress(raw, id);
      return email.ok ? { value: email.value } : bad(email.error.message);
    }
    case 'phone': {
      const phone = checkPhoneDigits(raw, id);
      return phone.ok ? { value: raw.trim().replace(/\s+/g, ' ') } : bad(phone.error.message);
    }
    case 'text': {
      const text = cleanText(raw).replace(/\s+/g, ' ').trim();
      return text.length > LIMITS.workItemTextMaxLength ? bad(`${id} is longer than ${LIMITS.workItemTextMaxLength} characters`) : { value: text };
    }
    case 'textarea': {
      const text = cleanText(raw).replace(/^\s*\n|\n\s*$/g, '').trimEnd();
      return text.length > LIMITS.workItemLongTextMaxLength ? bad(`${id} is longer than ${LIMITS.workItemLongTextMaxLength} characters`) : { value: text };
    }
    case 'select':
      return field.options.includes(raw) ? { value: raw } : bad(`${id} must be one of the choices offered`);
    case 'date':
      return isCalendarDate(raw.trim()) ? { value: raw.trim() } : bad(`${id} must be a date (YYYY-MM-DD)`);
    default:
      return bad(`${id} cannot be answered with text`);
  }
}

/**
 * A file's name as it is kept and shown: control characters and bidirectional overrides removed
 * (an override turns `invoice\u202Egpj.exe` into what reads as `invoiceexe.jpg`), on one line.
 */
export function attachmentName(raw: string): string {
  return cleanText(raw).replace(/[\n\t]/g, ' ').trim();
}

/** The problems of one file field's files (count, then each file: name, size, type). */
function checkFiles(field: WorkItemField, files: readonly AttachmentCandidate[]): FieldError[] {
  const errors: FieldError[] = [];
  if (files.length === 0) {
    if (field.required) errors.push({ field: field.id, code: 'invalid_field', message: `${field.id} needs at least one file` });
    return errors;
  }
  if (files.length > field.maxFiles) {
    errors.push({ field: field.id, code: 'invalid_field', message: `${field.id} takes at most ${field.maxFiles} file${field.maxFiles === 1 ? '' : 's'}` });
    return errors;
  }
  for (const [i, file] of files.entries()) {
    const at = `${field.id}.${i}`;
    const name = attachmentName(file.name);
    if (name === '' || name.length > ATTACHMENT_NAME_MAX) {
      errors.push({ field: at, code: 'invalid_field', message: `${at} must have a file name of 1–${ATTACHMENT_NAME_MAX} characters` });
    } else if (file.size === 0) {
      errors.push({ field: at, code: 'invalid_field', message: `${name} is empty` });
    } else if (file.size > field.maxFileBytes) {
      errors.push({ field: at, code: 'attachment_too_large', message: `${name} is larger than ${formatBytes(field.maxFileBytes)}` });
    } else if (!(field.accept as readonly string[]).includes(file.type)) {
      errors.push({ field: at, code: 'attachment_type', message: `${name} is not one of the accepted types (${field.accept.join(', ')})` });
    }
  }
  return errors;
}

/**
 * Checks a submission against its form: `answers` by field id (file fields have none), `files`
 * by file field id. Returns the cleaned values, or every field's problem in form order.
 */
export function checkWorkItem(
  fields: readonly WorkItemField[],
  answers: unknown,
  files: Readonly<Record<string, readonly AttachmentCandidate[]>> = {},
): { ok: true; value: CheckedWorkItem } | { ok: false; errors: FieldError[] } {
  if (!isRecord(answers)) return { ok: false, errors: [{ field: 'body', code: 'invalid_payload', message: 'the answers must be an object keyed by field id' }] };
  const errors: FieldError[] = [];
  const byId = new Map(fields.map((f) => [f.id, f]));
  // Own keys only: `__proto__` or `constructor` are not fields and must not find inherited members.
  for (const key of Object.keys(answers)) {
    const field = byId.get(key);
    if (!field) errors.push({ field: key, code: 'invalid_field', message: `${key.slice(0, 64)} is not a field of this form` });
    else if (field.type === 'file') errors.push({ field: key, code: 'invalid_field', message: `${key} takes files, not text` });
  }
  for (const key of Object.keys(files)) {
    if (byId.get(key)?.type !== 'file') errors.push({ field: key, code: 'invalid_field', message: `${key.slice(0, 64)} is not a file field of this form` });
  }
  const values: WorkItemValue[] = [];
  let customerName: string | null = null;
  let replyTo: string | null = null;
  for (const field of fields) {
    if (field.type === 'file') {
      errors.push(...checkFiles(field, Object.prototype.hasOwnProperty.call(files, field.id) ? files[field.id] : []));
      values.push({ id: field.id, type: field.type, label: field.label, value: null });
      continue;
    }
    const checked = checkValue(field, Object.prototype.hasOwnProperty.call(answers, field.id) ? answers[field.id] : undefined);
    if ('code' in checked) {
      errors.push({ field: field.id, code: checked.code, message: checked.message });
      continue;
    }
    values.push({ id: field.id, type: field.type, label: field.label, value: checked.value });
    if (field.type === 'name' && customerName === null && typeof checked.value === 'string') customerName = checked.value;
    if (field.type === 'email' && replyTo === null && typeof checked.value === 'string') replyTo = checked.value;
  }
  // Errors in form order: a form focuses the first.
  const order = (e: FieldError) => {
    const index = fields.findIndex((f) => f.id === e.field.split('.')[0]);
    return index === -1 ? -1 : index;
  };
  errors.sort((a, b) => order(a) - order(b));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { values, customerName, replyTo } };
}
