import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { generateHistory, historyModel, historyNow } from '../scripts/generate-history.js';
import { readRepoFile } from '../test-support/harness.js';
import { candidateCriteria, gridOf, rewritePoints, ruleFeatures, suggestPoints, thresholdForConversion, thresholdForShare } from './index.js';

const source = readRepoFile('examples/b2b-saas.score');
const policy = loadPolicy(compile(source).ir!);
const now = new Date(historyNow);

/** A larger history than the bundled one, from the same known model. */
const history = generateHistory(4000, 99);
const leads = history.leads.map((text, index) => ({ lead: JSON.parse(text) as unknown, converted: history.outcomes[index + 1]!.split(',')[1] === 'true' }));
const features = ruleFeatures(policy, leads, now);
const suggestion = suggestPoints(features);

/** The rules of the reference policy that stand for a criterion of the known model. */
const criteria: Record<string, keyof typeof historyModel> = {
  'when request demo add 40': 'requestedDemo',
  'when download whitepaper add 20': 'downloadedWhitepaper',
  'when industry in ["software", "it services", "fintech"] add 10': 'targetIndustry',
  'when employees between 50 and 1000 add 10': 'midSize',
  'when domain in freemail subtract 10': 'freemail',
  'when unsubscribe subtract 30': 'unsubscribed',
};

function ranks(values: number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const rank = new Array<number>(values.length);
  order.forEach(({ index }, position) => (rank[index] = position));
  return rank;
}

describe('suggest on a history drawn from a known model', () => {
  it("ranks the criteria as the model does (Spearman's rho at least 0.8)", () => {
    const fitted = Object.keys(criteria).map((text) => suggestion.rules.find((rule) => rule.rule.text === text)!.points);
    const truth = Object.values(criteria).map((name) => historyModel[name]);
    const [a, b] = [ranks(fitted), ranks(truth)];
    const n = a.length;
    const rho = 1 - (6 * a.reduce((sum, rank, index) => sum + (rank - b[index]!) ** 2, 0)) / (n * (n * n - 1));
    expect(rho).toBeGreaterThanOrEqual(0.8);
  });

  it('ranks held-out leads within 0.02 of a plain logistic regression on the same rules, and no worse than the policy', () => {
    const { heldOut } = suggestion;
    expect(heldOut.logistic - heldOut.suggestion).toBeLessThan(0.02);
    expect(heldOut.suggestion).toBeGreaterThan(heldOut.policy - 0.005);
  });

  it("puts points on the policy's grid, keeps a never-firing rule as it is, and scales caps with points", () => {
    expect(suggestion.grid).toBe(5);
    for (const rule of suggestion.rules) expect(Math.abs(rule.points % 5)).toBe(0);
    expect(suggestion.rules.find((rule) => rule.rule.text === 'when revenue >= 10M add 10')).toMatchObject({ points: 10, note: expect.stringContaining('never fired') });
    const clicks = suggestion.rules.find((rule) => rule.rule.text.startsWith('when click email'))!;
    expect(clicks.cap! / clicks.points).toBeCloseTo(3, 0);
  });

  it('finds the criterion the policy lacks (webinars) among the candidates', () => {
    const candidates = candidateCriteria(leads, now, { pointsPerLogOdds: suggestion.pointsPerLogOdds, grid: 5, covered: { fields: new Set(), events: new Set(['request demo']) } });
    expect(candidates.find((candidate) => candidate.rule.startsWith('when attend webinar add '))).toMatchObject({ covered: false });
    expect(candidates.find((candidate) => candidate.rule.startsWith('when request demo'))).toMatchObject({ covered: true });
  });

  it('warns under 100 conversions', () => {
    const few = suggestPoints({ ...features, rows: features.rows.slice(0, 300), converted: features.converted.slice(0, 300), scores: features.scores.slice(0, 300) });
    expect(few.fewConversions).toBe(true);
    expect(suggestion.fewConversions).toBe(false);
  });
});

describe('signs', () => {
  it('flips a malus only when the data clearly contradicts it, and says so', () => {
    // A rule that subtracts points from leads that in fact convert far more often.
    const rows = Array.from({ length: 2000 }, (_, i) => [i % 2]);
    const converted = rows.map((row, i) => (row[0] === 1 ? i % 3 !== 0 : i % 7 === 0));
    const base = { rules: [{ id: 'r', text: 'when x subtract 10', line: 1, offset: 0, points: -10 }], rows, converted, scores: rows.map((row) => -10 * row[0]!) };
    const clear = suggestPoints(base).rules[0]!;
    expect(clear.points).toBeGreaterThan(0);
    expect(clear.note).toMatch(/^the data clearly contradicts its sign/);
    const faint = suggestPoints({ ...base, converted: rows.map((row, i) => (row[0] === 1 ? i % 10 === 1 : i % 10 === 2 || i % 20 === 4)) }).rules[0]!;
    expect(Math.sign(faint.points)).toBe(-1);
  });
});

describe('gridOf, thresholds, rewritePoints', () => {
  it('finds the grid of the amounts', () => {
    expect(gridOf([15, 10, -5, 40])).toBe(5);
    expect(gridOf([20, 30])).toBe(10);
    expect(gridOf([7, 10])).toBe(1);
    expect(gridOf([2.5, 5])).toBe(2.5);
  });

  it('finds thresholds for a share of leads and for a conversion rate', () => {
    const scores = [90, 80, 70, 60, 50, 40, 30, 20, 10, 0];
    const converted = [true, true, false, true, false, false, false, false, false, false];
    expect(thresholdForShare(scores, converted, 0.2)).toEqual({ score: 80, leads: 2, conversions: 2, share: 0.2 });
    expect(thresholdForConversion(scores, converted, 0.75)).toEqual({ score: 60, leads: 4, conversions: 3, share: 0.4 });
    expect(thresholdForConversion(scores, converted, 1.1)).toBeUndefined();
  });

  it('rewrites only the points and caps, keeping comments and the rest, formatted', () => {
    const text = 'engagement:\n  # why\n  when open email add 5 each, at most 15   # capped\n  when request demo add 40\n';
    const offsets = [...text.matchAll(/when /g)].map((match) => match.index);
    expect(
      rewritePoints(text, [
        { offset: offsets[0]!, points: 10, cap: 30 },
        { offset: offsets[1]!, points: -5 },
      ]),
    ).toBe('engagement:\n  # why\n  when open email add 10 each, at most 30  # capped\n  when request demo subtract 5\n');
  });
});
