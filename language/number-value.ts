// The value of a number as a policy writes it: `50`, `12.5`, `10M`, `1.5k`.

const multipliers: Record<string, number> = { k: 1e3, M: 1e6, B: 1e9 };

/** The number a literal stands for; Infinity for one too large to hold. */
export function numberValue(image: string): number {
  const suffix = image[image.length - 1]!;
  const multiplier = multipliers[suffix];
  if (multiplier === undefined) return Number(image);
  // Scale in decimal so that 1.1M is exactly 1100000, not 1100000.0000000002.
  const [whole, fraction = ''] = image.slice(0, -1).split('.');
  const digits = Math.log10(multiplier);
  const shifted = `${whole}${fraction.padEnd(digits, '0').slice(0, digits)}.${fraction.slice(digits) || '0'}`;
  return Number(shifted);
}

/** The largest number a policy may write: beyond it, sums of points and amounts stop being exact. */
export const maxNumberLiteral = 1e15;
