/** How the script tag's launcher and the chat choose the widget's language. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { widgetLocale } from './widget-locale.js';

/** Runs `check` with a browser whose languages are `languages` (Node has no navigator of its own here). */
function inBrowser(languages: string[], check: () => void): void {
  Object.defineProperty(globalThis, 'navigator', { value: { languages }, configurable: true });
  try {
    check();
  } finally {
    Reflect.deleteProperty(globalThis, 'navigator');
  }
}

describe('widgetLocale', () => {
  test('the page’s choice first, then the browser languages spoken, then the profile’s default, else English', () => {
    inBrowser(['de-DE', 'fr-CA', 'en-GB'], () => {
      assert.equal(widgetLocale('en', 'fr', ['en', 'fr']), 'en');
      // German is not spoken: the visitor's next language is.
      assert.equal(widgetLocale(null, 'en', ['en', 'fr']), 'fr');
      assert.equal(widgetLocale('de', 'en', ['en', 'fr']), 'fr');
    });
    inBrowser(['de-DE', 'ja'], () => {
      assert.equal(widgetLocale(null, 'fr', ['en', 'fr']), 'fr');
      assert.equal(widgetLocale(undefined, null, ['en', 'fr']), 'en');
    });
  });
});
