import { describe, expect, it } from 'vitest';
import { earliestTime, endOfTime, inTimeRange, millisPerDay, outOfTimeRange, parseIsoTime, toMillis } from './time.js';

const utc = (text: string) => new Date(text).getTime();

describe('parseIsoTime', () => {
  it('reads the forms leads carry', () => {
    const noon = utc('2026-11-23T12:00:00.000Z');
    expect(parseIsoTime('2026-11-23T12:00:00Z')).toBe(noon);
    expect(parseIsoTime('2026-11-23T12:00:00.000Z')).toBe(noon);
    expect(parseIsoTime('2026-11-23T12:00Z')).toBe(noon);
    expect(parseIsoTime('2026-11-23 12:00:00Z')).toBe(noon);
    expect(parseIsoTime('2026-11-23t12:00:00z')).toBe(noon);
  });

  it('reads a time without an offset as UTC, and a date alone as midnight UTC', () => {
    expect(parseIsoTime('2026-11-23T12:00:00')).toBe(utc('2026-11-23T12:00:00Z'));
    expect(parseIsoTime('2026-11-23T12:00')).toBe(utc('2026-11-23T12:00:00Z'));
    expect(parseIsoTime('2026-11-23')).toBe(utc('2026-11-23T00:00:00Z'));
  });

  it('applies offsets, written with or without a colon, or as hours alone', () => {
    const noon = utc('2026-11-23T12:00:00Z');
    expect(parseIsoTime('2026-11-23T13:00:00+01:00')).toBe(noon);
    expect(parseIsoTime('2026-11-23T13:00:00+0100')).toBe(noon);
    expect(parseIsoTime('2026-11-23T13:00:00+01')).toBe(noon);
    expect(parseIsoTime('2026-11-23T06:30:00-05:30')).toBe(noon);
    expect(parseIsoTime('2026-11-24T01:45:00+13:45')).toBe(noon);
    expect(parseIsoTime('2026-11-23T12:00:00-00:00')).toBe(noon);
    expect(parseIsoTime('2026-11-22T12:30:00-23:30')).toBe(noon);
  });

  it('keeps fractions of a second, with a point or a comma, up to nanoseconds', () => {
    const noon = utc('2026-11-23T12:00:00Z');
    expect(parseIsoTime('2026-11-23T12:00:00.5Z')).toBe(noon + 500);
    expect(parseIsoTime('2026-11-23T12:00:00,25Z')).toBe(noon + 250);
    expect(parseIsoTime('2026-11-23T12:00:00.001Z')).toBe(noon + 1);
    // Milliseconds since 1970 leave a double about 0.0002 ms of resolution.
    expect(parseIsoTime('2026-11-23T12:00:00.123456789Z') - noon).toBeCloseTo(123.4568, 3);
    expect(parseIsoTime('2026-11-23T12:00:00.0000000001Z')).toBeNaN();
  });

  it('knows the lengths of months and leap years', () => {
    expect(parseIsoTime('2024-02-29')).toBe(utc('2024-02-29T00:00:00Z'));
    expect(parseIsoTime('2000-02-29')).toBe(utc('2000-02-29T00:00:00Z'));
    expect(parseIsoTime('2026-02-29')).toBeNaN();
    expect(parseIsoTime('1900-02-29')).toBeNaN();
    expect(parseIsoTime('2100-02-29')).toBeNaN();
    expect(parseIsoTime('2026-02-30')).toBeNaN();
    expect(parseIsoTime('2026-04-31')).toBeNaN();
    expect(parseIsoTime('2026-04-30')).toBe(utc('2026-04-30T00:00:00Z'));
    expect(parseIsoTime('2026-12-31')).toBe(utc('2026-12-31T00:00:00Z'));
  });

  it('reads years before 100 as themselves, not as 19xx', () => {
    expect(parseIsoTime('0050-01-01')).toBe(new Date('0050-01-01T00:00:00Z').getTime());
    expect(new Date(parseIsoTime('0001-01-01T00:00:00Z')).getUTCFullYear()).toBe(1);
    expect(parseIsoTime('0000-02-29')).toBe(new Date('0000-02-29T00:00:00Z').getTime());
    expect(parseIsoTime('9999-12-31T23:59:59Z')).toBe(utc('9999-12-31T23:59:59Z'));
  });

  it('reads 24:00 as the midnight that ends the day, and a leap second as the second before it', () => {
    expect(parseIsoTime('2026-11-23T24:00:00Z')).toBe(utc('2026-11-24T00:00:00Z'));
    expect(parseIsoTime('2026-12-31T24:00Z')).toBe(utc('2027-01-01T00:00:00Z'));
    expect(parseIsoTime('2016-12-31T23:59:60Z')).toBe(utc('2016-12-31T23:59:59Z'));
  });

  it('rejects what is not a valid ISO-8601 date or time', () => {
    for (const text of [
      '',
      'yesterday',
      ' 2026-11-23',
      '2026-11-23 ',
      '2026-1-5',
      '26-11-23',
      '+002026-11-23',
      '2026/11/23',
      '20261123',
      '2026-11',
      '2026-13-01',
      '2026-00-10',
      '2026-11-00',
      '2026-11-32',
      '2026-11-23T12',
      '2026-11-23T12:00:00+1',
      '2026-11-23T1:00Z',
      '2026-11-23T12:60Z',
      '2026-11-23T12:00:61Z',
      '2026-11-23T25:00Z',
      '2026-11-23T24:00:01Z',
      '2026-11-23T24:01Z',
      '2026-11-23T12:00:00+24:00',
      '2026-11-23T12:00:00+01:60',
      '2026-11-23T12:00:00.Z',
      '2026-11-23Z',
      '2026-11-23T12:00:00ZZ',
      '2026-11-23T12:00:00 Z',
      '1732365000000',
    ]) {
      expect(parseIsoTime(text), text).toBeNaN();
    }
  });
});

