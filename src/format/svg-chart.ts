import { html, join, type SafeHtml } from './html-escape.js';

export interface Bar {
  label: string;
  value: number;
  /** A CSS class for the bar's colour (the stylesheet has one per severity, and `bar`). */
  tone: string;
}

const ROW = 22;
/** Room per character of a label at the chart's 12px font, and the most a label column takes. */
const CHAR_WIDTH = 7;
const MAX_LABEL_WIDTH = 240;
const BAR_WIDTH = 220;
const VALUE_WIDTH = 40;

/**
 * A small horizontal bar chart as inline SVG: one row per bar, its label, the bar scaled to the largest value,
 * and the number. It is an image with a text alternative naming every value (role="img", <title>), and the
 * same numbers are in a table beside it, so the chart adds a glance and hides nothing.
 */
export function barChart(id: string, title: string, bars: readonly Bar[]): SafeHtml {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const LABEL_WIDTH = Math.min(MAX_LABEL_WIDTH, 16 + CHAR_WIDTH * Math.max(4, ...bars.map((b) => b.label.length)));
  const height = bars.length * ROW + 4;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const alt = `${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`;
  const rows = bars.map((b, i) => {
    const y = i * ROW + 2;
    const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * BAR_WIDTH));
    return html`<g><text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${b.label}</text><rect class="${b.tone}" x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW - 6}" rx="2"></rect><text x="${LABEL_WIDTH + w + 6}" y="${y + 15}">${b.value}</text></g>`;
  });
  return html`<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${alt}</title>${join(rows)}</svg>`;
}
