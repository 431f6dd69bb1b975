// How a CSV cell becomes a number or a boolean, shared by the CLI (csv.ts) and the browser
// playground: no Node imports here, so it runs anywhere.

const multipliers: Record<string, string> = { k: 'e3', M: 'e6', B: 'e9' };

/**
 * A number as people write it in a spreadsheet or a policy: `1234`, `-12.5`, `1,234,567` (commas
 * only between groups of three digits, so `1,5` is refused rather than guessed), `10M`, `1.5k`.
 * NaN when it is not one.
 */
export function parseCsvNumber(text: string): number {
  const match = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?([kMB])?$/.exec(text.trim());
  if (!match || (match[2] === undefined && match[3] === undefined)) return Number.NaN;
  const [, sign, whole = '0', fraction = '', suffix] = match;
  // Through the exponent, so 1.1k is exactly 1100.
  return Number(`${sign}${whole.replace(/,/g, '')}${fraction}${suffix ? multipliers[suffix] : ''}`);
}

const booleans: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** true/false, yes/no, 1/0 in any case; undefined when it is none of them. */
export function parseCsvBoolean(text: string): boolean | undefined {
  return booleans[text.trim().toLowerCase()];
}
