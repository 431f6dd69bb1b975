import { describe, expect, it } from 'vitest';
import { dateFormatOf, dateTextProblem, dateValueMillis, parseDateText } from './dates.js';
import type { InputNode } from './ir.js';
import { leadValidator } from './lead-schema.js';

const iso = (millis: number) => (Number.isNaN(millis) ? 'NaN' : new Date(millis).toISOString());

describe('dateFormatOf', () => {
  it.each([
    ['MM/DD/YYYY', 'MM/DD/YYYY'],
    ['mm/dd/yyyy', 'MM/DD/YYYY'],
    ['DD.MM.YYYY HH:mm', 'DD.MM.YYYY'],
    ['MM/DD/YYYY HH:mm:ss', 'MM/DD/YYYY'],
    ['MM/DD/YYYY h:mm a', 'MM/DD/YYYY'],
    ['DD/MM/YYYY, HH:mm', 'DD/MM/YYYY'],
    ['MM-DD-YYYY', 'MM-DD-YYYY'],
    ['DD-MM-YYYY', 'DD-MM-YYYY'],
  ])('reads %j as %s', (text, format) => {
    expect(dateFormatOf(text)).toBe(format);
  });

  it.each(['MM/DD/YY', 'YYYY-MM-DD', 'DD/MM', 'MM/DD/YYYY at noon', ''])('refuses %j', (text) => {
    expect(dateFormatOf(text)).toBeUndefined();
  });
});

describe('parseDateText', () => {
  it('reads ISO-8601 and epoch milliseconds whatever the format', () => {
    expect(iso(parseDateText('2026-11-29'))).toBe('2026-11-29T00:00:00.000Z');
    expect(iso(parseDateText(' 2026-11-29T14:22:00+01:00 ', 'MM/DD/YYYY'))).toBe('2026-11-29T13:22:00.000Z');
    expect(iso(parseDateText('1795132800000'))).toBe('2026-11-20T00:00:00.000Z');
    expect(iso(parseDateText('200000000000'))).toBe('1976-05-03T19:33:20.000Z');
  });

  it('reads day, month and year only in the stated order, with a time of day on a 24- or 12-hour clock', () => {
    expect(iso(parseDateText('03/04/2026'))).toBe('NaN');
    expect(iso(parseDateText('03/04/2026', 'MM/DD/YYYY'))).toBe('2026-03-04T00:00:00.000Z');
    expect(iso(parseDateText('03/04/2026', 'DD/MM/YYYY'))).toBe('2026-04-03T00:00:00.000Z');
    expect(iso(parseDateText('12/31/2026 23:59:59', 'MM/DD/YYYY'))).toBe('2026-12-31T23:59:59.000Z');
    expect(iso(parseDateText('12/31/2026 12:00 PM', 'MM/DD/YYYY'))).toBe('2026-12-31T12:00:00.000Z');
    expect(iso(parseDateText('12/31/2026 12:00 AM', 'MM/DD/YYYY'))).toBe('2026-12-31T00:00:00.000Z');
    expect(iso(parseDateText('12/31/2026 1:00 p.m.', 'MM/DD/YYYY'))).toBe('2026-12-31T13:00:00.000Z');
    expect(iso(parseDateText('1.2.2026', 'DD.MM.YYYY'))).toBe('2026-02-01T00:00:00.000Z');
  });

  it.each([
    ['29/02/2026', 'DD/MM/YYYY'],
    ['29.02.2025', 'DD.MM.YYYY'],
    ['12/31/2026 24:30', 'MM/DD/YYYY'],
    ['12/31/2026 0:00 AM', 'MM/DD/YYYY'],
    ['12/31/2026 10:60', 'MM/DD/YYYY'],
    ['12-31-2026', 'MM/DD/YYYY'],
    ['12/31/26', 'MM/DD/YYYY'],
    ['2026', undefined],
    ['1780228800', undefined],
    ['tomorrow', 'MM/DD/YYYY'],
  ] as const)('refuses %j (format %s)', (text, format) => {
    expect(parseDateText(text, format)).toBeNaN();
  });

  it('says why a text is no date', () => {
    expect(dateTextProblem('03/04/2026', undefined)).toContain('the order of day and month is not stated');
    expect(dateTextProblem('03/04/2026', 'DD.MM.YYYY')).toBe('is not a date (ISO-8601, or DD.MM.YYYY as the policy states)');
    expect(dateTextProblem('soon', undefined)).toBe('is not a date (ISO-8601 such as 2026-11-23 or 2026-11-23T12:00:00Z, or epoch milliseconds)');
    expect(dateTextProblem(' 9999-12-31T23:00:00-05:00', 'MM/DD/YYYY')).toBe('is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back');
  });
});

describe('a date field of a JSON lead', () => {
  const inputs: InputNode[] = [{ id: 'field:created', name: 'created', type: 'date', builtin: false }];
  const validate = leadValidator(inputs);

  it('is ISO-8601 text or epoch milliseconds of 12 or 13 digits; blank and null are missing', () => {
    expect(dateValueMillis('2026-11-20')).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(dateValueMillis(1795132800000)).toBe(1795132800000);
    for (const created of ['2026-11-20T10:00:00Z', 1795132800000, '', '  ', null]) expect(() => validate({ created })).not.toThrow();
  });

  it.each([
    ['11/20/2026', 'the text "11/20/2026"'],
    [1780228800, 'the number 1780228800'],
    [1795132800000.5, 'the number 1795132800000.5'],
    [true, 'the value true'],
    [['2026-11-20'], 'an array'],
  ])('refuses %j, naming the field and the forms it takes', (created, shown) => {
    expect(() => validate({ created })).toThrow(`\`created\` must be a date (ISO-8601 such as 2026-11-23 or 2026-11-23T12:00:00Z, or epoch milliseconds), got ${shown}`);
  });

  it('refuses a date outside the years 0000 to 9999 (UTC), saying so', () => {
    expect(dateValueMillis('0000-01-01T00:00:00+01:00')).toBeNaN();
    expect(() => validate({ created: ' 0000-01-01T00:00:00+01:00' })).toThrow(
      '`created` must be a date (ISO-8601 such as 2026-11-23 or 2026-11-23T12:00:00Z, or epoch milliseconds), got the text " 0000-01-01T00:00:00+01:00", which is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back',
    );
  });
});
