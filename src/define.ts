/**
 * Registers the Parley custom elements. Side-effect free until called: the script-tag entry
 * (embed.ts) calls it, and applications using the npm package call it once themselves, or define
 * the classes under tags of their own choosing.
 */
import { ParleyChat } from './elements/parley-chat/parley-chat.js';
import { ParleyComposer } from './elements/parley-composer/parley-composer.js';
import { ParleyConnectionStatus } from './elements/parley-connection-status/parley-connection-status.js';
import { ParleyElevation } from './elements/parley-elevation/parley-elevation.js';
import { ParleyMessageList } from './elements/parley-message-list/parley-message-list.js';
import { ParleyPreChat } from './elements/parley-prechat/parley-prechat.js';
import { ParleyWorkItem } from './elements/parley-work-item/parley-work-item.js';

/**
 * Defines `<parley-chat>` and the elements it renders, and `<parley-work-item>` (which the chat
 * also renders for "leave a message"), skipping tags already registered.
 */
export function defineParleyElements(registry: CustomElementRegistry = customElements): void {
  // Inner elements first, so the chat's first render upgrades them at once.
  ParleyMessageList.define('parley-message-list', registry);
  ParleyComposer.define('parley-composer', registry);
  ParleyConnectionStatus.define('parley-connection-status', registry);
  ParleyPreChat.define('parley-prechat', registry);
  ParleyElevation.define('parley-elevation', registry);
  ParleyWorkItem.define('parley-work-item', registry);
  ParleyChat.define('parley-chat', registry);
}
