/**
 * The widget's code, as the loader fetches it: ES modules beside the loader (`parley/…` next to
 * `parley.js`), whose names the build bakes in (`__PARLEY_CHUNKS__`, see scripts/chunks.ts).
 *
 * - `preload(part)` only downloads (`<link rel="modulepreload">` for the entry and everything it
 *   imports), so that the browser has the code when it is wanted, without running it;
 * - `load(part)` imports the entry, which defines its elements; once per part and page, however
 *   many loaders run (the module map holds one instance per URL). A failed import may be tried
 *   again.
 */
import type { ChunkTable } from '../../scripts/chunks.js';

declare const __PARLEY_CHUNKS__: ChunkTable;

export type Part = keyof ChunkTable;

const loading = new Map<Part, Promise<void>>();

/** The folder of the chunks, resolved against the loader's own URL. */
export function chunkBase(loaderUrl: string): URL {
  return new URL('parley/', loaderUrl);
}

/** Asks the browser to download `part` now, without running it. */
export function preload(part: Part, base: URL): void {
  const { file, preload: deps } = __PARLEY_CHUNKS__[part];
  const present = new Set([...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => link.href));
  for (const name of [file, ...deps]) {
    const href = new URL(name, base).href;
    if (present.has(href)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    // As a dynamic import fetches a module: CORS, no credentials.
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.append(link);
  }
}

/** Runs `part`'s code (which defines its elements); resolves once it has run. */
export function load(part: Part, base: URL): Promise<void> {
  let pending = loading.get(part);
  if (!pending) {
    const url = new URL(__PARLEY_CHUNKS__[part].file, base).href;
    pending = import(/* @vite-ignore */ url).then(
      () => undefined,
      (err: unknown) => {
        loading.delete(part);
        console.error(`Parley: the widget's code could not be loaded from ${url} (${String(err)}).`);
        throw err;
      },
    );
    loading.set(part, pending);
  }
  return pending;
}
