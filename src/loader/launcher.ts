/**
 * The launcher the loader draws in a `<parley-chat>` before the chat's code has loaded: the same
 * markup, classes, parts and stylesheets as the chat's own launcher (launcher-look.ts), in the
 * element's own shadow root, themed from the POC's public profile. The chat, once loaded, renders
 * into the same root (Lit reuses an existing one) and removes this launcher when its own is on
 * screen: the same look at the same place, so the visitor sees no change.
 *
 * The profile is the server's answer, read defensively: the loader does not validate it (the
 * chat does, once loaded); anything it cannot read makes it draw nothing and leave the chat to
 * load at once and say what is wrong.
 */
import { themeCss } from '../controllers/theme-controller.js';
import { launcherCatalogue } from '../core/catalogues/launcher.js';
import { translator } from '../core/i18n.js';
import { widgetLocale } from '../core/widget-locale.js';
import { localizedTexts } from '../core/profile-texts.js';
import { HOST_CSS } from '../elements/base/host-css.js';
import { PALETTE_CSS } from '../elements/base/palette-css.js';
import { LAUNCHER_CSS, LAUNCHER_ICON_SHAPES, LOADER_MARK, svgIcon } from '../elements/parley-chat/launcher-look.js';
import type { ChatProfile, LauncherIcon } from '../protocol/index.js';

const LOCALES = Object.keys(launcherCatalogue);

/** One sheet for every launcher the loader draws: the base, the palette and the launcher's rules. */
let baseSheet: CSSStyleSheet | null = null;

function sheetOf(text: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}

function iconNode(icon: ChatProfile['launcher']['icon']): Element {
  if (typeof icon === 'object' && icon && typeof icon.url === 'string') {
    const img = document.createElement('img');
    img.setAttribute('part', 'launcher-icon');
    img.alt = '';
    img.referrerPolicy = 'no-referrer';
    img.src = icon.url;
    // A broken picture: the default icon, as the chat does.
    img.addEventListener('error', () => img.replaceWith(svgIcon(LAUNCHER_ICON_SHAPES.chat, 'launcher-icon')), { once: true });
    return img;
  }
  const preset: LauncherIcon = typeof icon === 'string' && icon in LAUNCHER_ICON_SHAPES ? (icon as LauncherIcon) : 'chat';
  return svgIcon(LAUNCHER_ICON_SHAPES[preset], 'launcher-icon');
}

/**
 * Draws the launcher of `profile` in `chat`, whose click calls `onActivate`; returns the button,
 * or null when it drew nothing (the element already has a shadow root, or the profile is not one
 * the loader can show by itself).
 */
export function drawLauncher(chat: HTMLElement, profile: ChatProfile, onActivate: () => void): HTMLButtonElement | null {
  if (chat.shadowRoot) return null;
  let theme: string;
  let label: string;
  let locale: string;
  try {
    const scheme = chat.getAttribute('color-scheme');
    theme = themeCss(profile, scheme === 'dark' || scheme === 'light' ? scheme : null);
    locale = widgetLocale(chat.getAttribute('locale'), profile.defaultLocale, LOCALES);
    label = localizedTexts(profile, locale).launcherLabel ?? '';
  } catch {
    return null;
  }
  const t = translator(launcherCatalogue, locale);
  const root = chat.attachShadow({ mode: 'open' });
  baseSheet ??= sheetOf(`${HOST_CSS}${PALETTE_CSS}${LAUNCHER_CSS}`);
  root.adoptedStyleSheets = [sheetOf(theme), baseSheet];
  chat.setAttribute('position', profile.launcher.position);

  const wrapper = document.createElement('div');
  wrapper.className = 'theme';
  wrapper.lang = locale;
  wrapper.setAttribute(LOADER_MARK, '');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `launcher ${profile.launcher.shape}${label ? ' labelled' : ''}`;
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-expanded', 'false');
  const action = t('launcher.open');
  button.setAttribute('aria-label', label ? t('launcher.withLabel', { label, action }) : action);
  button.append(iconNode(profile.launcher.icon));
  if (label) {
    const span = document.createElement('span');
    span.className = 'launcher-label';
    span.setAttribute('part', 'launcher-label');
    span.textContent = label;
    button.append(span);
  }
  button.addEventListener('click', onActivate);
  wrapper.append(button);
  root.append(wrapper);
  return button;
}
