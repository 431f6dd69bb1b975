// Numbers in CRM exports: `1,234.56` unless the policy (or --number-format) states the decimal comma
// or another thousands separator; CSV cells and JSON values under a CRM's names are read one way.
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy, type Policy, type ValueType } from '../runtime/index.js';
import { FieldTally, leadShape, ProfileReader, withoutBadValues, type NumberFormat } from './index.js';

const types = new Map<string, ValueType>([['revenue', 'number']]);

/** The lead of one row of a profile CSV with the columns `id,Jahresumsatz` (the field `revenue`). */
function row(cell: string, numberFormat?: NumberFormat, badValues?: 'missing') {
  const reader = new ProfileReader(['id', 'Jahresumsatz'], types, 'leads.csv', {
    sources: new Map([['revenue', ['Jahresumsatz']]]),
    ...(numberFormat && { numberFormat }),
    ...(badValues && { badValues }),
  });
  return reader.lead(2, ['L1', cell]);
}

describe('a number field in a profile CSV', () => {
  it.each([
    ['1,234,567.5', undefined, 1234567.5],
    ['$1.2M', undefined, 1_200_000],
    ['51-200', undefined, 51],
    ['1.200.000 €', '1.234,56', 1_200_000],
    ['1,5', '1.234,56', 1.5],
    ['1,5 Mio. €', '1.234,56', 1_500_000],
    ['10M', '1.234,56', 10_000_000],
    ['1.001–5.000', '1.234,56', 1001],
    ['51-200', '1.234,56', 51],
    ['1 200 000 €', '1 234,56', 1_200_000],
    ['1 001 – 5 000', '1 234,56', 1001],
    ["1'234.5 CHF", "1'234.56", 1234.5],
  ] as Array<[string, NumberFormat | undefined, number]>)('reads %j (format %s) as %d', (cell, format, value) => {
    expect(row(cell, format)).toEqual({ line: 2, id: 'L1', lead: { id: 'L1', revenue: value } });
  });

  it.each([
    [
      '1.200.000 €',
      undefined,
      'row 2, column Jahresumsatz (revenue): "1.200.000 €" is not a number as leadscore reads them unless told (1,234.56): if the CRM writes 1.234,56, state it in the policy (`numbers "1.234,56"`) or with --number-format',
    ],
    [
      '1,5',
      undefined,
      'row 2, column Jahresumsatz (revenue): "1,5" is not a number as leadscore reads them unless told (1,234.56): if the CRM writes 1.234,56, state it in the policy (`numbers "1.234,56"`) or with --number-format',
    ],
    ['about fifty', undefined, 'row 2, column Jahresumsatz (revenue): "about fifty" is not a number'],
    [
      '1,234.56',
      '1.234,56',
      'row 2, column Jahresumsatz (revenue): "1,234.56" is not a number as the policy writes them (1.234,56): state another format with `numbers "…"` or --number-format',
    ],
    [
      '1.5k',
      '1.234,56',
      'row 2, column Jahresumsatz (revenue): "1.5k" is not a number as the policy writes them (1.234,56): state another format with `numbers "…"` or --number-format',
    ],
    [
      'about fifty',
      '1 234,56',
      'row 2, column Jahresumsatz (revenue): "about fifty" is not a number as the policy writes them (1 234,56): state another format with `numbers "…"` or --number-format',
    ],
  ] as Array<[string, NumberFormat | undefined, string]>)('refuses %j (format %s) with the value, the row and the format', (cell, format, message) => {
    expect(row(cell, format)).toMatchObject({ error: message, unreadable: ['revenue'] });
  });

  it('--bad-values missing reads a cell in another format as missing, with the same message', () => {
    expect(row('1,5', undefined, 'missing')).toMatchObject({
      lead: { id: 'L1' },
      unreadable: ['revenue'],
      warnings: [expect.stringContaining('"1,5" is not a number as leadscore reads them unless told (1,234.56)') as string],
    });
    expect(row('1,5', '1.234,56', 'missing')).toEqual({ line: 2, id: 'L1', lead: { id: 'L1', revenue: 1.5 } });
  });
});

function policy(source: string): Policy {
  const { ir, diagnostics } = compile(source);
  if (!ir) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return loadPolicy(ir);
}

describe('the policy says how numbers are read', () => {
  const german = 'numbers "1.234,56"\nfield revenue from "Jahresumsatz"\nwhen revenue >= 1000000 add 10';

  it('leadShape carries the policy’s number format to the readers', () => {
    expect(leadShape(policy(german)).numberFormat).toBe('1.234,56');
    expect(leadShape(policy('when revenue >= 1000000 add 10')).numberFormat).toBeUndefined();
  });

  it('a JSON lead’s value under a CRM name is read in the format, and scored', () => {
    const read = policy(german);
    expect(read.score({ id: 'a', Jahresumsatz: '1.200.000 €' }, { now: '2026-11-23T12:00:00Z' }).score).toBe(10);
    expect(read.score({ id: 'b', Jahresumsatz: '999.999,99 €' }, { now: '2026-11-23T12:00:00Z' }).score).toBe(0);
  });

  it('the field report counts numbers read in the format as present, and others as unreadable', () => {
    const read = policy(german);
    const tally = new FieldTally(read.ir);
    for (const lead of [{ Jahresumsatz: '1.200.000 €' }, { Jahresumsatz: '1,5 Mio.' }, { Jahresumsatz: '1,234.56' }, {}]) tally.add(read.readLead!(lead));
    expect(tally.report().fields).toEqual([{ name: 'revenue', present: 2, missing: 1, unreadable: 1 }]);
  });

  it('--bad-values missing drops a JSON lead’s number in another format with a warning', () => {
    const read = policy(german);
    expect(withoutBadValues(read, read.readLead!({ id: 'a', Jahresumsatz: '$1.2M' }))).toMatchObject({
      lead: { id: 'a' },
      warnings: [expect.stringContaining('"$1.2M"') as string],
    });
  });
});
