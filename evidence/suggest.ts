/**
 * `suggest`: points for a policy's own rules, fitted to what became of past leads. Each rule is
 * one feature — how much of its points it gave the lead, after decay and caps, as the policy
 * defines them — in a logistic model with an L2 penalty. The fitted weights are scaled so that
 * scores spread as much as the policy's do now, rounded to the policy's own grid (multiples of
 * 5 when every amount is), and a malus stays a malus unless the data clearly says otherwise.
 * Figures are measured on held-out leads (seeded k-fold cross-validation), the policy's beside
 * the suggestion's, so an overfitted suggestion shows.
 */
import type { Policy } from '../runtime/index.js';
import type { ContributionNode } from '../runtime/rule-graph.js';
import { fitLogistic, logOddsOf, type LogisticFit } from './logistic.js';
import { aucOf } from './statistics.js';

/** A rule that adds or subtracts points, as `suggest` sees it. */
export interface FittedRule {
  id: string;
  text: string;
  name?: string;
  line: number;
  /** Where it starts in its file's text. */
  offset: number;
  /** The imported file it is written in; absent for the policy's own. */
  file?: string;
  /** Signed points per firing now. */
  points: number;
  cap?: number;
}

/** The leads as the model sees them: per lead, each rule's share of its points; and whether it converted. */
export interface RuleFeatures {
  rules: FittedRule[];
  rows: number[][];
  converted: boolean[];
  /** The policy's own score of each lead. */
  scores: number[];
}

/** Each rule's share of its points for one explained lead (`each` rules and decay make it any non-negative number). */
export function ruleFeatures(policy: Policy, leads: ReadonlyArray<{ lead: unknown; converted: boolean }>, now: Date): RuleFeatures {
  const contributions = policy.ir.contributions.filter((rule): rule is ContributionNode & { effect: 'add' | 'subtract' } => rule.effect !== 'blacklist' && rule.points > 0);
  const rules = contributions.map((rule) => ({
    id: rule.id,
    text: rule.text,
    ...(rule.name !== undefined && { name: rule.name }),
    line: rule.range.start.line,
    offset: rule.range.start.offset,
    ...(rule.range.file !== undefined && { file: rule.range.file }),
    points: rule.effect === 'subtract' ? -rule.points : rule.points,
    ...(rule.cap !== undefined && { cap: rule.cap }),
  }));
  const position = new Map(contributions.map((rule, index) => [rule.id, index]));
  const features: RuleFeatures = { rules, rows: [], converted: [], scores: [] };
  for (const { lead, converted } of leads) {
    const explanation = policy.explain(lead, { now });
    const row = new Array<number>(rules.length).fill(0);
    for (const trace of explanation.rules) {
      const index = position.get(trace.id);
      if (index !== undefined && trace.fired) row[index] = Math.abs(trace.points) / Math.abs(rules[index]!.points);
    }
    features.rows.push(row);
    features.converted.push(converted);
    features.scores.push(explanation.score);
  }
  return features;
}

export interface RuleSuggestion {
  rule: FittedRule;
  /** The suggested signed points per firing; the cap scales with them. */
  points: number;
  cap?: number;
  /** The fitted weight over its standard error: how clearly the data supports it (|z| > 1.96 is clear). */
  z: number;
  /** Why the suggestion is not simply the fitted value, when it is not. */
  note?: string;
}

export interface Suggestion {
  rules: RuleSuggestion[];
  /** The step amounts are rounded to. */
  grid: number;
  /** How many points one unit of log-odds is worth in the suggestion. */
  pointsPerLogOdds: number;
  /** Each lead's score under the suggested points, in the order given. */
  scores: number[];
  leads: number;
  conversions: number;
  /** Under 100 conversions the fit is unreliable; the report says so. */
  fewConversions: boolean;
  /** Held-out AUC (cross-validated): the policy as it is, the suggestion, and an unrounded, unconstrained logistic fit of the same rules. */
  heldOut: { folds: number; policy: number; suggestion: number; logistic: number };
}

export interface SuggestOptions {
  folds?: number;
  seed?: number;
  l2?: number;
}

/** The largest step that every amount is a multiple of (to the cent), at least 1. */
export function gridOf(amounts: readonly number[]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const cents = amounts.map((amount) => Math.round(Math.abs(amount) * 100)).filter((amount) => amount > 0);
  const step = cents.reduce(gcd, 0) / 100;
  return Math.max(1, step);
}

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1));
}

/** Points per unit of log-odds: so that the suggested scores spread as much as the policy's do. */
function pointsPerLogOdds(fit: LogisticFit, features: Pick<RuleFeatures, 'rows' | 'scores'>): number {
  const spread = standardDeviation(features.rows.map((row) => logOddsOf({ intercept: 0, weights: fit.weights }, row)));
  return spread > 0 ? standardDeviation(features.scores) / spread : 0;
}

