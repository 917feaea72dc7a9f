/**
 * Bar charts as SVG text, written by hand (no charting dependency): horizontal bars, grouped by
 * series, on a linear axis from 0 with ticks at 1, 2 or 5 × 10^k, an optional min–max whisker per
 * bar, and the value written beside each bar. A bar's length is exactly proportional to its value
 * (the axis is never cut), so a chart cannot exaggerate a difference.
 *
 * Readable in GitHub's light and dark themes: the chart paints its own white background. All text
 * is <text> (searchable, escaped). Coordinates are rounded to 2 decimals and nothing depends on
 * the clock or locale: the same input gives the same bytes.
 */
import { formatNumber } from './markdown.js';

/** One bar: its value (undefined: not measured, no bar drawn) and an optional spread. */
export interface ChartBar {
  value: number | undefined;
  min?: number;
  max?: number;
}

/** A row of bars, one per series, in the order of `ChartSpec.series`. */
export interface ChartGroup {
  label: string;
  bars: ChartBar[];
}

export interface ChartSpec {
  title: string;
  /** Written after values and under the axis ("kB", "ms"). */
  unit: string;
  /** Series names; with more than one, a legend is drawn. */
  series: string[];
  groups: ChartGroup[];
  /** Decimals of the value labels (1 by default). */
  digits?: number;
}

/** Light-theme greys and GitHub's blue: the bare reference in grey, the measured product in blue. */
const COLORS = ['#8c959f', '#0969da', '#bf8700', '#1a7f37'];
const SINGLE_COLOR = '#0969da';
const TEXT = '#1f2328';
const MUTED = '#59636e';
const GRID = '#d1d9e0';
const FONT = 'font-family="-apple-system, BlinkMacSystemFont, Segoe UI, Helvetica, Arial, sans-serif"';

const WIDTH = 760;
const BAR = 16;
const BAR_GAP = 4;
const GROUP_GAP = 14;
/** Room right of the longest bar for its value label. */
const VALUE_ROOM = 110;
/** An estimate of a 12 px character's width, to size the label column without measuring text. */
const CHAR_WIDTH = 6.6;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A coordinate with at most 2 decimals and no trailing zeros. */
const n = (x: number) => String(Math.round(x * 100) / 100);

/** The tick step: 1, 2 or 5 × 10^k, giving about `count` ticks up to `max`. */
export function tickStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  const nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Decimals needed to write every multiple of `step` exactly (0.25 → 2, 5 → 0). */
const stepDigits = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/** The chart as a complete SVG document. */
export function barChart(spec: ChartSpec): string {
  const digits = spec.digits ?? 1;
  const color = (i: number) => (spec.series.length === 1 ? SINGLE_COLOR : COLORS[i % COLORS.length]);
  const ends = spec.groups.flatMap((g) => g.bars.flatMap((b) => [b.value, b.max].filter((v): v is number => v !== undefined && Number.isFinite(v))));
  const step = tickStep(Math.max(0, ...ends));
  const axisMax = Math.max(step, Math.ceil(Math.max(0, ...ends) / step - 1e-9) * step);

  const labelWidth = Math.min(320, Math.max(80, ...spec.groups.map((g) => g.label.length * CHAR_WIDTH))) + 16;
  const x0 = 16 + labelWidth;
  const plotWidth = WIDTH - x0 - VALUE_ROOM;
  const scale = (v: number) => (v / axisMax) * plotWidth;
  const legend = spec.series.length > 1;
  const plotTop = legend ? 62 : 44;

  const out: string[] = [];
  let y = plotTop;
  for (const group of spec.groups) {
    const groupHeight = group.bars.length * BAR + (group.bars.length - 1) * BAR_GAP;
    out.push(`<text x="${n(x0 - 10)}" y="${n(y + groupHeight / 2 + 4)}" text-anchor="end" fill="${TEXT}">${escapeXml(group.label)}</text>`);
    group.bars.forEach((bar, i) => {
      const top = y + i * (BAR + BAR_GAP);
      const middle = top + BAR / 2;
      const name = spec.series.length > 1 ? `${spec.series[i]}, ${group.label}` : group.label;
      if (bar.value === undefined || !Number.isFinite(bar.value)) {
        out.push(`<text x="${n(x0 + 6)}" y="${n(middle + 4)}" fill="${MUTED}" font-style="italic">${escapeXml(spec.series.length > 1 ? `${spec.series[i]}: not measured` : 'not measured')}</text>`);
        return;
      }
      const label = `${formatNumber(bar.value, digits)} ${spec.unit}`;
      out.push(
        `<rect class="bar" x="${n(x0)}" y="${n(top)}" width="${n(scale(bar.value))}" height="${BAR}" fill="${color(i)}"><title>${escapeXml(`${name}: ${label}`)}</title></rect>`,
      );
      let end = scale(bar.value);
      if (bar.min !== undefined && bar.max !== undefined) {
        const [a, b] = [x0 + scale(bar.min), x0 + scale(bar.max)];
        out.push(
          `<path class="whisker" d="M${n(a)} ${n(middle)}H${n(b)}M${n(a)} ${n(middle - 5)}V${n(middle + 5)}M${n(b)} ${n(middle - 5)}V${n(middle + 5)}" stroke="${TEXT}" stroke-width="1.5" fill="none"/>`,
        );
        end = Math.max(end, scale(bar.max));
      }
      out.push(`<text x="${n(x0 + end + 6)}" y="${n(middle + 4)}" fill="${TEXT}">${escapeXml(label)}</text>`);
    });
    y += groupHeight + GROUP_GAP;
  }
  const plotBottom = y - GROUP_GAP + 8;

  const axis: string[] = [];
  for (let i = 0; i <= Math.round(axisMax / step); i++) {
    // Multiplying, not adding, keeps 0.1-steps from drifting to 0.30000000000000004.
    const tick = i * step;
    const x = x0 + scale(tick);
    axis.push(`<line x1="${n(x)}" y1="${n(plotTop - 6)}" x2="${n(x)}" y2="${n(plotBottom)}" stroke="${GRID}" stroke-width="1"/>`);
    axis.push(`<text x="${n(x)}" y="${n(plotBottom + 16)}" text-anchor="middle" fill="${MUTED}">${escapeXml(formatNumber(tick, stepDigits(step)))}</text>`);
  }
  axis.push(`<text x="${n(x0 + plotWidth / 2)}" y="${n(plotBottom + 34)}" text-anchor="middle" fill="${MUTED}">${escapeXml(spec.unit)}</text>`);

  const head: string[] = [`<text x="16" y="24" font-size="15" font-weight="600" fill="${TEXT}">${escapeXml(spec.title)}</text>`];
  if (legend) {
    let x = 16;
    spec.series.forEach((name, i) => {
      head.push(`<rect x="${n(x)}" y="36" width="12" height="12" fill="${color(i)}"/>`);
      head.push(`<text x="${n(x + 18)}" y="46" fill="${TEXT}">${escapeXml(name)}</text>`);
      x += 18 + name.length * CHAR_WIDTH + 24;
    });
  }

  const height = plotBottom + 48;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${n(height)}" viewBox="0 0 ${WIDTH} ${n(height)}" role="img" aria-label="${escapeXml(spec.title)}" ${FONT} font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...head,
    ...axis,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
