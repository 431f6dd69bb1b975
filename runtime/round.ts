/** Rounds half away from zero to 2 decimals, robust to binary fractions (1.005 → 1.01). */
export function round2(value: number): number {
  const scaled = Number((Math.abs(value) * 100).toPrecision(15));
  const rounded = Math.round(scaled) / 100;
  return value < 0 ? -rounded || 0 : rounded;
}
