/**
 * The curves of a backtest, as points from (0, 0) to (1, 1): the ROC curve (how many converted
 * leads a score threshold catches against how many unconverted ones it lets through; its area is
 * the AUC) and the gains curve (the share of all conversions in the top share of leads by score).
 * One point per distinct score, so leads with equal scores move the curve together, as ties in
 * the AUC count half.
 */

export interface CurvePoint {
  x: number;
  y: number;
}

/** Distinct scores from the highest down, each with how many converted and unconverted leads have it. */
function thresholds(scores: readonly number[], converted: readonly boolean[]): Array<{ positives: number; negatives: number }> {
  const order = scores.map((_, index) => index).sort((a, b) => scores[b]! - scores[a]!);
  const steps: Array<{ positives: number; negatives: number }> = [];
  let previous: number | undefined;
  for (const index of order) {
    if (previous !== scores[index]) steps.push({ positives: 0, negatives: 0 });
    previous = scores[index];
    const step = steps.at(-1)!;
    if (converted[index]) step.positives++;
    else step.negatives++;
  }
  return steps;
}

/** The ROC curve: x the share of unconverted leads at or above a threshold, y the share of converted ones. */
export function rocCurve(scores: readonly number[], converted: readonly boolean[]): CurvePoint[] {
  const positives = converted.filter(Boolean).length;
  const negatives = converted.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const points: CurvePoint[] = [{ x: 0, y: 0 }];
  let truePositives = 0;
  let falsePositives = 0;
  for (const step of thresholds(scores, converted)) {
    truePositives += step.positives;
    falsePositives += step.negatives;
    points.push({ x: falsePositives / negatives, y: truePositives / positives });
  }
  return points;
}

/** The gains curve: x the share of leads at or above a threshold, y the share of all conversions among them. */
export function gainsCurve(scores: readonly number[], converted: readonly boolean[]): CurvePoint[] {
  const positives = converted.filter(Boolean).length;
  if (positives === 0) return [];
  const points: CurvePoint[] = [{ x: 0, y: 0 }];
  let leads = 0;
  let caught = 0;
  for (const step of thresholds(scores, converted)) {
    leads += step.positives + step.negatives;
    caught += step.positives;
    points.push({ x: leads / scores.length, y: caught / positives });
  }
  return points;
}

/** The area under a curve by the trapezoid rule: for the ROC curve, the AUC (ties counting half). */
export function areaUnder(points: readonly CurvePoint[]): number {
  let area = 0;
  for (let index = 1; index < points.length; index++) {
    const [a, b] = [points[index - 1]!, points[index]!];
    area += ((b.x - a.x) * (a.y + b.y)) / 2;
  }
  return area;
}
