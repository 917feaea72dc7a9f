/**
 * Script hours in real time zones (the runtime's own ICU data, no fake clock: every instant is
 * passed in): Europe/Paris across both daylight-saving changes of 2025, America/New_York across
 * its spring change, Asia/Kolkata's +5:30; a `24:00` close; the callback windows offered and the
 * windows a customer may send back; and the fallback to "always open" for configs that cannot be
 * read.
 *
 * 2025 calendar used below: Fri 28 Mar, Sat 29, Sun 30 (Paris springs forward at 01:00 UTC),
 * Mon 31 Mar, Tue 1 Apr, Wed 2 Apr; Fri 7 Mar and Mon 10 Mar (New York springs forward on Sun 9);
 * Fri 24 Oct and Mon 27 Oct (Paris falls back on Sun 26); Mon 6 Jan.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { availability, isOpenAt, localTime, readScript, windowAllowed, type ScriptConfig } from './script.js';

const at = (iso: string) => Date.parse(iso);
const script = (config: object): ScriptConfig => readScript(JSON.stringify(config));
const WEEKDAYS = [1, 2, 3, 4, 5];

/** Mon–Fri 09:00–18:00 in Paris. */
const paris = script({ timeZone: 'Europe/Paris', hours: [{ days: WEEKDAYS, open: '09:00', close: '18:00' }] });
/** Mon–Fri 09:00–17:00 in New York. */
const newYork = script({ timeZone: 'America/New_York', hours: [{ days: WEEKDAYS, open: '09:00', close: '17:00' }] });
/** Mon–Fri 09:00–17:30 in Kolkata (UTC+5:30 all year). */
const kolkata = script({ timeZone: 'Asia/Kolkata', hours: [{ days: WEEKDAYS, open: '09:00', close: '17:30' }] });

const HOUR = 3_600_000;
const localHour = (iso: string, zone: string) => localTime(Date.parse(iso), zone).minute / 60;
const localDate = (iso: string, zone: string) => localTime(Date.parse(iso), zone).date;

