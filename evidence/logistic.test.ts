import { describe, expect, it } from 'vitest';
import { seededRandom } from '../spec/random-policy.js';
import { fitLogistic, logOddsOf } from './logistic.js';

describe('fitLogistic', () => {
  const truth = { intercept: -1.5, weights: [1.2, -0.8, 0.3, 0] };
  const next = seededRandom(7);
  const rows = Array.from({ length: 20_000 }, () => [next() < 0.3 ? 1 : 0, next() < 0.5 ? 1 : 0, Math.floor(next() * 4), next() < 0.5 ? 1 : 0]);
  const y = rows.map((row) => next() < 1 / (1 + Math.exp(-logOddsOf(truth, row))));

  it('recovers the weights of the model the outcomes were drawn from, each within three standard errors', () => {
    const fit = fitLogistic(rows, y, { l2: 1e-6 });
    expect(fit.intercept).toBeCloseTo(truth.intercept, 0);
    fit.weights.forEach((weight, j) => expect(Math.abs(weight - truth.weights[j]!)).toBeLessThan(3 * fit.standardErrors[j]!));
    expect(fit.iterations).toBeLessThan(20);
  });

  it('stops where the penalised gradient is zero, and a penalty shrinks the weights', () => {
    const l2 = 50;
    const fit = fitLogistic(rows, y, { l2 });
    const gradient = [0, 0, 0, 0];
    rows.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-logOddsOf(fit, row)));
      row.forEach((value, j) => (gradient[j]! += ((y[i] ? 1 : 0) - p) * value));
    });
    gradient.forEach((g, j) => expect(g - l2 * fit.weights[j]!).toBeCloseTo(0, 6));
    const loose = fitLogistic(rows, y, { l2: 1e-6 });
    expect(Math.abs(fit.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!));
  });

  it('fits a feature that never varies to a weight of zero', () => {
    const fit = fitLogistic(
      rows.map((row) => [row[0]!, 0]),
      y,
    );
    expect(fit.weights[1]).toBe(0);
  });
});
