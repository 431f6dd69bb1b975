import { describe, expect, it } from 'vitest';
import { round2 } from './round.js';

/** round2 without its fast path: 15 significant digits, then Math.round. */
function reference(value: number): number {
  const product = Math.abs(value) * 100;
  if (!(product < Number.MAX_SAFE_INTEGER)) return value;
  const scaled = product < 1e15 ? Number(product.toPrecision(15)) : product;
  const rounded = Math.round(scaled) / 100;
  return value < 0 ? -rounded || 0 : rounded;
}

describe('round2', () => {
  it('gives what 15 significant digits then Math.round give, for every kind of value', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const differences: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const magnitude = 10 ** Math.floor(random() * 14 - 4);
      const values = [(random() - 0.5) * magnitude, Math.round(random() * 1e6) / 1000 + 0.0005, 20 * Math.pow(0.5, random() * 5), -(Math.floor(random() * 1e5) + 0.5) / 100];
      for (const value of values) if (!Object.is(round2(value), reference(value))) differences.push(`${value}: ${round2(value)}, not ${reference(value)}`);
    }
    expect(differences).toEqual([]);
  });

  it('rounds half away from zero, also for decimals binary floating point cannot hold exactly', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(1.255)).toBe(1.26);
    expect(round2(0.125)).toBe(0.13);
    expect(round2(0.005)).toBe(0.01);
    expect(round2(9.995)).toBe(10);
    expect(round2(1.0049999)).toBe(1);
  });

  it('rounds negative values away from zero too', () => {
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(-2.675)).toBe(-2.68);
    expect(round2(-0.125)).toBe(-0.13);
    expect(round2(-0.005)).toBe(-0.01);
    expect(round2(-1.0049999)).toBe(-1);
  });

  it('never returns -0', () => {
    expect(Object.is(round2(-0), 0)).toBe(true);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(Object.is(round2(-0.004999), 0)).toBe(true);
    expect(Object.is(round2(0), 0)).toBe(true);
  });

  it('keeps values that already have 2 decimals or fewer', () => {
    for (const value of [0, 1, -1, 0.1, 0.01, -0.01, 12.34, -99.99, 151.34, 1e6]) {
      expect(round2(value)).toBe(value);
    }
  });

  it('sums of decimals round as their decimal value', () => {
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(4.942570101764481 + 9.885140203528962)).toBe(14.83);
    expect(round2(0.004 + 0.004)).toBe(0.01);
  });

  it('handles large values', () => {
    expect(round2(10_000_000.125)).toBe(10_000_000.13);
    expect(round2(-10_000_000.125)).toBe(-10_000_000.13);
    expect(round2(1_000_000_000.005)).toBe(1_000_000_000.01);
    expect(round2(123_456_789_012.345)).toBe(123_456_789_012.35);
    expect(round2(1e15)).toBe(1e15);
    expect(round2(-1e15)).toBe(-1e15);
    expect(round2(10_000_000_000_000.125)).toBe(10_000_000_000_000.13);
    expect(round2(-10_000_000_000_000.125)).toBe(-10_000_000_000_000.13);
  });

  it('leaves values too large to carry cents as they are', () => {
    for (const value of [123_456_789_012_345.67, 98_765_432_109_876.55, 2 ** 53, 2 ** 53 + 2, 1e21, -1e21, 1e300, Number.MAX_VALUE, Infinity, -Infinity]) {
      expect(round2(value)).toBe(value);
    }
    expect(round2(Number.NaN)).toBeNaN();
  });

  it('handles tiny values', () => {
    expect(round2(1e-10)).toBe(0);
    expect(round2(0.0049999999)).toBe(0);
    expect(round2(Number.MIN_VALUE)).toBe(0);
  });
});
