// How a value a CRM writes as text becomes a number or a boolean: the one reading shared by CSV
// files, JSON leads whose fields come from a CRM's names, and the playground.

const multipliers: Record<string, string> = { k: 'e3', K: 'e3', M: 'e6', B: 'e9' };

/** One number as people write it: `1234`, `-12.5`, `1,234,567`, `10M`, `1.5k`, optionally in a currency. */
const plainNumber = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?([kKMB])?$/;
/** A currency sign before the amount (`$1.2M`, `€ 900`) or a code or sign after it (`1,200 USD`, `900 €`). */
const currency = /^(?:[$€£¥]\s*(.+)|(.+?)\s*(?:[$€£¥]|USD|EUR|GBP|CHF|JPY))$/;
/** A range (`51-200`, `1,001 – 5,000`) or an open range (`10,001+`): read as its lower bound. */
const range = /^(\S+?)\s*(?:-|–|to)\s*(\S+)$|^(\S+?)\s*\+$/;

function parsePlain(text: string): number {
  const match = plainNumber.exec(text.trim());
  if (!match || (match[2] === undefined && match[3] === undefined)) return Number.NaN;
  const [, sign, whole = '0', fraction = '', suffix] = match;
  // Through the exponent, so 1.1k is exactly 1100.
  return Number(`${sign}${whole.replace(/,/g, '')}${fraction}${suffix ? multipliers[suffix] : ''}`);
}

function parseAmount(text: string): number {
  const money = currency.exec(text.trim());
  return parsePlain(money ? (money[1] ?? money[2]!) : text);
}

/**
 * A number as a CRM or a spreadsheet writes it; NaN when it is not one.
 * - `1234`, `-12.5`, `1,234,567` (commas only between groups of three digits, so `1,5` is refused
 *   rather than guessed), `10M`, `1.5k`;
 * - an amount of money: `$1.2M`, `€900`, `1,200 USD`, `900 €` (the currency is dropped; dots as
 *   thousands separators, `1.200.000`, are refused: `1.200` could be either);
 * - a range, as CRMs export company sizes: `51-200`, `1,001 – 5,000`, `10,001+`, read as its
 *   lower bound (the only value every company in the range has reached), so
 *   `employees between 50 and 1000` holds for `51-200` and `employees >= 200` does not.
 */
export function parseNumberText(text: string): number {
  const direct = parseAmount(text);
  if (!Number.isNaN(direct)) return direct;
  const ranged = range.exec(text.trim());
  if (!ranged) return Number.NaN;
  const low = parseAmount(ranged[1] ?? ranged[3]!);
  if (ranged[3] !== undefined) return low >= 0 ? low : Number.NaN;
  const high = parseAmount(ranged[2]!);
  return low >= 0 && high >= low ? low : Number.NaN;
}

const booleans: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** true/false, yes/no, 1/0 in any case; undefined when it is none of them. */
export function parseBooleanText(text: string): boolean | undefined {
  return booleans[text.trim().toLowerCase()];
}