describe('parseIsoTime on the common forms', () => {
  // The common forms are read digit by digit; every other form by the general path. Both must agree.
  it('reads every date, time and millisecond of years 0–9999 exactly as the general path does', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const first = Date.UTC(0, 0, 1) - 1900 * 365.2425 * 86_400_000;
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 20_000; i++) {
      const millis = Math.floor(first + random() * (last - first));
      const iso = new Date(millis).toISOString(); // 2026-11-23T12:34:56.789Z
      expect(parseIsoTime(iso), iso).toBe(millis);
      // The same instants in forms only the general path reads must give the same numbers.
      expect(parseIsoTime(iso.replace('Z', '+00:00')), iso).toBe(millis);
      expect(parseIsoTime(iso.slice(0, 19) + 'Z'), iso).toBe(millis - (((millis % 1000) + 1000) % 1000));
      expect(parseIsoTime(iso.slice(0, 19) + 'z'), iso).toBe(millis - (((millis % 1000) + 1000) % 1000));
      expect(parseIsoTime(iso.slice(0, 10)), iso).toBe(Date.parse(iso.slice(0, 10) + 'T00:00:00Z'));
      expect(parseIsoTime(iso.slice(0, 10) + ' ' + iso.slice(11)), iso).toBe(millis);
    }
  });

  it('still rejects what looks like a common form but is not a valid time', () => {
    for (const text of ['2026-02-29', '2026-13-01T00:00:00Z', '2026-11-23T23:60:00Z', '2026-11-23T12:00:00.12xZ', '2026-11-23X12:00:00Z', '2026/11/23', '202a-11-23']) {
      expect(parseIsoTime(text), text).toBeNaN();
    }
    expect(parseIsoTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('toMillis', () => {
  it('takes a Date, an ISO-8601 text or epoch milliseconds', () => {
    const noon = utc('2026-11-23T12:00:00Z');
    expect(toMillis(new Date(noon))).toBe(noon);
    expect(toMillis('2026-11-23T13:00:00+01:00')).toBe(noon);
    expect(toMillis(noon)).toBe(noon);
    expect(toMillis(noon + millisPerDay)).toBe(utc('2026-11-24T12:00:00Z'));
  });

  it('throws a RangeError naming the bad value', () => {
    expect(() => toMillis('2026-02-30')).toThrow(new RangeError('`now` must be a valid time in the years 0000 to 9999 (UTC), got "2026-02-30"'));
    expect(() => toMillis(new Date('nonsense'))).toThrow(RangeError);
    expect(() => toMillis(Number.NaN)).toThrow('`now` must be a valid time in the years 0000 to 9999 (UTC), got "NaN"');
    expect(() => toMillis(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('refuses a `now` outside the years 0000 to 9999 (UTC), whose ISO-8601 form nothing could read back', () => {
    // A state scored at such a `now` recorded `forgottenAt: "-000001-12-31T23:00:00.000Z"`, and `serve` could not restart.
    expect(() => toMillis('0000-01-01T00:00:00+01:00')).toThrow(new RangeError('`now` must be a valid time in the years 0000 to 9999 (UTC), got "0000-01-01T00:00:00+01:00"'));
    expect(() => toMillis(endOfTime)).toThrow(RangeError);
    expect(() => toMillis(earliestTime - 1)).toThrow(RangeError);
    expect(() => toMillis(new Date(Date.UTC(10000, 0, 1)))).toThrow(RangeError);
    expect(() => toMillis(8.64e15 + 1)).toThrow(RangeError);
    expect(toMillis(earliestTime)).toBe(earliestTime);
    expect(toMillis(endOfTime - 1)).toBe(endOfTime - 1);
  });
});

describe('the range of times: the years 0000 to 9999 (UTC)', () => {
  it('is exactly what toISOString writes with four digits and parseIsoTime reads back', () => {
    expect(new Date(earliestTime).toISOString()).toBe('0000-01-01T00:00:00.000Z');
    expect(new Date(endOfTime - 1).toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(new Date(earliestTime - 1).toISOString()).toBe('-000001-12-31T23:59:59.999Z');
    expect(new Date(endOfTime).toISOString()).toBe('+010000-01-01T00:00:00.000Z');
    for (const millis of [earliestTime, earliestTime + 1, 0, endOfTime - 1]) {
      expect(inTimeRange(millis)).toBe(true);
      expect(parseIsoTime(new Date(millis).toISOString())).toBe(millis);
    }
    for (const millis of [earliestTime - 1, endOfTime, Number.NaN, Number.POSITIVE_INFINITY]) expect(inTimeRange(millis)).toBe(false);
  });

  it('refuses a time written in those years whose offset or 24:00 moves it out of them', () => {
    for (const text of ['0000-01-01T00:00:00+01:00', '0000-01-01T00:59+01', '9999-12-31T23:00:00-05:00', '9999-12-31T24:00:00Z', '9999-12-31T24:00']) {
      expect(parseIsoTime(text), text).toBeNaN();
      expect(outOfTimeRange(text), text).toBe(true);
    }
    expect(parseIsoTime('0000-01-01T01:00:00+01:00')).toBe(earliestTime);
    expect(parseIsoTime('9999-12-31T18:59:59.999-05:00')).toBe(endOfTime - 1);
    // Not out of range: no time at all.
    for (const text of ['2026-02-30', 'soon', '+010000-01-01T00:00:00.000Z']) expect(outOfTimeRange(text), text).toBe(false);
  });
});
