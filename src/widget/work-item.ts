/**
 * The work-item form's code, loaded by the script tag's loader (src/embed.ts) as soon as the page
 * holds a `<parley-work-item>`: the form is page content, so it is not deferred. Built to
 * `dist/parley/work-item-[hash].js`, sharing Lit and the common modules with the chat's code.
 */
import { ParleyWorkItem } from '../elements/parley-work-item/parley-work-item.js';

ParleyWorkItem.define('parley-work-item');
