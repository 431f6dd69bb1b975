import { describe, expect, it } from 'vitest';
import { leadMapping } from './mapping.js';
import type { PolicyIr } from './ir.js';
import { numberFormatOf, numberTextProblem, parseNumberText, type NumberFormat } from './values.js';

describe('numberFormatOf', () => {
  it.each([
    ['1,234.56', '1,234.56'],
    ['1.234,56', '1.234,56'],
    ['1 234,56', '1 234,56'],
    ["1'234.56", "1'234.56"],
    [' 1.234,56 ', '1.234,56'],
    ['1\u00a0234,56', '1 234,56'],
    ['1\u202f234,56', '1 234,56'],
    ['1\u2019234.56', "1'234.56"],
  ])('reads %j as %s', (text, format) => expect(numberFormatOf(text)).toBe(format));

  it.each(['de-DE', '1.234.56', '1,234', '#,##0.00', '1 234.56', ''])('names no format with %j', (text) => expect(numberFormatOf(text)).toBeUndefined());
});

describe('parseNumberText in a stated format', () => {
  it.each([
    // Decimal comma, dots between thousands.
    ['1.200.000 €', '1.234,56', 1_200_000],
    ['1,5', '1.234,56', 1.5],
    ['1.200', '1.234,56', 1200],
    ['-12,5', '1.234,56', -12.5],
    ['1234,56', '1.234,56', 1234.56],
    ['1.234.567,25', '1.234,56', 1234567.25],
    ['€ 900', '1.234,56', 900],
    ['1.200 EUR', '1.234,56', 1200],
    ['1,5k', '1.234,56', 1500],
    ['10M', '1.234,56', 10_000_000],
    ['1,5 Mio. €', '1.234,56', 1_500_000],
    ['2 Mrd', '1.234,56', 2_000_000_000],
    ['12 Tsd.', '1.234,56', 12_000],
    ['1,1Mio', '1.234,56', 1_100_000],
    ['51-200', '1.234,56', 51],
    ['1.001–5.000', '1.234,56', 1001],
    ['1.001 - 5.000', '1.234,56', 1001],
    ['10.001+', '1.234,56', 10_001],
    // Decimal comma, spaces between thousands (a no-break space too).
    ['1 200 000 €', '1 234,56', 1_200_000],
    ['1\u00a0200\u00a0000 €', '1 234,56', 1_200_000],
    ['1\u202f234,5', '1 234,56', 1234.5],
    ['12,5', '1 234,56', 12.5],
    ['1 001 – 5 000', '1 234,56', 1001],
    ['10 001+', '1 234,56', 10_001],
    ['51-200', '1 234,56', 51],
    ['1,5 Mio. €', '1 234,56', 1_500_000],
    // Decimal point, apostrophes between thousands.
    ["1'200'000 CHF", "1'234.56", 1_200_000],
    ['1\u2019234.5', "1'234.56", 1234.5],
    ["1'001-5'000", "1'234.56", 1001],
    ['1.5k', "1'234.56", 1500],
    // The default, stated.
    ['1,234,567.25', '1,234.56', 1234567.25],
    ['$1.2M', '1,234.56', 1_200_000],
  ] as Array<[string, NumberFormat, number]>)('%j in %s is %d', (text, format, value) => expect(parseNumberText(text, format)).toBe(value));

  it.each([
    ['1.5', '1.234,56'],
    ['1.5k', '1.234,56'],
    ['1,234.56', '1.234,56'],
    ['1.23', '1.234,56'],
    ['1,5 Mio. €', '1,234.56'],
    ['1,5 Mio. €', "1'234.56"],
    ['1 200', '1,234.56'],
    ['1 2345', '1 234,56'],
    ['1.200', '1 234,56'],
    ['1,200', "1'234.56"],
    ['5.000–1.001', '1.234,56'],
    ['1,5 mio', '1.234,56'],
    ['about 50', '1.234,56'],
  ] as Array<[string, NumberFormat]>)('%j in %s is not a number', (text, format) => expect(parseNumberText(text, format)).toBeNaN());

  it('reads the default format when none is stated, and never guesses another', () => {
    expect(parseNumberText('1,234')).toBe(1234);
    expect(parseNumberText('1,5')).toBeNaN();
    expect(parseNumberText('1.200.000 €')).toBeNaN();
    expect(parseNumberText('1,5 Mio.')).toBeNaN();
  });
});

describe('numberTextProblem', () => {
  it('says how to state the format when the text is a number in another one', () => {
    expect(numberTextProblem('1.200.000 €', undefined)).toBe(
      'is not a number as leadscore reads them unless told (1,234.56): if the CRM writes 1.234,56, state it in the policy (`numbers "1.234,56"`) or with --number-format',
    );
    expect(numberTextProblem("1'200", undefined)).toContain('if the CRM writes 1\'234.56, state it in the policy (`numbers "1\'234.56"`)');
  });

  it('is a plain "is not a number" for text that is none in any format', () => {
    expect(numberTextProblem('about fifty', undefined)).toBe('is not a number');
  });

  it('names a stated format and how to change it', () => {
    expect(numberTextProblem('1,234.56', '1.234,56')).toBe('is not a number as the policy writes them (1.234,56): state another format with `numbers "…"` or --number-format');
  });
});

describe('a JSON value under a CRM name', () => {
  const ir = (numberFormat?: NumberFormat) =>
    ({ inputs: [{ id: 'field:revenue', name: 'revenue', type: 'number', sources: ['Jahresumsatz'] }], ...(numberFormat && { numberFormat }) }) as unknown as PolicyIr;

  it('is read in the rule graph’s number format', () => {
    expect(leadMapping(ir('1.234,56'))!.readLead({ id: 'a', Jahresumsatz: '1.200.000 €' })).toEqual({ id: 'a', Jahresumsatz: '1.200.000 €', revenue: 1_200_000 });
  });

  it('is left as it is, for the lead’s check, when it does not fit', () => {
    expect(leadMapping(ir())!.readLead({ id: 'a', Jahresumsatz: '1.200.000 €' })).toMatchObject({ revenue: '1.200.000 €' });
    expect(leadMapping(ir('1.234,56'))!.readLead({ id: 'a', Jahresumsatz: '$1.2M' })).toMatchObject({ revenue: '$1.2M' });
  });
});
