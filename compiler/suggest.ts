/** "Did you mean …": the closest known names to a misspelt one. */

import { oneOf } from '../language/index.js';

/** Optimal string alignment distance: edits, counting a swap of neighbours as one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Up to `limit` candidates close enough to `name` to be what was meant, closest first. */
export function suggest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = name.toLowerCase();
  if (wanted.length > 64) return [];
  const maxDistance = Math.max(1, Math.floor(wanted.length / 3));
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of new Set(candidates)) {
    const lower = candidate.toLowerCase();
    const distance = lower === wanted ? 0 : editDistance(wanted, lower);
    const prefix = lower.startsWith(wanted) || wanted.startsWith(lower);
    if (distance <= maxDistance || (prefix && Math.min(lower.length, wanted.length) >= 3)) {
      scored.push({ candidate, distance });
    }
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** `did you mean `a` or `b`?`, or undefined when there is nothing to suggest. */
export function didYouMean(suggestions: readonly string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  return `did you mean ${oneOf(suggestions.map((s) => `\`${s}\``))}?`;
}
