/**
 * The evidence panel: the AUC with its interval, what could and could not be paired, and the
 * ROC and gains curves (SVG built with DOM methods, every label a text node), the baseline's
 * curves in grey under the current ones.
 */
import type { CurvePoint, Outcomes } from '../../evidence/index.js';
import { describeAuc, describeCounts, type Evidence } from './evidence-view.js';
import { element, svg } from './view.js';

const side = 120;
const margin = { left: 30, top: 16, right: 6, bottom: 28 };
const current = '#1f6feb';
const baselineColour = '#9aa5b1';

/** The points of a curve in the panel's coordinates: x to the right, y up. */
function coordinates(points: readonly CurvePoint[]): string {
  return points.map((point) => `${(margin.left + point.x * side).toFixed(1)},${(margin.top + (1 - point.y) * side).toFixed(1)}`).join(' ');
}

/** One square panel: frame, diagonal (a score that ranks at random), axes labelled, then the curves. */
function curvePanel(
  name: 'roc' | 'gains',
  title: string,
  xLabel: string,
  yLabel: string,
  curves: Array<{ points: readonly CurvePoint[]; colour: string; which: string }>,
): SVGSVGElement {
  const width = margin.left + side + margin.right;
  const height = margin.top + side + margin.bottom;
  const bottom = margin.top + side;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'curve', 'data-curve': name });
  chart.append(
    svg('text', { x: margin.left + side / 2, y: 11, 'text-anchor': 'middle', class: 'curve-title' }, title),
    svg('rect', { x: margin.left, y: margin.top, width: side, height: side, fill: 'none', stroke: '#d0d7de' }),
    svg('line', { x1: margin.left, y1: bottom, x2: margin.left + side, y2: margin.top, stroke: '#d0d7de', 'stroke-dasharray': '3 3', class: 'diagonal' }),
    svg('text', { x: margin.left, y: bottom + 10, 'text-anchor': 'middle', class: 'axis' }, '0'),
    svg('text', { x: margin.left + side, y: bottom + 10, 'text-anchor': 'middle', class: 'axis' }, '100%'),
    svg('text', { x: margin.left - 3, y: margin.top + 4, 'text-anchor': 'end', class: 'axis' }, '100%'),
    svg('text', { x: margin.left + side / 2, y: bottom + 22, 'text-anchor': 'middle', class: 'axis' }, xLabel),
    svg('text', { transform: `translate(${margin.left - 8} ${margin.top + side / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis' }, yLabel),
  );
  for (const curve of curves)
    if (curve.points.length > 0)
      chart.append(svg('polyline', { fill: 'none', stroke: curve.colour, 'stroke-width': 1.5, points: coordinates(curve.points), 'data-which': curve.which }));
  return chart;
}

/** The panel for the current results, with the baseline's curves when a baseline is set. */
export function evidencePanel(evidence: Evidence, outcomes: Outcomes, baseline?: Evidence): HTMLElement {
  const curves = (pick: (e: Evidence) => CurvePoint[]) => [
    ...(baseline ? [{ points: pick(baseline), colour: baselineColour, which: 'baseline' }] : []),
    { points: pick(evidence), colour: current, which: 'current' },
  ];
  const counts = describeCounts(evidence.counts, outcomes.unit);
  const problems = outcomes.problems.slice(0, 5).map((problem) => element('li', {}, `${outcomes.unit} ${problem.row}: ${problem.error}`));
  if (outcomes.problems.length > problems.length) problems.push(element('li', {}, `and ${outcomes.problems.length - problems.length} more`));
  return element(
    'section',
    { class: 'evidence', 'aria-label': 'Evidence: the scores against the outcomes' },
    element('p', { class: 'evidence-auc' }, element('span', { class: 'evidence-title' }, 'Evidence: '), element('span', { id: 'evidence-auc' }, describeAuc(evidence.auc))),
    element('p', { id: 'evidence-counts', class: 'muted' }, counts.join(' · ')),
    ...(problems.length > 0 ? [element('ul', { id: 'evidence-problems', class: 'lead-problems' }, ...problems)] : []),
    element(
      'div',
      { class: 'curves' },
      curvePanel(
        'roc',
        'ROC',
        'unconverted reached',
        'converted reached',
        curves((e) => e.roc),
      ),
      curvePanel(
        'gains',
        'Gains',
        'leads, best first',
        'conversions',
        curves((e) => e.gains),
      ),
    ),
    ...(baseline
      ? [
          element(
            'p',
            { class: 'muted curves-legend' },
            element('span', { class: 'swatch-current' }, '—'),
            ' now ',
            element('span', { class: 'swatch-baseline' }, '—'),
            ' baseline',
          ),
        ]
      : []),
  );
}
