import { describe, expect, it } from 'vitest';
import { aucDifference, aucOf, wilsonInterval } from './statistics.js';

/** A seeded generator, so any failure can be repeated. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The AUC by its definition: every converted/unconverted pair, a tie counting half. */
function bruteForceAuc(scores: number[], converted: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((positive, i) => {
    if (!converted[i]) return;
    scores.forEach((negative, j) => {
      if (converted[j]) return;
      pairs++;
      wins += positive > negative ? 1 : positive === negative ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

function sample(seed: number, size: number, levels: number) {
  const next = random(seed);
  const scores = Array.from({ length: size }, () => Math.floor(next() * levels) * 5);
  // Higher scores convert more often, so the AUC is above one half but not one.
  const converted = scores.map((score) => next() < 0.1 + (score / (levels * 5)) * 0.5);
  return { scores, converted };
}

describe('aucOf', () => {
  it('equals the brute-force pair count on random scores with many ties', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { scores, converted } = sample(seed, 50 + seed * 7, 2 + (seed % 12));
      expect(aucOf(scores, converted).auc).toBeCloseTo(bruteForceAuc(scores, converted), 12);
    }
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, one half for one constant score', () => {
    expect(aucOf([1, 2, 3, 4], [false, false, true, true]).auc).toBe(1);
    expect(aucOf([1, 2, 3, 4], [true, true, false, false]).auc).toBe(0);
    expect(aucOf([7, 7, 7, 7], [true, false, true, false]).auc).toBe(0.5);
  });

  it("gives DeLong's interval: the variance by hand for a small case", () => {
    // Converted 3, 2; unconverted 1, 2. Components: positives [1, 0.75], negatives [1, 0.75].
    const { auc, interval } = aucOf([3, 2, 1, 2], [true, true, false, false]);
    expect(auc).toBe(0.875);
    const variance = 0.03125 / 2 + 0.03125 / 2;
    expect(interval!.low).toBeCloseTo(0.875 - 1.959963984540054 * Math.sqrt(variance), 12);
    expect(interval!.high).toBe(1);
  });

  it('narrows as the leads grow, and holds the true AUC about 95% of the time', () => {
    const widths = [200, 2000].map((size) => {
      const { scores, converted } = sample(5, size, 10);
      const { interval } = aucOf(scores, converted);
      return interval!.high - interval!.low;
    });
    expect(widths[1]!).toBeLessThan(widths[0]! / 2.5);
    // The true AUC of the model that draws the samples, from one very large sample.
    const large = sample(999, 40_000, 10);
    const truth = aucOf(large.scores, large.converted).auc;
    let held = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { scores, converted } = sample(seed * 31, 300, 10);
      const { interval } = aucOf(scores, converted);
      if (interval!.low <= truth && truth <= interval!.high) held++;
    }
    expect(held).toBeGreaterThan(180);
    expect(held).toBeLessThan(200);
  });

  it('has no interval without converted or without unconverted leads', () => {
    expect(aucOf([1, 2], [false, false])).toEqual({ auc: NaN, interval: null });
    expect(aucOf([], [])).toEqual({ auc: NaN, interval: null });
  });
});

describe('aucDifference', () => {
  it('is the difference of the two AUCs, with an interval around it', () => {
    const { scores, converted } = sample(3, 500, 10);
    const noisy = scores.map((score, index) => (index % 3 === 0 ? 25 : score));
    const { difference, interval } = aucDifference(noisy, scores, converted);
    expect(difference).toBeCloseTo(aucOf(scores, converted).auc - aucOf(noisy, converted).auc, 12);
    expect(interval!.low).toBeLessThan(difference);
    expect(interval!.high).toBeGreaterThan(difference);
  });

  it('is exactly 0, with an interval of width 0, for the same scores', () => {
    const { scores, converted } = sample(4, 300, 8);
    const { difference, interval } = aucDifference(scores, scores, converted);
    expect(difference).toBe(0);
    expect(interval!.high - interval!.low).toBeCloseTo(0, 12);
  });

  it('is narrower for two highly correlated scores than the two separate intervals suggest', () => {
    const { scores, converted } = sample(8, 1000, 10);
    const shifted = scores.map((score, index) => score + (index % 7 === 0 ? 3 : 0));
    const paired = aucDifference(scores, shifted, converted).interval!;
    const separate = aucOf(scores, converted).interval!;
    expect(paired.high - paired.low).toBeLessThan((separate.high - separate.low) / 3);
  });
});

describe('wilsonInterval', () => {
  it('matches published values', () => {
    // 10 of 100 and 0 of 20, from standard tables (z = 1.96).
    const ten = wilsonInterval(10, 100)!;
    expect(ten.low).toBeCloseTo(0.0552, 4);
    expect(ten.high).toBeCloseTo(0.1744, 4);
    const none = wilsonInterval(0, 20)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.1611, 4);
    const all = wilsonInterval(5, 5)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.5655, 4);
  });

  it('has none for no trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