describe('readScript', () => {
  test('keeps a valid config as written', () => {
    const config = script({
      timeZone: 'Europe/Paris',
      hours: [{ days: [1, 2], open: '08:30', close: '24:00' }],
      longWaitSeconds: 299.6,
      whenClosed: 'offline-message',
      whenLongWait: 'offer-callback',
    });
    assert.deepEqual(config, {
      timeZone: 'Europe/Paris',
      hours: [{ days: [1, 2], open: '08:30', close: '24:00' }],
      longWaitSeconds: 300,
      whenClosed: 'offline-message',
      whenLongWait: 'offer-callback',
    });
  });

  test('an unreadable or empty config is always open, in UTC, without a long-wait offer', () => {
    for (const json of [null, undefined, '', 'not json', '{', '[]', '"hours"', 'null', '42', '{}', '{"hours":"9-5"}', '{"hours":[]}']) {
      const config = readScript(json);
      assert.equal(config.timeZone, 'UTC', String(json));
      assert.equal(config.longWaitSeconds, null);
      assert.equal(config.whenLongWait, 'none');
      for (const instant of ['2025-03-29T03:17:00Z', '2025-03-30T01:30:00Z', '2025-12-31T23:59:59Z']) {
        assert.equal(isOpenAt(config, at(instant)), true, `${String(json)} at ${instant}`);
      }
      const now = availability(config, at('2025-03-29T03:17:00Z'));
      assert.equal(now.open, true);
      assert.equal(now.nextOpenAt, null);
    }
  });

  test('drops malformed hours, and is always open when none is left', () => {
    const malformed = [
      { days: [7], open: '09:00', close: '18:00' },
      { days: [-1], open: '09:00', close: '18:00' },
      { days: [1.5], open: '09:00', close: '18:00' },
      { days: ['1'], open: '09:00', close: '18:00' },
      { days: 1, open: '09:00', close: '18:00' },
      { days: [1], open: '9:00', close: '18:00' },
      { days: [1], open: '09:00', close: '25:00' },
      { days: [1], open: '09:00', close: '24:01' },
      { days: [1], open: '09:60', close: '18:00' },
      { days: [1], open: '18:00', close: '09:00' },
      { days: [1], open: '09:00', close: '09:00' },
      { days: [1], open: 900, close: 1800 },
      { days: [1], open: '09:00' },
      null,
      'Mon-Fri 9-6',
    ];
    for (const entry of malformed) {
      const config = script({ timeZone: 'Europe/Paris', hours: [entry] });
      assert.equal(config.hours.length, 1, JSON.stringify(entry));
      assert.deepEqual(config.hours[0], { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' }, JSON.stringify(entry));
    }
    const mixed = script({ timeZone: 'Europe/Paris', hours: [...malformed, { days: [6], open: '10:00', close: '12:00' }] });
    assert.deepEqual(mixed.hours, [{ days: [6], open: '10:00', close: '12:00' }]);
  });

  test('an unknown time zone falls back to UTC, and odd long-wait values to none', () => {
    assert.equal(script({ timeZone: 'Mars/Olympus_Mons' }).timeZone, 'UTC');
    assert.equal(script({ timeZone: 42 }).timeZone, 'UTC');
    for (const longWaitSeconds of [0, -5, 'soon', null, Number.NaN, true]) {
      assert.equal(script({ longWaitSeconds }).longWaitSeconds, null, String(longWaitSeconds));
    }
  });
});

describe('isOpenAt in a time zone', () => {
  test('Europe/Paris: 09:00 is 08:00 UTC in winter time and 07:00 UTC in summer time', () => {
    // Friday 28 March, CET (UTC+1).
    assert.equal(isOpenAt(paris, at('2025-03-28T07:59:00Z')), false);
    assert.equal(isOpenAt(paris, at('2025-03-28T08:00:00Z')), true);
    assert.equal(isOpenAt(paris, at('2025-03-28T16:59:00Z')), true);
    assert.equal(isOpenAt(paris, at('2025-03-28T17:00:00Z')), false);
    // Monday 31 March, the day after the change: CEST (UTC+2).
    assert.equal(isOpenAt(paris, at('2025-03-31T06:59:00Z')), false);
    assert.equal(isOpenAt(paris, at('2025-03-31T07:00:00Z')), true);
    assert.equal(isOpenAt(paris, at('2025-03-31T15:59:00Z')), true);
    assert.equal(isOpenAt(paris, at('2025-03-31T16:00:00Z')), false);
  });

  test('Europe/Paris: back to winter time on 26 October', () => {
    assert.equal(isOpenAt(paris, at('2025-10-24T07:00:00Z')), true, 'Friday 09:00 CEST');
    assert.equal(isOpenAt(paris, at('2025-10-27T07:00:00Z')), false, 'Monday 08:00 CET');
    assert.equal(isOpenAt(paris, at('2025-10-27T08:00:00Z')), true, 'Monday 09:00 CET');
  });

  test('Europe/Paris: the hours of the change day itself follow the local clock', () => {
    const sunday = script({ timeZone: 'Europe/Paris', hours: [{ days: [0], open: '03:00', close: '04:00' }] });
    // 01:00 UTC on 30 March is 03:00 CEST: the clock went from 02:00 straight to 03:00.
    assert.equal(isOpenAt(sunday, at('2025-03-30T00:59:00Z')), false, '01:59 CET');
    assert.equal(isOpenAt(sunday, at('2025-03-30T01:00:00Z')), true, '03:00 CEST');
    assert.equal(isOpenAt(sunday, at('2025-03-30T01:59:00Z')), true, '03:59 CEST');
    assert.equal(isOpenAt(sunday, at('2025-03-30T02:00:00Z')), false, '04:00 CEST');
  });

  test('America/New_York: 09:00 is 14:00 UTC before 9 March and 13:00 UTC after', () => {
    assert.equal(isOpenAt(newYork, at('2025-03-07T13:59:00Z')), false);
    assert.equal(isOpenAt(newYork, at('2025-03-07T14:00:00Z')), true);
    assert.equal(isOpenAt(newYork, at('2025-03-10T12:59:00Z')), false);
    assert.equal(isOpenAt(newYork, at('2025-03-10T13:00:00Z')), true);
    assert.equal(isOpenAt(newYork, at('2025-03-10T20:59:00Z')), true);
    assert.equal(isOpenAt(newYork, at('2025-03-10T21:00:00Z')), false);
  });

  test('Asia/Kolkata: 09:00–17:30 is 03:30–12:00 UTC, on the local weekday', () => {
    assert.equal(isOpenAt(kolkata, at('2025-01-06T03:29:00Z')), false);
    assert.equal(isOpenAt(kolkata, at('2025-01-06T03:30:00Z')), true);
    assert.equal(isOpenAt(kolkata, at('2025-01-06T11:59:00Z')), true);
    assert.equal(isOpenAt(kolkata, at('2025-01-06T12:00:00Z')), false);
    // Friday 10 January 23:00 UTC is already Saturday 04:30 in Kolkata; Sunday 5 January 22:00
    // UTC is Monday 03:30 there.
    const allDay = script({ timeZone: 'Asia/Kolkata', hours: [{ days: WEEKDAYS, open: '00:00', close: '24:00' }] });
    assert.equal(isOpenAt(allDay, at('2025-01-10T23:00:00Z')), false);
    assert.equal(isOpenAt(allDay, at('2025-01-05T22:00:00Z')), true);
  });

  test('24:00 closes at midnight: open at 23:59, closed at 00:00 of the next day', () => {
    const evenings = script({ timeZone: 'America/New_York', hours: [{ days: [5], open: '18:00', close: '24:00' }] });
    // Friday 10 January (EST, UTC-5).
    assert.equal(isOpenAt(evenings, at('2025-01-10T22:59:00Z')), false, '17:59');
    assert.equal(isOpenAt(evenings, at('2025-01-10T23:00:00Z')), true, '18:00');
    assert.equal(isOpenAt(evenings, at('2025-01-11T04:59:59Z')), true, '23:59:59');
    assert.equal(isOpenAt(evenings, at('2025-01-11T05:00:00Z')), false, 'Saturday 00:00');
  });

  test('several entries add up: weekdays plus Saturday morning', () => {
    const withSaturday = script({ timeZone: 'Europe/Paris', hours: [{ days: WEEKDAYS, open: '09:00', close: '18:00' }, { days: [6], open: '10:00', close: '12:00' }] });
    assert.equal(isOpenAt(withSaturday, at('2025-03-29T09:30:00Z')), true, 'Saturday 10:30');
    assert.equal(isOpenAt(withSaturday, at('2025-03-29T11:00:00Z')), false, 'Saturday 12:00');
    assert.equal(isOpenAt(withSaturday, at('2025-03-30T09:30:00Z')), false, 'Sunday 11:30');
  });
});

describe('availability', () => {
  test('open now: open, no nextOpenAt, the script time zone and long-wait offer', () => {
    const offering = script({ timeZone: 'Europe/Paris', hours: [{ days: WEEKDAYS, open: '09:00', close: '18:00' }], longWaitSeconds: 300, whenLongWait: 'offer-callback' });
    const now = availability(offering, at('2025-03-28T10:00:00Z'));
    assert.equal(now.open, true);
    assert.equal(now.nextOpenAt, null);
    assert.equal(now.timeZone, 'Europe/Paris');
    assert.equal(now.longWaitSeconds, 300);
    assert.equal(availability(script({ longWaitSeconds: 300, whenLongWait: 'none' }), at('2025-03-28T10:00:00Z')).longWaitSeconds, null);
  });

  test("what to do while closed is the script's: hide, or the offline state by default", () => {
    const at10 = at('2025-03-28T10:00:00Z');
    assert.equal(availability(script({ whenClosed: 'hide' }), at10).whenClosed, 'hide');
    assert.equal(availability(script({ whenClosed: 'offline-message' }), at10).whenClosed, 'offline-message');
    assert.equal(availability(script({}), at10).whenClosed, 'offline-message');
    assert.equal(availability(script({ whenClosed: 'explode' }), at10).whenClosed, 'offline-message');
  });

  test('closed for the weekend: open is false and nextOpenAt is Monday 09:00, in summer time', () => {
    const saturday = availability(paris, at('2025-03-29T12:00:00Z'));
    assert.equal(saturday.open, false);
    assert.equal(saturday.nextOpenAt, '2025-03-31T07:00:00.000Z');
    // Friday evening, still winter time; the opening is after the change.
    assert.equal(availability(paris, at('2025-03-28T17:30:00Z')).nextOpenAt, '2025-03-31T07:00:00.000Z');
    assert.equal(availability(newYork, at('2025-03-08T12:00:00Z')).nextOpenAt, '2025-03-10T13:00:00.000Z');
    assert.equal(availability(kolkata, at('2025-01-04T12:00:00Z')).nextOpenAt, '2025-01-06T03:30:00.000Z');
  });

  test('closed every day of the next week: no nextOpenAt and no windows', () => {
    const never = script({ timeZone: 'Europe/Paris', hours: [{ days: [], open: '09:00', close: '18:00' }] });
    const now = availability(never, at('2025-03-28T10:00:00Z'));
    assert.deepEqual([now.open, now.nextOpenAt, now.callbackWindows], [false, null, []]);
  });

  test('callback windows are whole local hours, one hour long, wholly inside hours', () => {
    for (const [config, instant] of [
      [paris, '2025-03-28T17:30:00Z'],
      [newYork, '2025-03-07T20:00:00Z'],
      [kolkata, '2025-01-03T12:00:00Z'],
    ] as const) {
      const { callbackWindows } = availability(config, at(instant));
      assert.ok(callbackWindows.length > 0, config.timeZone);
      for (const w of callbackWindows) {
        const from = at(w.from);
        assert.equal(at(w.to) - from, HOUR, `${w.from} lasts one hour`);
        assert.equal(localTime(from, config.timeZone).minute % 60, 0, `${w.from} starts on a local hour`);
        for (let t = from; t < from + HOUR; t += 60_000) assert.ok(isOpenAt(config, t), `${new Date(t).toISOString()} is open`);
      }
    }
  });

  test('Asia/Kolkata: windows start at half past the UTC hour and stop before a 17:30 close', () => {
    const { callbackWindows } = availability(kolkata, at('2025-01-06T00:00:00Z'));
    assert.deepEqual(callbackWindows[0], { from: '2025-01-06T03:30:00.000Z', to: '2025-01-06T04:30:00.000Z' });
    const monday = callbackWindows.filter((w) => localDate(w.from, 'Asia/Kolkata') === '2025-01-06');
    assert.deepEqual(monday.map((w) => localHour(w.from, 'Asia/Kolkata')), [9, 10, 11, 12, 13, 14, 15, 16]);
  });

  test('windows fall on the next 3 open days only, skipping closed days', () => {
    // Friday evening: Monday, Tuesday and Wednesday, 9 windows each; nothing on Thursday.
    const { callbackWindows } = availability(paris, at('2025-03-28T17:30:00Z'));
    const dates = [...new Set(callbackWindows.map((w) => localDate(w.from, 'Europe/Paris')))];
    assert.deepEqual(dates, ['2025-03-31', '2025-04-01', '2025-04-02']);
    assert.equal(callbackWindows.length, 27);
    assert.deepEqual(callbackWindows[0], { from: '2025-03-31T07:00:00.000Z', to: '2025-03-31T08:00:00.000Z' });
    assert.deepEqual(callbackWindows.at(-1), { from: '2025-04-02T15:00:00.000Z', to: '2025-04-02T16:00:00.000Z' });
  });

  test('today counts as one of the 3 days when a window is left today', () => {
    // Friday 15:30 in Paris: 16:00 and 17:00 today, then Monday and Tuesday.
    const { callbackWindows } = availability(paris, at('2025-03-28T14:30:00Z'));
    const dates = [...new Set(callbackWindows.map((w) => localDate(w.from, 'Europe/Paris')))];
    assert.deepEqual(dates, ['2025-03-28', '2025-03-31', '2025-04-01']);
    assert.deepEqual(callbackWindows.slice(0, 2).map((w) => localHour(w.from, 'Europe/Paris')), [16, 17]);
  });

  test('a window starts at least 15 minutes from now', () => {
    // 09:45 Paris time: 10:00 is 15 minutes away and offered; at 09:46 it is not.
    assert.equal(availability(paris, at('2025-03-28T08:45:00Z')).callbackWindows[0].from, '2025-03-28T09:00:00.000Z');
    assert.equal(availability(paris, at('2025-03-28T08:46:00Z')).callbackWindows[0].from, '2025-03-28T10:00:00.000Z');
  });

  test('the short day of the spring change has 23 windows, none at the missing 02:00', () => {
    const sundays = script({ timeZone: 'Europe/Paris', hours: [{ days: [0], open: '00:00', close: '24:00' }] });
    const { callbackWindows } = availability(sundays, at('2025-03-29T12:00:00Z'), { openDays: 1 });
    assert.equal(callbackWindows.length, 23);
    assert.ok(callbackWindows.every((w) => localDate(w.from, 'Europe/Paris') === '2025-03-30'));
    assert.deepEqual(
      callbackWindows.map((w) => localHour(w.from, 'Europe/Paris')),
      [0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)],
    );
    assert.deepEqual(callbackWindows[2], { from: '2025-03-30T01:00:00.000Z', to: '2025-03-30T02:00:00.000Z' });
  });

  test('a 24:00 close offers the 23:00 window', () => {
    const evenings = script({ timeZone: 'America/New_York', hours: [{ days: [5], open: '18:00', close: '24:00' }] });
    const { callbackWindows } = availability(evenings, at('2025-01-10T12:00:00Z'), { openDays: 1 });
    assert.deepEqual(callbackWindows.map((w) => localHour(w.from, 'America/New_York')), [18, 19, 20, 21, 22, 23]);
    assert.equal(callbackWindows.at(-1)!.to, '2025-01-11T05:00:00.000Z');
  });

  test('openDays and maxWindows bound the list', () => {
    assert.equal(availability(paris, at('2025-03-28T17:30:00Z'), { openDays: 1 }).callbackWindows.length, 9);
    const few = availability(paris, at('2025-03-28T17:30:00Z'), { maxWindows: 4 });
    assert.equal(few.callbackWindows.length, 4);
    assert.equal(few.nextOpenAt, '2025-03-31T07:00:00.000Z');
  });
});

describe('windowAllowed', () => {
  // Monday 31 March, 08:00 in Paris (CEST, UTC+2).
  const now = at('2025-03-31T06:00:00Z');
  const allowed = (from: string, to: string, instant = now) => windowAllowed(paris, { from, to }, instant);

  test('allows every window availability offers', () => {
    for (const w of availability(paris, now).callbackWindows) assert.equal(windowAllowed(paris, w, now), true, w.from);
  });

  test('allows a window that has started but not ended, and one of up to 4 hours', () => {
    assert.equal(allowed('2025-03-31T07:00:00Z', '2025-03-31T08:00:00Z', at('2025-03-31T07:30:00Z')), true);
    assert.equal(allowed('2025-03-31T07:00:00Z', '2025-03-31T11:00:00Z'), true);
  });

  test('refuses windows outside hours: at night, at the weekend, across the opening or the closing', () => {
    assert.equal(allowed('2025-03-31T20:00:00Z', '2025-03-31T21:00:00Z'), false, '22:00 local');
    assert.equal(allowed('2025-04-05T08:00:00Z', '2025-04-05T09:00:00Z'), false, 'Saturday');
    assert.equal(allowed('2025-03-31T06:30:00Z', '2025-03-31T07:30:00Z'), false, '08:30–09:30');
    assert.equal(allowed('2025-03-31T15:30:00Z', '2025-03-31T16:30:00Z'), false, '17:30–18:30');
    // A window in winter time hours that is before opening in summer time.
    assert.equal(allowed('2025-04-01T06:00:00Z', '2025-04-01T07:00:00Z'), false, '08:00–09:00 CEST');
  });

  test('refuses a window that runs past closing even when it does not start on a quarter hour', () => {
    // Paris closes at 18:00 (16:00 UTC): 17:10–18:10 and 17:50–18:05 end after it.
    assert.equal(allowed('2025-03-31T15:10:00Z', '2025-03-31T16:10:00Z'), false, '17:10–18:10');
    assert.equal(allowed('2025-03-31T15:50:00Z', '2025-03-31T16:05:00Z'), false, '17:50–18:05');
  });

  test('refuses windows in the past, and one ending right now', () => {
    assert.equal(allowed('2025-03-28T08:00:00Z', '2025-03-28T09:00:00Z'), false, 'last Friday');
    assert.equal(allowed('2025-03-31T07:00:00Z', '2025-03-31T08:00:00Z', at('2025-03-31T08:00:00Z')), false);
  });

  test('refuses windows starting more than 7 days ahead, and longer than 4 hours', () => {
    // Monday 10:00: next Monday's 10:00 window starts in exactly 7 days, Tuesday's in 8.
    const ten = at('2025-03-31T08:00:00Z');
    assert.equal(allowed('2025-04-07T08:00:00Z', '2025-04-07T09:00:00Z', ten), true, 'in 7 days');
    assert.equal(allowed('2025-04-08T08:00:00Z', '2025-04-08T09:00:00Z', ten), false, 'in 8 days');
    assert.equal(allowed('2025-03-31T07:00:00Z', '2025-03-31T11:15:00Z'), false, '4 h 15');
  });

  test('refuses empty, reversed and unreadable windows', () => {
    // Outside hours (22:00–21:00 local) and backwards; at 22:00 with no length; not dates at all.
    const bad: [string, string][] = [
      ['2025-03-31T20:00:00Z', '2025-03-31T19:00:00Z'],
      ['2025-03-31T20:00:00Z', '2025-03-31T20:00:00Z'],
      ['tomorrow', 'later'],
    ];
    const accepted = bad.filter(([from, to]) => allowed(from, to));
    assert.deepEqual(accepted, [], 'windows allowed');
  });
});
