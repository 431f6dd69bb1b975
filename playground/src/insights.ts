/**
 * The score distribution by stage (an SVG histogram built with DOM methods, labels as text
 * nodes only) and what changed against the baseline, rendered from data.
 */
import { describeOthers, describeTransition, hasChanges, type ChangeSummary } from './changes.js';
import type { LeadRow } from './protocol.js';
import { badge, colourOf, element, formatScore, svg } from './view.js';

/** Fill colours of the badge colours, for the chart's bars. */
const fills: Record<string, string> = {
  green: '#4ac26b',
  blue: '#54aeff',
  grey: '#afb8c1',
  red: '#ff8182',
  amber: '#d4a72c',
  teal: '#3bb3a5',
  purple: '#c297ff',
  pink: '#ff80c8',
};

export interface Bin {
  from: number;
  to: number;
  /** Leads per stage in this bin. */
  counts: Map<string, number>;
}

/** Scores in `binCount` equal bins from the lowest to the highest, counted per stage (in ranking order). */
export function histogram(rows: readonly LeadRow[], binCount = 20): { stages: string[]; bins: Bin[] } {
  const scored = rows.filter((row) => row.result !== undefined);
  const stages = [...new Set(scored.map((row) => row.result!.stage ?? '—'))];
  if (scored.length === 0) return { stages, bins: [] };
  let low = Infinity;
  let high = -Infinity;
  for (const row of scored) {
    low = Math.min(low, row.result!.score);
    high = Math.max(high, row.result!.score);
  }
  const width = high > low ? (high - low) / binCount : 1;
  const count = high > low ? binCount : 1;
  const bins: Bin[] = Array.from({ length: count }, (_, index) => ({ from: low + index * width, to: low + (index + 1) * width, counts: new Map() }));
  for (const row of scored) {
    const index = Math.min(count - 1, Math.floor((row.result!.score - low) / width));
    const stage = row.result!.stage ?? '—';
    const bin = bins[index]!;
    bin.counts.set(stage, (bin.counts.get(stage) ?? 0) + 1);
  }
  return { stages, bins };
}

/** A stacked histogram of scores, one colour per stage, with a legend that gives each stage's count. */
export function stageChart(rows: readonly LeadRow[]): HTMLElement {
  const { stages, bins } = histogram(rows);
  const width = 360;
  const height = 90;
  const top = Math.max(1, ...bins.map((bin) => [...bin.counts.values()].reduce((sum, n) => sum + n, 0)));
  const barWidth = bins.length > 0 ? width / bins.length : width;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 14}`, role: 'img', 'aria-label': 'Score distribution by stage', class: 'chart' });
  bins.forEach((bin, index) => {
    let y = height;
    for (const stage of stages) {
      const count = bin.counts.get(stage) ?? 0;
      if (count === 0) continue;
      const barHeight = (count / top) * (height - 4);
      y -= barHeight;
      chart.append(
        svg(
          'rect',
          { x: index * barWidth + 1, y, width: Math.max(1, barWidth - 2), height: barHeight, fill: fills[colourOf(stage)] ?? '#afb8c1', 'data-stage': stage },
          svg('title', {}, `${stage}: ${count} lead${count === 1 ? '' : 's'} scoring ${formatScore(bin.from)} to ${formatScore(bin.to)}`),
        ),
      );
    }
  });
  chart.append(svg('line', { x1: 0, x2: width, y1: height, y2: height, stroke: '#d0d7de' }));
  if (bins.length > 0) {
    chart.append(svg('text', { x: 0, y: height + 12, class: 'axis' }, formatScore(bins[0]!.from)));
    chart.append(svg('text', { x: width, y: height + 12, 'text-anchor': 'end', class: 'axis' }, formatScore(bins.at(-1)!.to)));
    chart.append(svg('text', { x: width / 2, y: height + 12, 'text-anchor': 'middle', class: 'axis' }, 'score'));
  }
  const counts = new Map<string, number>();
  for (const row of rows) if (row.result) counts.set(row.result.stage ?? '—', (counts.get(row.result.stage ?? '—') ?? 0) + 1);
  const legend = element(
    'ul',
    { class: 'stage-counts' },
    ...stages.map((stage) => element('li', { 'data-stage': stage }, badge('stage', stage), ' ', element('span', { class: 'count' }, String(counts.get(stage) ?? 0)))),
  );
  return element('figure', { class: 'distribution' }, chart, legend);
}

/** The changes against the baseline (with the change in AUC, when outcomes are loaded), or how to set one. */
export function changesView(summary: ChangeSummary | undefined, savedAt: string, aucChange?: string): HTMLElement {
  if (!summary) return element('p', { class: 'muted' }, 'No baseline: set one to see what an edit changes.');
  const heading = element('p', { class: 'changes-head' }, `Against the baseline of ${savedAt}: `);
  const auc = aucChange === undefined ? [] : [element('p', { id: 'auc-change', class: 'auc-change' }, aucChange)];
  if (!hasChanges(summary)) {
    heading.append(element('span', { class: 'muted' }, 'no change.'));
    return element('div', {}, heading, ...auc);
  }
  const transitions = summary.stages.map((transition) => element('li', { class: 'transition' }, describeTransition(transition)));
  if (transitions.length === 0) heading.append(element('span', { class: 'muted' }, 'no lead changes stage.'));
  const others = describeOthers(summary);
  return element(
    'div',
    {},
    heading,
    ...auc,
    ...(transitions.length > 0 ? [element('ul', { class: 'transitions' }, ...transitions)] : []),
    ...(others.length > 0 ? [element('p', { class: 'muted others' }, others.join(' · '))] : []),
  );
}
