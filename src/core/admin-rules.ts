/**
 * The rules of the administration inputs (points of contact, skills, scripts, phone numbers,
 * roles, accounts), shared by the admin pages and the server, which re-checks everything.
 *
 * Invariant: like validators.ts, each check takes `unknown`, never throws, and returns the cleaned
 * value or a `ProtocolError` whose `field` is the input's key in the admin API's bodies — so the
 * page can put the server's refusal next to the right control, and a bulk file's row next to the
 * right column. What needs the database (does the skill exist, is the address free) is the
 * server's part; everything that can be decided from the value alone is here.
 */
import {
  ADMIN_LIMITS,
  CLOSED_BEHAVIOURS,
  LONG_WAIT_BEHAVIOURS,
  PERMISSIONS,
  POC_CHANNELS,
  SKILL_CHANNELS,
  type ClosedBehaviour,
  type LongWaitBehaviour,
  type Permission,
  type PocChannel,
  type ProtocolError,
  type ScriptConfigInput,
  type ScriptHours,
  type SkillChannel,
} from '../protocol/index.js';
import { checkEmailAddress } from './contact-checks.js';
import { cleanText, isRecord, type Checked } from './validators.js';

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (field: string, message: string, code: ProtocolError['code'] = 'invalid_field'): Checked<never> => ({
  ok: false,
  error: { code, field, message },
});

/** A display name (POC, skill, script, role, account): one line, 1–100 characters once trimmed. */
export function checkAdminName(value: unknown, field = 'name'): Checked<string> {
  if (typeof value !== 'string') return fail(field, `${field} is required`);
  const name = cleanText(value).replace(/\s+/g, ' ').trim();
  if (name === '') return fail(field, `${field} is required`);
  if (name.length > ADMIN_LIMITS.nameMaxLength) return fail(field, `${field} is longer than ${ADMIN_LIMITS.nameMaxLength} characters`);
  return ok(name);
}

export function checkPocChannel(value: unknown, field = 'channel'): Checked<PocChannel> {
  return (POC_CHANNELS as readonly unknown[]).includes(value) ? ok(value as PocChannel) : fail(field, `${field} must be one of ${POC_CHANNELS.join(', ')}`);
}

export function checkSkillChannel(value: unknown, field = 'channel'): Checked<SkillChannel> {
  return (SKILL_CHANNELS as readonly unknown[]).includes(value) ? ok(value as SkillChannel) : fail(field, `${field} must be one of ${SKILL_CHANNELS.join(', ')}`);
}

export function checkBoolean(value: unknown, field: string): Checked<boolean> {
  return typeof value === 'boolean' ? ok(value) : fail(field, `${field} must be true or false`);
}

/** A reference to another record by id: a non-empty string of at most 128 characters. */
export function checkRef(value: unknown, field: string): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, `${field} is required`);
  if (value.length > 128) return fail(field, `${field} is not a valid id`);
  return ok(value.trim());
}

/**
 * A website origin for an allow-list: `https://shop.example` or `http://localhost:8080` — a scheme
 * (http or https), a host and an optional port, nothing else (no path, query, user or wildcard),
 * returned as the browser's `Origin` header spells it (lower case, punycode, default port dropped).
 */
export function checkOrigin(value: unknown, field = 'allowedOrigins'): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, `${field} has an empty origin`);
  const typed = value.trim();
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return fail(field, `"${typed.slice(0, 80)}" is not an origin like https://shop.example`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(field, `"${typed.slice(0, 80)}" must start with https:// or http://`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '') || /\/./.test(typed.replace(/^[a-z]+:\/\//i, ''))) {
    return fail(field, `"${typed.slice(0, 80)}" must be an origin only (scheme, host and port), without a path`);
  }
  if (url.hostname.includes('*')) return fail(field, `"${typed.slice(0, 80)}" may not hold a wildcard; list each origin`);
  return ok(url.origin);
}

/** A POC's allow-list: at most `ADMIN_LIMITS.originsMax` origins, each checked, duplicates dropped. */
export function checkOrigins(value: unknown, field = 'allowedOrigins'): Checked<string[]> {
  if (!Array.isArray(value)) return fail(field, `${field} must be a list of origins`);
  if (value.length > ADMIN_LIMITS.originsMax) return fail(field, `${field} has more than ${ADMIN_LIMITS.originsMax} origins`);
  const origins: string[] = [];
  for (const item of value) {
    const checked = checkOrigin(item, field);
    if (!checked.ok) return checked;
    if (!origins.includes(checked.value)) origins.push(checked.value);
  }
  return ok(origins);
}

/**
 * An inbound phone number (DNIS) in E.164: `+`, a country code and up to 15 digits in all.
 * Spaces, dots, dashes and brackets are allowed while typing and dropped.
 */
export function checkDnis(value: unknown, field = 'number'): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, `${field} is required`);
  const compact = value.trim().replace(/[\s.()\u00A0-]/g, '').replace(/^00/, '+');
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) return fail(field, `${field} must be an international number like +33123456789`);
  return ok(compact);
}

