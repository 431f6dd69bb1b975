// How a value a CRM writes as text becomes a number or a boolean: the one reading shared by CSV
// files, JSON leads whose fields come from a CRM's names, and the playground.

/**
 * How a CRM writes the decimal point and the thousands separator, as a policy states it with
 * `numbers "…"` (or the command line with `--number-format`). The first is the default: the
 * others are read only when stated, because `1,5` and `1.200` mean different numbers in each.
 */
export const numberFormats = ['1,234.56', '1.234,56', '1 234,56', "1'234.56"] as const;
export type NumberFormat = (typeof numberFormats)[number];

/** The number format a policy or an option names (a no-break space is a space, ’ an apostrophe), or undefined when it names none of `numberFormats`. */
export function numberFormatOf(text: string): NumberFormat | undefined {
  const format = text
    .trim()
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\u2019/g, "'");
  return (numberFormats as readonly string[]).includes(format) ? (format as NumberFormat) : undefined;
}

/** `k`, `M`, `B` in every format; with a decimal comma, also the German `Tsd.`, `Mio.` and `Mrd.` (`1,5 Mio. €`). */
const multipliers: Record<string, string> = { k: 'e3', K: 'e3', M: 'e6', B: 'e9', Tsd: 'e3', Mio: 'e6', Mrd: 'e9' };

/** A currency sign before the amount (`$1.2M`, `€ 900`) or a code or sign after it (`1,200 USD`, `900 €`). */
const currency = /^(?:[$€£¥]\s*(.+)|(.+?)\s*(?:[$€£¥]|USD|EUR|GBP|CHF|JPY))$/;

interface NumberReading {
  /** One number: sign, whole part (digits in groups of three, or none), fraction, magnitude. */
  plain: RegExp;
  /** A range (`51-200`, `1,001 – 5,000`) or an open range (`10,001+`). */
  range: RegExp;
  group: RegExp;
}

function reading(group: string, decimal: string, words: boolean): NumberReading {
  const magnitude = words ? '([kKMB]|\\s*(?:Tsd|Mio|Mrd)\\.?)' : '([kKMB])';
  // With spaces between the groups, a side of a range may hold spaces.
  const side = group.includes(' ') ? '.' : '\\S';
  return {
    plain: new RegExp(`^([-+]?)(\\d{1,3}(?:${group}\\d{3})+|\\d+)?(${decimal}\\d+)?${magnitude}?$`),
    range: new RegExp(`^(${side}+?)\\s*(?:-|–|to)\\s*(${side}+)$|^(${side}+?)\\s*\\+$`),
    group: new RegExp(group, 'g'),
  };
}

const readings: Record<NumberFormat, NumberReading> = {
  '1,234.56': reading(',', '\\.', false),
  '1.234,56': reading('\\.', ',', true),
  '1 234,56': reading('[ \\u00a0\\u202f]', ',', true),
  "1'234.56": reading("['\\u2019]", '\\.', false),
};

function parsePlain(text: string, read: NumberReading): number {
  const match = read.plain.exec(text.trim());
  if (!match || (match[2] === undefined && match[3] === undefined)) return Number.NaN;
  const [, sign, whole = '0', fraction = '', suffix] = match;
  const magnitude = suffix ? multipliers[suffix.trim().replace('.', '')] : '';
  // Through the exponent, so 1.1k is exactly 1100.
  return Number(`${sign}${whole.replace(read.group, '')}${fraction && '.' + fraction.slice(1)}${magnitude}`);
}

function parseAmount(text: string, read: NumberReading): number {
  const money = currency.exec(text.trim());
  return parsePlain(money ? (money[1] ?? money[2]!) : text, read);
}

/**
 * A number as a CRM or a spreadsheet writes it, in the stated `format` (default `1,234.56`); NaN when it is not one.
 * - `1234`, `-12.5`, `1,234,567` (separators only between groups of three digits, so in the default
 *   format `1,5` is refused rather than guessed), `10M`, `1.5k`; with `numbers "1.234,56"`:
 *   `1.200.000`, `1,5`, `1,5 Mio.`;
 * - an amount of money: `$1.2M`, `€900`, `1,200 USD`, `900 €`, `1.200.000 €` in `1.234,56` (the currency is dropped);
 * - a range, as CRMs export company sizes: `51-200`, `1,001 – 5,000`, `10,001+`, read as its
 *   lower bound (the only value every company in the range has reached), so
 *   `employees between 50 and 1000` holds for `51-200` and `employees >= 200` does not.
 */
export function parseNumberText(text: string, format: NumberFormat = '1,234.56'): number {
  const read = readings[format];
  const direct = parseAmount(text, read);
  if (!Number.isNaN(direct)) return direct;
  const ranged = read.range.exec(text.trim());
  if (!ranged) return Number.NaN;
  const low = parseAmount(ranged[1] ?? ranged[3]!, read);
  if (ranged[3] !== undefined) return low >= 0 ? low : Number.NaN;
  const high = parseAmount(ranged[2]!, read);
  return low >= 0 && high >= low ? low : Number.NaN;
}

/** Why a number text cannot be read, for a message after the value: `is not a number …`. */
export function numberTextProblem(text: string, format: NumberFormat | undefined): string {
  if (format !== undefined) return `is not a number as the policy writes them (${format}): state another format with \`numbers "…"\` or --number-format`;
  const other = numberFormats.find((candidate) => !Number.isNaN(parseNumberText(text, candidate)));
  if (other === undefined) return 'is not a number';
  return `is not a number as leadscore reads them unless told (1,234.56): if the CRM writes ${other}, state it in the policy (\`numbers "${other}"\`) or with --number-format`;
}

const booleans: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** true/false, yes/no, 1/0 in any case; undefined when it is none of them. */
export function parseBooleanText(text: string): boolean | undefined {
  return booleans[text.trim().toLowerCase()];
}
