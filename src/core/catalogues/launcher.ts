import type { Catalogue } from '../i18n.js';

/**
 * The launcher's words, in a catalogue of their own: the script tag's loader draws the launcher
 * before the widget's code (and its whole catalogue) has loaded. The widget catalogue includes
 * them, so both say the same.
 */
export type LauncherKey = 'launcher.open' | 'launcher.withLabel';

export const launcherCatalogue: Catalogue<LauncherKey> = {
  en: {
    'launcher.open': 'Open chat',
    // The profile's launcher label, then what the button does.
    'launcher.withLabel': '{label}, {action}',
  },
  fr: {
    'launcher.open': 'Ouvrir la discussion',
    'launcher.withLabel': '{label}, {action}',
  },
};
