/**
 * Answers the script tag's loader fetched before the widget's code arrived, handed over to that
 * code so that nothing is asked twice: the loader fetches a POC's public profile to draw the
 * launcher, and the chat, once loaded, takes the same answer instead of fetching again.
 *
 * The loader and the widget are separate bundles (the loader is a classic script, the widget ES
 * modules it imports later), so the hand-over goes through one well-known global: a map under
 * `Symbol.for('parley.prefetched')`, keyed by URL. An answer is taken once; a later load fetches.
 */
type Prefetched = Map<string, Promise<Response>>;

const KEY = Symbol.for('parley.prefetched');

function prefetched(): Prefetched {
  const holder = globalThis as typeof globalThis & { [KEY]?: Prefetched };
  return (holder[KEY] ??= new Map());
}

/** How the widget asks for a POC's public profile: JSON, without the visitor's cookies. */
export const PROFILE_REQUEST: RequestInit = { headers: { accept: 'application/json' }, credentials: 'omit' };

/** Fetches `url` as the widget would ({@link PROFILE_REQUEST}) and keeps the answer for `takePrefetched`. */
export function prefetch(url: string): Promise<Response> {
  const response = fetch(url, PROFILE_REQUEST);
  prefetched().set(url, response);
  // A failure is the widget's to report when it takes the answer; never an unhandled rejection here.
  response.catch(() => undefined);
  return response.then((r) => r.clone());
}

/** The answer the loader fetched for `url`, once; undefined when there is none (left to fetch). */
export function takePrefetched(url: string): Promise<Response> | undefined {
  const map = prefetched();
  const response = map.get(url);
  map.delete(url);
  return response;
}
