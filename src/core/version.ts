/** Version of this Parley build, stamped on every element class and on `window.Parley`. */
export const PARLEY_VERSION = '0.1.0';