/** An email POC's mailbox, as elevation.ts checks addresses; stored lower case (mailboxes are matched that way). */
export function checkMailbox(value: unknown, field = 'address'): Checked<string> {
  const checked = checkEmailAddress(value, field);
  return checked.ok ? ok(checked.value.toLowerCase()) : checked;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** `HH:MM` to minutes. */
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '' || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkHours(value: unknown, field = 'hours'): Checked<ScriptHours[]> {
  if (!Array.isArray(value)) return fail(field, `${field} must be a list`);
  if (value.length > ADMIN_LIMITS.hoursMax) return fail(field, `${field} has more than ${ADMIN_LIMITS.hoursMax} entries`);
  const hours: ScriptHours[] = [];
  for (const [i, entry] of value.entries()) {
    const at = `${field}.${i}`;
    if (!isRecord(entry)) return fail(at, `${at} must be { days, open, close }`);
    const { days, open, close } = entry;
    if (!Array.isArray(days) || days.length === 0 || !days.every((d) => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6)) {
      return fail(`${at}.days`, `${at}.days must list weekdays from 0 (Sunday) to 6 (Saturday)`);
    }
    if (typeof open !== 'string' || !HHMM.test(open) || open === '24:00') return fail(`${at}.open`, `${at}.open must be a time like 09:00`);
    if (typeof close !== 'string' || !HHMM.test(close)) return fail(`${at}.close`, `${at}.close must be a time like 18:00 (24:00 for midnight)`);
    if (minutesOf(close) <= minutesOf(open)) return fail(`${at}.close`, `${at}.close must be after ${at}.open`);
    hours.push({ days: [...new Set(days as number[])].sort((a, b) => a - b), open, close });
  }
  return ok(hours);
}

/**
 * A script's configuration, whole (`partial` false: creation) or the keys present (`partial`
 * true: a change). Returns the cleaned keys given.
 */
export function checkScriptConfig(value: unknown, partial = false): Checked<Partial<ScriptConfigInput>> {
  if (!isRecord(value)) return fail('body', 'the body must be an object');
  const out: Partial<ScriptConfigInput> = {};
  const need = (key: keyof ScriptConfigInput) => !partial || key in value;
  if (need('timeZone')) {
    if (!isTimeZone(value.timeZone)) return fail('timeZone', 'timeZone must be an IANA time zone such as Europe/Paris');
    out.timeZone = value.timeZone;
  }
  if (need('hours')) {
    const hours = checkHours(value.hours);
    if (!hours.ok) return hours;
    out.hours = hours.value;
  }
  if (need('greeting')) {
    if (typeof value.greeting !== 'string') return fail('greeting', 'greeting must be text');
    const greeting = cleanText(value.greeting).trim();
    if (greeting.length > ADMIN_LIMITS.greetingMaxLength) return fail('greeting', `greeting is longer than ${ADMIN_LIMITS.greetingMaxLength} characters`);
    out.greeting = greeting;
  }
  if (need('priority')) {
    const p = value.priority;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 10) return fail('priority', 'priority must be a whole number from 1 to 10');
    out.priority = p;
  }
  if (need('longWaitSeconds')) {
    const s = value.longWaitSeconds;
    if (s !== null && (typeof s !== 'number' || !Number.isInteger(s) || s < 10 || s > 86_400)) {
      return fail('longWaitSeconds', 'longWaitSeconds must be empty (never) or a whole number of seconds from 10 to 86400');
    }
    out.longWaitSeconds = s as number | null;
  }
  if (need('whenClosed')) {
    if (!(CLOSED_BEHAVIOURS as readonly unknown[]).includes(value.whenClosed)) return fail('whenClosed', `whenClosed must be one of ${CLOSED_BEHAVIOURS.join(', ')}`);
    out.whenClosed = value.whenClosed as ClosedBehaviour;
  }
  if (need('whenLongWait')) {
    if (!(LONG_WAIT_BEHAVIOURS as readonly unknown[]).includes(value.whenLongWait)) return fail('whenLongWait', `whenLongWait must be one of ${LONG_WAIT_BEHAVIOURS.join(', ')}`);
    out.whenLongWait = value.whenLongWait as LongWaitBehaviour;
  }
  return ok(out);
}

/** A list of permissions, each one of `PERMISSIONS`, returned in that order without duplicates. */
export function checkPermissions(value: unknown, field = 'permissions'): Checked<Permission[]> {
  if (!Array.isArray(value)) return fail(field, `${field} must be a list`);
  const unknown = value.find((p) => !(PERMISSIONS as readonly unknown[]).includes(p));
  if (unknown !== undefined) return fail(field, `${field} has an unknown permission "${String(unknown).slice(0, 40)}"`);
  return ok(PERMISSIONS.filter((p) => value.includes(p)));
}

/** A username: 3–64 characters of letters, digits, `.`, `_`, `-` and `@`, compared lower case. */
export function checkUsername(value: unknown, field = 'username'): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, `${field} is required`);
  const name = value.trim().toLowerCase();
  if (!/^[a-z0-9._@-]{3,64}$/.test(name)) return fail(field, `${field} must be 3 to 64 letters, digits, dots, dashes, underscores or @`);
  return ok(name);
}

/** A new password: `ADMIN_LIMITS.passwordMinLength` characters at least, not only spaces. */
export function checkNewPassword(value: unknown, field = 'password'): Checked<string> {
  if (typeof value !== 'string' || value === '') return fail(field, `${field} is required`);
  if (value.length < ADMIN_LIMITS.passwordMinLength) return fail(field, `${field} must have at least ${ADMIN_LIMITS.passwordMinLength} characters`);
  if (value.length > ADMIN_LIMITS.passwordMaxLength) return fail(field, `${field} is longer than ${ADMIN_LIMITS.passwordMaxLength} characters`);
  if (value.trim() === '') return fail(field, `${field} must not be only spaces`);
  return ok(value);
}
