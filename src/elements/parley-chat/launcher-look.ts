/**
 * The launcher's look, shared by `<parley-chat>` and the script tag's loader (src/embed.ts), which
 * draws the same launcher before the chat's code has loaded. Plain data and DOM calls, no Lit:
 * the loader must stay small. Both draw the same markup with the same classes and parts
 * (`<button class="launcher {shape} [labelled]" part="launcher">` holding the icon and the label),
 * styled by `LAUNCHER_CSS` under a `.theme` wrapper, so that the chat can take over the loader's
 * launcher without a visible change.
 */
import type { LauncherIcon } from '../../protocol/index.js';

/** One SVG element of an icon: its tag and attributes (24 × 24 view box). */
export type IconShape = readonly ['path' | 'circle' | 'rect', Readonly<Record<string, string>>];

/** The preset launcher icons. */
export const LAUNCHER_ICON_SHAPES: Readonly<Record<LauncherIcon, readonly IconShape[]>> = {
  chat: [
    ['path', { fill: 'currentColor', d: 'M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 22l4.3-2.3c1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3Z' }],
  ],
  help: [
    ['circle', { cx: '12', cy: '12', r: '9.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '2' }],
    ['path', { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', d: 'M9.3 9.4a2.8 2.8 0 1 1 4 2.5c-.8.4-1.3 1-1.3 1.9v.6' }],
    ['circle', { cx: '12', cy: '17.4', r: '1.25', fill: 'currentColor' }],
  ],
  headset: [
    ['path', { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', d: 'M4.5 14v-2a7.5 7.5 0 0 1 15 0v2' }],
    ['rect', { x: '3', y: '12.5', width: '4.5', height: '7', rx: '1.5', fill: 'currentColor' }],
    ['rect', { x: '16.5', y: '12.5', width: '4.5', height: '7', rx: '1.5', fill: 'currentColor' }],
    ['path', { fill: 'none', stroke: 'currentColor', 'stroke-width': '1.6', 'stroke-linecap': 'round', d: 'M19 19.5c0 1.4-1.9 2.2-5 2.2' }],
  ],
  message: [
    ['path', { fill: 'currentColor', 'fill-rule': 'evenodd', d: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9.5L5 21.5V18H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm2.5 4.5v2h11v-2h-11Zm0 4v2h7v-2h-7Z' }],
  ],
};

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An inline `<svg part=…>` drawing `shapes`, hidden from assistive technologies. */
export function svgIcon(shapes: readonly IconShape[], part: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of [['part', part], ['viewBox', '0 0 24 24'], ['aria-hidden', 'true'], ['focusable', 'false']]) svg.setAttribute(name, value);
  for (const [tag, attributes] of shapes) {
    const shape = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
    svg.append(shape);
  }
  return svg;
}

/** The launcher's rules (and the layout variables of the `.theme` wrapper they use). */
export const LAUNCHER_CSS = `
.theme {
  --_parley-offset-x: var(--parley-launcher-offset-x, 20px);
  --_parley-offset-y: var(--parley-launcher-offset-y, 20px);
  --_parley-launcher-size: var(--parley-launcher-size, 56px);
  --_parley-z: var(--parley-z-index, 2147483000);
  --_parley-gap: 12px;
}

.launcher {
  position: fixed;
  inset-block-end: var(--_parley-offset-y);
  right: var(--_parley-offset-x);
  z-index: var(--_parley-z);
  display: flex;
  align-items: center;
  justify-content: center;
  gap: 8px;
  min-inline-size: var(--_parley-launcher-size);
  block-size: var(--_parley-launcher-size);
  padding: 0;
  border: 0;
  border-radius: var(--parley-launcher-radius, 50%);
  background: var(--parley-launcher-background, var(--_parley-brand));
  color: var(--parley-launcher-color, var(--_parley-on-brand));
  box-shadow: var(--_parley-shadow);
}
:host([position='bottom-left']) .launcher {
  right: auto;
  left: var(--_parley-offset-x);
}
.launcher.labelled {
  padding-inline: 16px 20px;
  border-radius: var(--parley-launcher-radius, calc(var(--_parley-launcher-size) / 2));
  font-weight: 600;
}
.launcher.rounded {
  border-radius: var(--parley-launcher-radius, clamp(8px, var(--_parley-radius), 20px));
}
.launcher.square {
  border-radius: var(--parley-launcher-radius, 0);
}
.launcher:focus-visible {
  /* A surface-coloured gap keeps the ring visible whatever the page behind. */
  box-shadow: 0 0 0 2px var(--_parley-surface), var(--_parley-shadow);
}
.launcher svg,
.launcher img {
  flex: none;
  inline-size: 28px;
  block-size: 28px;
}
.launcher img {
  inline-size: 32px;
  block-size: 32px;
  object-fit: contain;
}
.launcher-label {
  white-space: nowrap;
}
.badge {
  position: absolute;
  inset-block-start: -4px;
  inset-inline-end: -4px;
  min-inline-size: 22px;
  block-size: 22px;
  padding-inline: 6px;
  border-radius: 11px;
  background: var(--parley-badge-background, #b3261e);
  color: var(--parley-badge-color, #ffffff);
  font-size: 0.75rem;
  font-weight: 700;
  line-height: 22px;
  text-align: center;
  box-shadow: 0 0 0 2px var(--_parley-surface);
}
`;

/** Marks what the loader drew in a chat's shadow root, for the chat to remove once it has drawn its own. */
export const LOADER_MARK = 'data-parley-loader';
