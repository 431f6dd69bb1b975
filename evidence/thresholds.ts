/**
 * Score thresholds from a stated capacity or target: "MQL for the top 20% of leads" is the
 * score at which 20% of leads are at or above it; "SQL when at least 30% of them convert" is the
 * lowest score at which the leads at or above it convert at that rate.
 */

export interface Threshold {
  /** The score a lead needs: `score >= threshold`. */
  score: number;
  /** Leads at or above it, and how many of them converted. */
  leads: number;
  conversions: number;
  /** The share of all leads at or above it. */
  share: number;
}

function at(scores: readonly number[], converted: readonly boolean[], threshold: number): Threshold {
  let leads = 0;
  let conversions = 0;
  scores.forEach((score, index) => {
    if (score < threshold) return;
    leads++;
    if (converted[index]) conversions++;
  });
  return { score: threshold, leads, conversions, share: scores.length === 0 ? 0 : leads / scores.length };
}

/** The highest score at which at least `share` (0–1) of the leads are at or above it; none for no leads. */
export function thresholdForShare(scores: readonly number[], converted: readonly boolean[], share: number): Threshold | undefined {
  if (scores.length === 0) return undefined;
  const sorted = [...scores].sort((a, b) => b - a);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return at(scores, converted, sorted[index]!);
}

/** The lowest score at which the leads at or above it convert at `rate` (0–1) or more; none when no score does. */
export function thresholdForConversion(scores: readonly number[], converted: readonly boolean[], rate: number): Threshold | undefined {
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  for (const score of distinct) {
    const threshold = at(scores, converted, score);
    if (threshold.leads > 0 && threshold.conversions / threshold.leads >= rate) return threshold;
  }
  return undefined;
}
