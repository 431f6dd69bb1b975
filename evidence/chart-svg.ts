/**
 * The ROC and gains curves of one backtest, or of two versions of a policy, as one standalone
 * SVG file: two square panels side by side, each with the diagonal of a score that ranks at
 * random, and a legend naming each line with its AUC. Every text is escaped for XML.
 */
import { controlCharacters } from '../runtime/support.js';
import { gainsCurve, rocCurve, type CurvePoint } from './curves.js';
import { aucOf } from './statistics.js';

export interface ChartSeries {
  /** The policy's file or revision. */
  name: string;
  auc: number;
  roc: CurvePoint[];
  gains: CurvePoint[];
}

const panel = 300;
const margin = { left: 48, top: 36, bottom: 44, gap: 64 };
const colours = ['#9aa5b1', '#1f6feb'];

function xml(text: string): string {
  // Control characters are not allowed in XML (and mean nothing in a label).
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(controlCharacters, '\ufffd');
}

function polyline(points: readonly CurvePoint[], left: number, colour: string): string {
  const coordinates = points.map((p) => `${(left + p.x * panel).toFixed(1)},${(margin.top + (1 - p.y) * panel).toFixed(1)}`).join(' ');
  return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${coordinates}"/>`;
}

function frame(left: number, title: string, xLabel: string, yLabel: string): string[] {
  const top = margin.top;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return [
    `<text x="${left + panel / 2}" y="${top - 14}" text-anchor="middle" font-weight="bold">${xml(title)}</text>`,
    `<rect x="${left}" y="${top}" width="${panel}" height="${panel}" fill="none" stroke="#d0d7de"/>`,
    `<line x1="${left}" y1="${top + panel}" x2="${left + panel}" y2="${top}" stroke="#d0d7de" stroke-dasharray="4 4"/>`,
    ...ticks.map((t) => `<text x="${left + t * panel}" y="${top + panel + 16}" text-anchor="middle" font-size="11">${t * 100}%</text>`),
    ...ticks.map((t) => `<text x="${left - 6}" y="${top + (1 - t) * panel + 4}" text-anchor="end" font-size="11">${t * 100}%</text>`),
    `<text x="${left + panel / 2}" y="${top + panel + 34}" text-anchor="middle" font-size="12">${xml(xLabel)}</text>`,
    `<text transform="translate(${left - 38} ${top + panel / 2}) rotate(-90)" text-anchor="middle" font-size="12">${xml(yLabel)}</text>`,
  ];
}

/** The curves of each series (the last drawn on top), as an SVG document. */
export function renderCurvesSvg(series: readonly ChartSeries[]): string {
  const rocLeft = margin.left;
  const gainsLeft = margin.left + panel + margin.gap;
  const width = gainsLeft + panel + 16;
  const legendTop = margin.top + panel + margin.bottom + 8;
  const height = legendTop + series.length * 18 + 8;
  const colourOf = (index: number) => colours[Math.max(0, colours.length - series.length + index)]!;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...frame(rocLeft, 'ROC curve', 'unconverted leads reached', 'converted leads reached'),
    ...frame(gainsLeft, 'Gains curve', 'leads, highest scores first', 'share of all conversions'),
    ...series.flatMap((s, index) => [polyline(s.roc, rocLeft, colourOf(index)), polyline(s.gains, gainsLeft, colourOf(index))]),
    ...series.map((s, index) => {
      const y = legendTop + index * 18;
      const auc = Number.isNaN(s.auc) ? '—' : s.auc.toFixed(3);
      return `<g><line x1="${margin.left}" y1="${y}" x2="${margin.left + 24}" y2="${y}" stroke="${colourOf(index)}" stroke-width="3"/><text x="${margin.left + 32}" y="${y + 4}">${xml(s.name)} — AUC ${auc}</text></g>`;
    }),
    '</svg>',
    '',
  ];
  return lines.join('\n');
}

/** A series for the chart from the scores of leads and whether each converted. */
export function chartSeries(name: string, scores: readonly number[], converted: readonly boolean[]): ChartSeries {
  return { name, auc: aucOf(scores, converted).auc, roc: rocCurve(scores, converted), gains: gainsCurve(scores, converted) };
}
