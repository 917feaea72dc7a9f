/**
 * The chat's code, loaded by the script tag's loader (src/embed.ts) when the visitor first
 * reaches for the launcher, at once for a returning visitor, or when the page asks
 * (`Parley.load()`). Built to `dist/parley/chat-[hash].js` with the modules it shares with the
 * work-item form in chunks of their own. Defines `<parley-chat>` and what it renders up front;
 * its forms load on first need.
 */
import { ParleyChat } from '../elements/parley-chat/parley-chat.js';
import { ParleyComposer } from '../elements/parley-composer/parley-composer.js';
import { ParleyMessageList } from '../elements/parley-message-list/parley-message-list.js';

// Inner elements first, so the chat's first render upgrades them at once.
ParleyMessageList.define('parley-message-list');
ParleyComposer.define('parley-composer');
ParleyChat.define('parley-chat');
