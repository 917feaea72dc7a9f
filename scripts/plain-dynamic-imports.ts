/**
 * A build step that leaves Vite's preload helper out of the widget's chunks: each `import()` of
 * the chat (its transport, its forms, the sanitiser) stays a plain `import()`.
 *
 * Vite wraps every dynamic import of an app build in `__vitePreload(() => import(…), deps)`, whose
 * helper adds `<link rel=modulepreload>` and stylesheet links for `deps` and dispatches a
 * `vite:preloadError` event on the window when one fails. It does so even with
 * `build.modulePreload: false` (vitejs/vite#18551), where `deps` is always empty. The widget
 * build turns module preloading off (the loader preloads each entry's imports itself) and has no
 * CSS files (its styles are template literals), so the helper, about 0.6 kB gzipped in the chat's
 * first open, only ever called `import()`. This plugin gives it exactly that body.
 *
 * Only for builds with `modulePreload: false` and no CSS files: with a non-empty `deps`, the
 * chunk would still load, but without the preloads Vite would have added.
 */
import type { Plugin } from 'vite';

/** The id Vite gives its preload helper module. */
export const PRELOAD_HELPER_ID = '\0vite/preload-helper.js';

/** The helper's body here: load the chunk, nothing before it. */
const PLAIN_HELPER = 'export const __vitePreload = (load) => load();';

export function plainDynamicImports(): Plugin {
  return {
    name: 'parley-plain-dynamic-imports',
    enforce: 'pre',
    resolveId(source) {
      return source === PRELOAD_HELPER_ID ? PRELOAD_HELPER_ID : null;
    },
    load(id) {
      return id === PRELOAD_HELPER_ID ? PLAIN_HELPER : null;
    },
  };
}
