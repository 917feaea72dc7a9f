/** Reading an untrusted availability answer (core/availability.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAvailability } from './availability.js';

describe('parseAvailability', () => {
  test('refuses a body without `open`; drops windows that are not two instants in order', () => {
    assert.equal(parseAvailability(null), null);
    assert.equal(parseAvailability({ open: 'yes' }), null);
    const parsed = parseAvailability({
      open: false,
      nextOpenAt: 'tomorrow',
      timeZone: 'Europe/Paris',
      longWaitSeconds: -5,
      callbackWindows: [
        { from: '2030-01-01T10:00:00Z', to: '2030-01-01T11:00:00Z' },
        { from: '2030-01-01T12:00:00Z', to: '2030-01-01T11:00:00Z' },
        { from: 'soon', to: 'later' },
        'x',
      ],
    });
    assert.deepEqual(parsed, {
      open: false,
      nextOpenAt: null,
      timeZone: 'Europe/Paris',
      longWaitSeconds: null,
      callbackWindows: [{ from: '2030-01-01T10:00:00Z', to: '2030-01-01T11:00:00Z' }],
      // Not said: taken as staffed, so no "leave a message" is offered on a guess.
      staffed: true,
      whenClosed: 'offline-message',
    });
    assert.equal(parseAvailability({ open: true, staffed: false })?.staffed, false);
    assert.equal(parseAvailability({ open: true, staffed: 'no' })?.staffed, true);
    // Only the script's "hide" hides; anything else is the offline state.
    assert.equal(parseAvailability({ open: false, whenClosed: 'hide' })?.whenClosed, 'hide');
    assert.equal(parseAvailability({ open: false, whenClosed: 'vanish' })?.whenClosed, 'offline-message');
  });
});
