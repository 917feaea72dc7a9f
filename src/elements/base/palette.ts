import { unsafeCSS } from 'lit';
import { PALETTE_CSS } from './palette-css.js';

/** The widget's palette (see palette-css.ts), as a stylesheet for Lit elements. */
export const palette = unsafeCSS(PALETTE_CSS);
