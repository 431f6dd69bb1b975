// Dates in CRM exports: profile date fields and the events' times, in ISO-8601, epoch milliseconds
// and the forms exports write (`11/29/2026 14:22`, `29.11.2026`) once the order of day and month is stated.
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy, type Policy, type ValueType } from '../runtime/index.js';
import { EventsReader, FieldTally, leadShape, ProfileReader, withoutBadValues, type DateFormat } from './index.js';

const types = new Map<string, ValueType>([['created', 'date']]);

/** The lead of one row of a profile CSV with the columns `id,created`. */
function row(cell: string, dateFormat?: DateFormat, badValues?: 'missing') {
  const reader = new ProfileReader(['id', 'created'], types, 'leads.csv', { ...(dateFormat && { dateFormat }), ...(badValues && { badValues }) });
  return reader.lead(2, ['L1', cell]);
}

/** The events of one row of an events CSV with the columns `lead_id,type,at`. */
function eventRow(at: string, dateFormat?: DateFormat) {
  const reader = new EventsReader('events.csv', {}, dateFormat);
  reader.add({ row: 1, cells: ['lead_id', 'type', 'at'] });
  reader.add({ row: 2, cells: ['L1', 'login', at] });
  return reader.table.byLead.get('L1')!;
}

describe('a date field in a profile CSV', () => {
  it.each([
    ['2026-11-29', undefined, '2026-11-29T00:00:00.000Z'],
    ['2026-11-29 14:22', undefined, '2026-11-29T14:22:00.000Z'],
    ['2026-11-29T14:22:05+01:00', undefined, '2026-11-29T13:22:05.000Z'],
    ['1795132800000', undefined, '2026-11-20T00:00:00.000Z'],
    ['11/29/2026 14:22', 'MM/DD/YYYY', '2026-11-29T14:22:00.000Z'],
    ['3/4/2026', 'MM/DD/YYYY', '2026-03-04T00:00:00.000Z'],
    ['03/04/2026', 'DD/MM/YYYY', '2026-04-03T00:00:00.000Z'],
    ['11/29/2026, 2:22 PM', 'MM/DD/YYYY', '2026-11-29T14:22:00.000Z'],
    ['11/29/2026 12:05 am', 'MM/DD/YYYY', '2026-11-29T00:05:00.000Z'],
    ['29.11.2026 14:22:05', 'DD.MM.YYYY', '2026-11-29T14:22:05.000Z'],
    ['11-29-2026', 'MM-DD-YYYY', '2026-11-29T00:00:00.000Z'],
    ['29-11-2026 09:15', 'DD-MM-YYYY', '2026-11-29T09:15:00.000Z'],
    ['2026-11-29', 'DD.MM.YYYY', '2026-11-29T00:00:00.000Z'],
  ] as Array<[string, DateFormat | undefined, string]>)('reads %j (format %s) as %s, UTC', (cell, format, iso) => {
    expect(row(cell, format)).toEqual({ line: 2, id: 'L1', lead: { id: 'L1', created: iso } });
  });

  it('refuses day-month text without a stated format, and says how to state it', () => {
    expect(row('03/04/2026').error).toBe(
      'row 2, column created: "03/04/2026" is not an ISO-8601 date, and the order of day and month is not stated: state it in the policy (`dates "MM/DD/YYYY"` or `dates "DD/MM/YYYY"`) or with --date-format',
    );
    // Only one reading is possible, but the file that holds it holds ambiguous dates too.
    expect(row('29/11/2026').error).toContain('the order of day and month is not stated');
  });

  it.each([
    ['29/11/2026', 'MM/DD/YYYY', '"29/11/2026" is not a date (ISO-8601, or MM/DD/YYYY as the policy states)'],
    ['11.29.2026', 'MM/DD/YYYY', '"11.29.2026" is not a date (ISO-8601, or MM/DD/YYYY as the policy states)'],
    ['02/30/2026', 'MM/DD/YYYY', '"02/30/2026" is not a date (ISO-8601, or MM/DD/YYYY as the policy states)'],
    ['11/29/26', 'MM/DD/YYYY', '"11/29/26" is not a date (ISO-8601, or MM/DD/YYYY as the policy states)'],
    ['11/29/2026 13:00 PM', 'MM/DD/YYYY', '"11/29/2026 13:00 PM" is not a date (ISO-8601, or MM/DD/YYYY as the policy states)'],
    ['next week', undefined, '"next week" is not a date (ISO-8601 such as 2026-11-23 or 2026-11-23T12:00:00Z, or epoch milliseconds)'],
    ['2026', undefined, '"2026" is not a date (ISO-8601 such as 2026-11-23 or 2026-11-23T12:00:00Z, or epoch milliseconds)'],
    // Read, it would have been passed on as `-000001-12-31T23:00:00.000Z`, which the runtime cannot read.
    ['0000-01-01T00:00:00+01:00', undefined, '"0000-01-01T00:00:00+01:00" is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back'],
  ] as Array<[string, DateFormat | undefined, string]>)('refuses %j (format %s) with the value and the row', (cell, format, message) => {
    const lead = row(cell, format);
    expect(lead.error).toBe(`row 2, column created: ${message}`);
    expect(lead.unreadable).toEqual(['created']);
  });

  it('with --bad-values missing, an unreadable date is read as missing with a warning', () => {
    const lead = row('03/04/2026', undefined, 'missing');
    expect(lead.lead).toEqual({ id: 'L1' });
    expect(lead.warnings).toEqual([expect.stringMatching(/^row 2, column created: "03\/04\/2026" is not an ISO-8601 date, .* read as missing$/)]);
  });

  it('an empty cell is a missing date', () => {
    expect(row('  ')).toEqual({ line: 2, id: 'L1', lead: { id: 'L1' } });
  });
});

