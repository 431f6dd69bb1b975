/** Rounds half away from zero to 2 decimals, robust to binary fractions (1.005 → 1.01). */
export function round2(value: number): number {
  const product = Math.abs(value) * 100;
  // From 2^53 cents on, a double has no finer steps than a cent left to round away (and ±Infinity, NaN stay).
  if (!(product < Number.MAX_SAFE_INTEGER)) return value;
  // Away from a half cent, binary noise cannot change the rounding: the common case, and a fast one.
  const fraction = product - Math.floor(product);
  if (product < 1e9 && (fraction < 0.499999 || fraction > 0.500001)) {
    const quick = Math.round(product) / 100;
    return value < 0 ? -quick || 0 : quick;
  }
  // 15 significant digits strip binary noise (1.005 × 100 = 100.49999999999999) where the integer part leaves room.
  const scaled = product < 1e15 ? Number(product.toPrecision(15)) : product;
  const rounded = Math.round(scaled) / 100;
  return value < 0 ? -rounded || 0 : rounded;
}
