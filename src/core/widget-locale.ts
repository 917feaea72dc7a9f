import { resolveLocale } from './i18n.js';

/**
 * The widget's language: the page's choice (`chosen`, the element's `locale`), then the
 * visitor's browser languages the widget speaks, then the chat profile's default; English when
 * none is available. The script tag's launcher and the chat choose alike through this. (A module
 * of its own, so that the work-item form, which chooses otherwise, does not carry it.)
 */
export function widgetLocale(chosen: string | null | undefined, profileDefault: string | null | undefined, available: readonly string[]): string {
  // resolveLocale passes over the browser's languages the widget does not speak.
  return resolveLocale([chosen, ...(globalThis.navigator?.languages ?? []), profileDefault], available);
}