describe('the time of an event in an events CSV', () => {
  it('reads ISO-8601 as it is, and the stated format and epoch milliseconds as ISO-8601', () => {
    expect(eventRow('2026-11-29T14:22:00+01:00').events).toEqual([{ type: 'login', at: '2026-11-29T14:22:00+01:00' }]);
    expect(eventRow('11/29/2026 14:22', 'MM/DD/YYYY').events).toEqual([{ type: 'login', at: '2026-11-29T14:22:00.000Z' }]);
    expect(eventRow('29.11.2026', 'DD.MM.YYYY').events).toEqual([{ type: 'login', at: '2026-11-29T00:00:00.000Z' }]);
    expect(eventRow('1795132800000').events).toEqual([{ type: 'login', at: '2026-11-20T00:00:00.000Z' }]);
  });

  it('refuses a US time without a stated format, naming the row and the fix', () => {
    expect(eventRow('11/29/2026 14:22').problems).toEqual([
      'events row 2, column at: "11/29/2026 14:22" is not an ISO-8601 date, and the order of day and month is not stated: state it in the policy (`dates "MM/DD/YYYY"` or `dates "DD/MM/YYYY"`) or with --date-format',
    ]);
    expect(eventRow('29.11.2026', 'MM/DD/YYYY').problems).toEqual(['events row 2, column at: "29.11.2026" is not a date (ISO-8601, or MM/DD/YYYY as the policy states)']);
    expect(eventRow('last week').problems).toEqual(['events row 2, column at: "last week" is not an ISO-8601 time such as 2026-11-23T12:00:00Z']);
  });

  it('refuses a time outside the years 0000 to 9999 (UTC), saying so', () => {
    expect(eventRow('9999-12-31T23:00:00-05:00').problems).toEqual([
      'events row 2, column at: "9999-12-31T23:00:00-05:00" is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back',
    ]);
  });
});

function policy(text: string): Policy {
  const { ir, diagnostics } = compile(text);
  if (!ir) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return loadPolicy(ir);
}

describe('the policy says how dates are read', () => {
  it('leadShape carries the policy’s date format to the readers', () => {
    expect(leadShape(policy('dates "DD.MM.YYYY"\nfield created: date\nwhen created within 7 days add 1')).dateFormat).toBe('DD.MM.YYYY');
    expect(leadShape(policy('field created: date\nwhen created within 7 days add 1')).dateFormat).toBeUndefined();
  });

  it('the field report counts date fields present, missing and unreadable', () => {
    const read = policy('field created: date from "Create Date"\nwhen created within 7 days add 1');
    const tally = new FieldTally(read.ir);
    for (const lead of [
      { created: '2026-11-20' },
      { created: 1795132800000 },
      { 'Create Date': '2026-11-20 10:00' },
      {},
      { created: null },
      { created: 'soon' },
      { created: 2026 },
    ])
      tally.add(read.readLead!(lead));
    tally.add({}, ['created']);
    expect(tally.report().fields).toEqual([{ name: 'created', present: 3, missing: 2, unreadable: 3 }]);
  });

  it('--bad-values missing drops a JSON lead’s unreadable date with a warning', () => {
    const read = policy('field created: date\nwhen created within 7 days add 1');
    expect(withoutBadValues(read, { id: 'a', created: '11/20/2026' })).toEqual({
      lead: { id: 'a' },
      warnings: ['field created: the text "11/20/2026" is not a date; read as missing'],
    });
    expect(withoutBadValues(read, { id: 'a', created: 1795132800000 }).warnings).toEqual([]);
  });
});
