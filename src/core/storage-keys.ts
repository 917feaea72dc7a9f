/**
 * Where the widget keeps what must outlive a page: one place for the keys, read by the chat
 * session that writes them and by the script tag's loader, which only tests for them to know
 * whether a visitor is returning (and must reconnect at once).
 */

/**
 * The visitor token of a POC on a server: one per server and POC, so a token is only ever sent
 * to the server that issued it (two servers may know POCs of the same id). localStorage.
 */
export function visitorTokenKey(server: string, poc: string): string {
  let origin = server;
  try {
    origin = new URL(server).origin;
  } catch {
    // Not a URL: the connection will fail anyway; keep the text as the key.
  }
  return `parley:visitor:${poc}@${origin}`;
}

/** The tab's outbox of a POC: texts not yet acknowledged by the server. sessionStorage. */
export const outboxKey = (poc: string): string => `parley:outbox:${poc}`;

/**
 * localStorage (or sessionStorage) when the page may use it, else nothing (the session then keeps
 * a memory store).
 */
export function browserStorage(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): Storage | undefined {
  try {
    // Reading the property throws in sandboxed iframes and with storage blocked.
    const storage = globalThis[kind];
    const probe = '__parley_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

/**
 * Whether this visitor has a chat to resume with `poc` on `server` (a visitor token), or texts
 * this tab has not sent yet: then the chat connects without waiting for a click.
 */
export function isReturningVisitor(server: string, poc: string): boolean {
  // Reads only: no test write (browserStorage's), which the loader would pay in the page's load.
  try {
    return globalThis.localStorage.getItem(visitorTokenKey(server, poc)) != null || globalThis.sessionStorage.getItem(outboxKey(poc)) != null;
  } catch {
    // Storage blocked (the property throws), or a sandboxed frame: nothing kept, nothing to resume.
    return false;
  }
}
