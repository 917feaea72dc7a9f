/**
 * The returning-visitor check the script tag's loader runs in every page's load, in Chromium with
 * its real storage: it must read only (a test write costs the page a storage commit) and must
 * never throw, storage blocked or not.
 */
import { expect } from '@open-wc/testing';
import { isReturningVisitor, outboxKey, visitorTokenKey } from './storage-keys.js';

const SERVER = 'https://chat.example.com';
const POC = 'poc-storage-test';

describe('isReturningVisitor', () => {
  afterEach(() => {
    localStorage.removeItem(visitorTokenKey(SERVER, POC));
    sessionStorage.removeItem(outboxKey(POC));
  });

  it('is true with a visitor token for the same server and POC, or texts this tab has not sent', () => {
    expect(isReturningVisitor(SERVER, POC)).to.equal(false);
    localStorage.setItem(visitorTokenKey(SERVER, POC), 'token');
    expect(isReturningVisitor(SERVER, POC)).to.equal(true);
    expect(isReturningVisitor('https://other.example.com', POC)).to.equal(false);
    localStorage.removeItem(visitorTokenKey(SERVER, POC));
    sessionStorage.setItem(outboxKey(POC), '[]');
    expect(isReturningVisitor(SERVER, POC)).to.equal(true);
  });

  it('only reads: it writes nothing to either storage', () => {
    const writes: string[] = [];
    const setItem = Storage.prototype.setItem;
    const removeItem = Storage.prototype.removeItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      writes.push(`set ${key}`);
      setItem.call(this, key, value);
    };
    Storage.prototype.removeItem = function (key: string) {
      writes.push(`remove ${key}`);
      removeItem.call(this, key);
    };
    try {
      isReturningVisitor(SERVER, POC);
    } finally {
      Storage.prototype.setItem = setItem;
      Storage.prototype.removeItem = removeItem;
    }
    expect(writes).to.deep.equal([]);
  });

  it('is false, without throwing, when the page may not use storage', () => {
    localStorage.setItem(visitorTokenKey(SERVER, POC), 'token');
    // What a browser with storage blocked, or a sandboxed frame, does on reading the property.
    const own = Object.getOwnPropertyDescriptor(window, 'localStorage');
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The page may not use storage', 'SecurityError');
      },
    });
    try {
      expect(isReturningVisitor(SERVER, POC)).to.equal(false);
    } finally {
      if (own) Object.defineProperty(window, 'localStorage', own);
      else Reflect.deleteProperty(window, 'localStorage');
    }
    expect(isReturningVisitor(SERVER, POC)).to.equal(true);
  });
});
