/**
 * The statistics of a backtest, each with its 95% interval: the area under the ROC curve (AUC)
 * with DeLong's variance (DeLong, DeLong & Clarke-Pearson 1988), the difference of two AUCs on
 * the same leads (DeLong's paired test), and Wilson's interval for a rate.
 */

/** z for a two-sided 95% interval. */
const z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export interface AucEstimate {
  /** The chance that a converted lead scores higher than one that did not convert; a tie counts half. */
  auc: number;
  /** 95% interval (DeLong); null when there are no converted or no unconverted leads. */
  interval: Interval | null;
}

/**
 * DeLong's structural components: for each converted lead, the share of unconverted leads it
 * outscores (ties half), and for each unconverted lead, the share of converted leads that
 * outscore it. Their means are the AUC; their variances give its variance.
 */
interface Components {
  positives: number[];
  negatives: number[];
  auc: number;
}

function components(scores: readonly number[], converted: readonly boolean[]): Components {
  const positive = scores.filter((_, index) => converted[index]);
  const negative = scores.filter((_, index) => !converted[index]);
  const sortedPositive = [...positive].sort((a, b) => a - b);
  const sortedNegative = [...negative].sort((a, b) => a - b);
  // Sorted once, each share is two binary searches: O(n log n) for any number of ties.
  const share = (sorted: number[], value: number) => (countBelow(sorted, value) + (countBelow(sorted, value, true) - countBelow(sorted, value)) / 2) / sorted.length;
  const positives = positive.map((value) => share(sortedNegative, value));
  const negatives = negative.map((value) => 1 - share(sortedPositive, value));
  return { positives, negatives, auc: mean(positives) };
}

/** How many values of `sorted` are below `value` (or at most `value`, with `orEqual`). */
function countBelow(sorted: readonly number[], value: number, orEqual = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value || (orEqual && sorted[middle] === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? NaN : sum / values.length;
}

/** The sample covariance of two equally long series (n − 1 in the denominator). */
function covariance(a: readonly number[], b: readonly number[]): number {
  if (a.length < 2) return 0;
  const meanA = mean(a);
  const meanB = mean(b);
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index]! - meanA) * (b[index]! - meanB);
  return sum / (a.length - 1);
}

function interval(estimate: number, variance: number, low: number, high: number): Interval {
  const half = z95 * Math.sqrt(Math.max(variance, 0));
  return { low: Math.max(low, estimate - half), high: Math.min(high, estimate + half) };
}

/** The AUC of `scores` for telling converted leads from the rest, with DeLong's 95% interval. */
export function aucOf(scores: readonly number[], converted: readonly boolean[]): AucEstimate {
  const { positives, negatives, auc } = components(scores, converted);
  if (positives.length === 0 || negatives.length === 0) return { auc: NaN, interval: null };
  const variance = covariance(positives, positives) / positives.length + covariance(negatives, negatives) / negatives.length;
  return { auc, interval: interval(auc, variance, 0, 1) };
}

export interface AucDifference {
  /** AUC of the new scores minus AUC of the old, on the same leads. */
  difference: number;
  /** 95% interval of the difference (DeLong, paired): it excludes 0 when the change is clear. */
  interval: Interval | null;
}

/** How much better `after` tells converted leads from the rest than `before` does, on the same leads. */
export function aucDifference(before: readonly number[], after: readonly number[], converted: readonly boolean[]): AucDifference {
  const a = components(before, converted);
  const b = components(after, converted);
  const difference = b.auc - a.auc;
  if (a.positives.length === 0 || a.negatives.length === 0) return { difference: NaN, interval: null };
  const part = (x: readonly number[], y: readonly number[]) => (covariance(x, x) + covariance(y, y) - 2 * covariance(x, y)) / x.length;
  const variance = part(a.positives, b.positives) + part(a.negatives, b.negatives);
  return { difference, interval: interval(difference, variance, -1, 1) };
}

/** Wilson's 95% interval for `successes` out of `trials`; null for no trials. */
export function wilsonInterval(successes: number, trials: number): Interval | null {
  if (trials === 0) return null;
  const rate = successes / trials;
  const z2 = z95 * z95;
  const denominator = 1 + z2 / trials;
  const centre = (rate + z2 / (2 * trials)) / denominator;
  const half = (z95 * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
