/**
 * A POC's script as routing reads it: business hours in a time zone, and what to offer when the
 * POC is closed or the wait is long. The stored config is JSON (scripts.config); anything missing
 * or malformed falls back to "always open, no long-wait offer" rather than hiding the chat.
 *
 * Time zones are handled with `Intl.DateTimeFormat` alone: an instant is converted to the
 * script's local weekday and minute of the day, so daylight-saving changes need no table here.
 */
import type { PocAvailability, TimeWindow } from '../../src/protocol/index.js';

export interface ScriptHours {
  /** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
  days: number[];
  /** `HH:MM`, local time. */
  open: string;
  /** `HH:MM`, local time; `24:00` is the end of the day. */
  close: string;
}

export interface ScriptConfig {
  timeZone: string;
  hours: ScriptHours[];
  longWaitSeconds: number | null;
  whenClosed: string;
  whenLongWait: string;
}

const ALWAYS_OPEN: ScriptHours[] = [{ days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' }];

const minutes = (hhmm: string): number | null => {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) return null;
  const value = Number(m[1]) * 60 + Number(m[2]);
  return value <= 24 * 60 ? value : null;
};

function validZone(zone: unknown): zone is string {
  if (typeof zone !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads a stored script config, keeping what is valid. */
export function readScript(json: string | null | undefined): ScriptConfig {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = json ? JSON.parse(json) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // An unreadable config is treated as empty: always open.
  }
  const hours = Array.isArray(raw.hours)
    ? raw.hours.filter((h): h is ScriptHours => {
        const r = h as Partial<ScriptHours> | null;
        if (!r || !Array.isArray(r.days) || typeof r.open !== 'string' || typeof r.close !== 'string') return false;
        const open = minutes(r.open);
        const close = minutes(r.close);
        return r.days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6) && open !== null && close !== null && open < close;
      })
    : [];
  const longWait = typeof raw.longWaitSeconds === 'number' && Number.isFinite(raw.longWaitSeconds) && raw.longWaitSeconds > 0 ? Math.round(raw.longWaitSeconds) : null;
  return {
    timeZone: validZone(raw.timeZone) ? raw.timeZone : 'UTC',
    hours: hours.length > 0 ? hours : ALWAYS_OPEN,
    longWaitSeconds: longWait,
    whenClosed: typeof raw.whenClosed === 'string' ? raw.whenClosed : 'offline-message',
    whenLongWait: typeof raw.whenLongWait === 'string' ? raw.whenLongWait : 'none',
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The local weekday, minute of the day and calendar date of an instant in a time zone. */
export function localTime(at: number, timeZone: string): { day: number; minute: number; date: string } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: WEEKDAYS.indexOf(parts.weekday), minute: Number(parts.hour) * 60 + Number(parts.minute), date: `${parts.year}-${parts.month}-${parts.day}` };
}

/** Whether the script has the POC open at `at` (epoch ms). */
export function isOpenAt(script: ScriptConfig, at: number): boolean {
  return openAtLocal(script, localTime(at, script.timeZone));
}

function openAtLocal(script: ScriptConfig, { day, minute }: { day: number; minute: number }): boolean {
  return script.hours.some((h) => h.days.includes(day) && minute >= minutes(h.open)! && minute < minutes(h.close)!);
}

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const HOUR = 60 * 60_000;

/**
 * What the widget needs to know of the script now: open or closed, when it opens next, the
 * long-wait threshold, and up to `maxWindows` one-hour callback windows that start on the hour
 * (local time), at least 15 minutes from now, lie wholly within business hours, and fall on the
 * next `openDays` days that have any.
 */
export function availability(script: ScriptConfig, at: number, options: { openDays?: number; maxWindows?: number } = {}): PocAvailability {
  const openDays = options.openDays ?? 3;
  const maxWindows = options.maxWindows ?? 30;
  const open = isOpenAt(script, at);
  let nextOpenAt: string | null = null;
  const windows: TimeWindow[] = [];
  const days = new Set<string>();
  // Each quarter hour is looked at up to five times below (as a start, and as part of the hour
  // before it); its local time is worked out once.
  const seen = new Map<number, ReturnType<typeof localTime>>();
  const local = (t: number) => {
    let time = seen.get(t);
    if (!time) seen.set(t, (time = localTime(t, script.timeZone)));
    return time;
  };
  const openAt = (t: number) => openAtLocal(script, local(t));
  // Walk the next 7 days in quarter hours (zones with :30 and :45 offsets start hours on them).
  const start = Math.ceil(at / QUARTER) * QUARTER;
  for (let t = start; t < at + 7 * 24 * HOUR; t += QUARTER) {
    const openNow = openAt(t);
    if (!open && nextOpenAt === null && openNow) {
      // The opening minute lies within the quarter hour before.
      let opening = t;
      while (opening - MINUTE > at && isOpenAt(script, opening - MINUTE)) opening -= MINUTE;
      nextOpenAt = new Date(opening).toISOString();
    }
    if (windows.length >= maxWindows) {
      if (open || nextOpenAt !== null) break;
      continue;
    }
    const { minute, date } = local(t);
    if (minute % 60 !== 0 || t < at + QUARTER || !openNow) continue;
    // The whole hour must be open: check each quarter (an hour may straddle a closing time).
    if (![1, 2, 3].every((q) => openAt(t + q * QUARTER))) continue;
    if (!days.has(date)) {
      if (days.size >= openDays) {
        if (open || nextOpenAt !== null) break;
        continue;
      }
      days.add(date);
    }
    windows.push({ from: new Date(t).toISOString(), to: new Date(t + HOUR).toISOString() });
  }
  return {
    open,
    nextOpenAt,
    timeZone: script.timeZone,
    longWaitSeconds: script.whenLongWait !== 'none' ? script.longWaitSeconds : null,
    // The script knows hours, not people: the contact centre fills this in.
    staffed: false,
    callbackWindows: windows,
    whenClosed: script.whenClosed === 'hide' ? 'hide' : 'offline-message',
  };
}

/**
 * Whether a callback window a customer chose is one the script offers: within business hours,
 * ending in the future, starting within 7 days. (The offered list may have moved on by an hour
 * between showing the form and sending it; any such window is still fine.)
 */
export function windowAllowed(script: ScriptConfig, window: TimeWindow, at: number): boolean {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return false;
  if (to <= at || from > at + 7 * 24 * HOUR || to - from > 4 * HOUR) return false;
  // Hours are set to the minute: every minute of the window must be open.
  for (let t = from; t < to; t += MINUTE) if (!isOpenAt(script, t)) return false;
  return isOpenAt(script, to - 1);
}
