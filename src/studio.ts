/**
 * Entry of the chat-profile studio bundle (`/studio.js`, loaded by the `/studio` page): defines
 * `<parley-studio>`, the parts it renders and the `<parley-chat>` it previews. Nothing else runs
 * on load.
 */
import { ParleyStudio } from './elements/parley-studio/parley-studio.js';

ParleyStudio.define('parley-studio');

export { ParleyStudio };