/** Rounds a fitted model to points on the grid, keeping each rule's sign unless the data clearly contradicts it. */
function toPoints(fit: LogisticFit, features: Pick<RuleFeatures, 'rules' | 'rows' | 'scores'>, grid: number, scale = pointsPerLogOdds(fit, features)): RuleSuggestion[] {
  const onGrid = (value: number) => Math.max(grid, Math.round(Math.abs(value) / grid) * grid);
  return features.rules.map((rule, index) => {
    const weight = fit.weights[index]!;
    const z = fit.standardErrors[index]! > 0 ? weight / fit.standardErrors[index]! : 0;
    const sign = Math.sign(rule.points);
    let points: number;
    let note: string | undefined;
    if (features.rows.every((row) => row[index] === 0)) {
      const suggestion: RuleSuggestion = { rule, points: rule.points, z: 0, note: 'it never fired on these leads, so they say nothing about it; left as it is' };
      return rule.cap === undefined ? suggestion : { ...suggestion, cap: rule.cap };
    }
    if (Math.sign(weight) === -sign && Math.abs(z) > 1.96) {
      points = -sign * onGrid(weight * scale);
      note = `the data clearly contradicts its sign (z = ${z.toFixed(1)}): leads it ${sign > 0 ? 'rewards' : 'penalises'} convert ${sign > 0 ? 'less' : 'more'} often`;
    } else if (Math.sign(weight) === -sign) {
      points = sign * grid;
      note = `the data leans the other way, but not clearly (z = ${z.toFixed(1)}); kept as ${sign > 0 ? 'a bonus' : 'a malus'}, at the smallest step`;
    } else {
      points = sign * onGrid(weight * scale);
      if (Math.abs(z) < 1.96) note = `weakly supported (z = ${z.toFixed(1)}): the data cannot tell it from no effect`;
    }
    const suggestion: RuleSuggestion = { rule, points, z, ...(note !== undefined && { note }) };
    if (rule.cap !== undefined) suggestion.cap = onGrid((rule.cap * Math.abs(points)) / Math.abs(rule.points));
    return suggestion;
  });
}

/** A seeded order of `count` indices, for splitting leads into folds the same way every run. */
function shuffled(count: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

function subset(features: RuleFeatures, indices: readonly number[]): RuleFeatures {
  return {
    rules: features.rules,
    rows: indices.map((index) => features.rows[index]!),
    converted: indices.map((index) => features.converted[index]!),
    scores: indices.map((index) => features.scores[index]!),
  };
}

/** Points fitted to the outcomes, and how they and the policy rank leads they were not fitted on. */
export function suggestPoints(features: RuleFeatures, options: SuggestOptions = {}): Suggestion {
  const { folds = 5, seed = 1, l2 = 1 } = options;
  const grid = gridOf(features.rules.flatMap((rule) => [rule.points, ...(rule.cap === undefined ? [] : [rule.cap])]));
  const fit = fitLogistic(features.rows, features.converted, { l2 });
  const scale = pointsPerLogOdds(fit, features);
  const rules = toPoints(fit, features, grid, scale);

  // Each lead is scored by models fitted without it; the pooled scores give the held-out AUCs.
  const order = shuffled(features.rows.length, seed);
  const heldSuggestion = new Array<number>(features.rows.length).fill(0);
  const heldLogistic = new Array<number>(features.rows.length).fill(0);
  for (let fold = 0; fold < folds; fold++) {
    const test = order.filter((_, position) => position % folds === fold);
    const testSet = new Set(test);
    const training = subset(
      features,
      order.filter((index) => !testSet.has(index)),
    );
    const trained = fitLogistic(training.rows, training.converted, { l2 });
    const plain = fitLogistic(training.rows, training.converted, { l2: 1e-6 });
    const points = toPoints(trained, training, grid).map((rule) => rule.points);
    for (const index of test) {
      const row = features.rows[index]!;
      heldSuggestion[index] = row.reduce((sum, value, j) => sum + value * points[j]!, 0);
      heldLogistic[index] = logOddsOf(plain, row);
    }
  }
  const conversions = features.converted.filter(Boolean).length;
  return {
    rules,
    grid,
    pointsPerLogOdds: scale,
    // Rounded to the cent, as the runtime rounds scores.
    scores: features.rows.map((row) => Math.round(row.reduce((sum, value, j) => sum + value * rules[j]!.points, 0) * 100) / 100),
    leads: features.rows.length,
    conversions,
    fewConversions: conversions < 100,
    heldOut: {
      folds,
      policy: aucOf(features.scores, features.converted).auc,
      suggestion: aucOf(heldSuggestion, features.converted).auc,
      logistic: aucOf(heldLogistic, features.converted).auc,
    },
  };
}
