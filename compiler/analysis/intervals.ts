import type { Bound } from '../checker.js';

/** The numbers a comparison lets through: `>= 25` → [25, ∞), `< 50` → (-∞, 50). */
export interface Interval {
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
}

export const everything: Interval = { low: -Infinity, lowOpen: true, high: Infinity, highOpen: true };

/** The interval of a numeric comparison or `between`; undefined for anything else (`!=`, text, events…). */
export function intervalOf(bound: Bound): Interval | undefined {
  if (bound.kind === 'between') return { low: bound.low, lowOpen: false, high: bound.high, highOpen: false };
  if (bound.kind !== 'compare' || typeof bound.operand !== 'number') return undefined;
  const t = bound.operand;
  switch (bound.operator) {
    case '>':
      return { ...everything, low: t, lowOpen: true };
    case '>=':
      return { ...everything, low: t, lowOpen: false };
    case '<':
      return { ...everything, high: t, highOpen: true };
    case '<=':
      return { ...everything, high: t, highOpen: false };
    case '=':
      return { low: t, lowOpen: false, high: t, highOpen: false };
    case '!=':
      return undefined;
  }
}

export function intersect(a: Interval, b: Interval): Interval {
  const low = a.low > b.low ? a : b.low > a.low ? b : { low: a.low, lowOpen: a.lowOpen || b.lowOpen };
  const high = a.high < b.high ? a : b.high < a.high ? b : { high: a.high, highOpen: a.highOpen || b.highOpen };
  return { low: low.low, lowOpen: low.lowOpen, high: high.high, highOpen: high.highOpen };
}

export function isEmpty(interval: Interval): boolean {
  return interval.low > interval.high || (interval.low === interval.high && (interval.lowOpen || interval.highOpen));
}

export function contains(interval: Interval, value: number): boolean {
  const aboveLow = value > interval.low || (value === interval.low && !interval.lowOpen);
  const belowHigh = value < interval.high || (value === interval.high && !interval.highOpen);
  return aboveLow && belowHigh;
}

/** Every number of `inner` is in `outer`. */
export function within(inner: Interval, outer: Interval): boolean {
  if (isEmpty(inner)) return true;
  const lowOk = inner.low > outer.low || (inner.low === outer.low && (inner.lowOpen || !outer.lowOpen));
  const highOk = inner.high < outer.high || (inner.high === outer.high && (inner.highOpen || !outer.highOpen));
  return lowOk && highOk;
}
