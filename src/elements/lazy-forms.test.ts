/**
 * The chat's forms load on demand: `loadForm()` imports a form's module and defines its tag once,
 * and leaves alone a tag the page has defined itself. This file has a page of its own, with no
 * element defined up front (no `defineParleyElements()`), so each test sees what it defined.
 */
import { expect } from '@open-wc/testing';
import { PARLEY_VERSION } from './base/parley-element.js';
import { loadForm } from './lazy-forms.js';

describe('loadForm', () => {
  it('imports and defines a form once, however often it is asked for', async () => {
    expect(customElements.get('parley-work-item')).to.equal(undefined);
    const first = loadForm('parley-work-item');
    expect(loadForm('parley-work-item')).to.equal(first);
    await first;
    const defined = customElements.get('parley-work-item') as (CustomElementConstructor & { version?: string }) | undefined;
    expect(defined?.version).to.equal(PARLEY_VERSION);
    expect(document.createElement('parley-work-item').constructor).to.equal(defined);
  });

  it('keeps a tag the page defined itself, without loading the form over it', async () => {
    class PageOwn extends HTMLElement {}
    customElements.define('parley-elevation', PageOwn);
    // Defining over it would warn that another version holds the tag: nothing may be said.
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      await loadForm('parley-elevation');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('parley-elevation')).to.equal(PageOwn);
    expect(warnings).to.deep.equal([]);
  });

  it('defines the pre-chat form, a form of its own', async () => {
    expect(customElements.get('parley-prechat')).to.equal(undefined);
    await loadForm('parley-prechat');
    const prechat = document.createElement('parley-prechat');
    expect((prechat.constructor as { version?: string }).version).to.equal(PARLEY_VERSION);
    expect(prechat.constructor).not.to.equal(customElements.get('parley-work-item'));
  });
});
