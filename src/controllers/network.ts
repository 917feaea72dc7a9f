/**
 * The browser's side of `NetworkWatch` (core/link.ts): `navigator.onLine` and the `online`,
 * `offline` and `visibilitychange` events, so a link retries the moment the network or the tab
 * comes back instead of waiting out its backoff.
 */
import type { NetworkWatch } from '../core/link.js';

export function browserNetwork(): NetworkWatch {
  return {
    offline: () => navigator.onLine === false,
    watch(on) {
      const online = () => on.online();
      const offline = () => on.offline();
      const visible = () => {
        if (document.visibilityState === 'visible') on.visible();
      };
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      document.addEventListener('visibilitychange', visible);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
        document.removeEventListener('visibilitychange', visible);
      };
    },
  };
}
