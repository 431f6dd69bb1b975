// A country field's values as leads hold them: text that is no country is scored as the text it is,
// never an error nor read as missing, and the field report counts and quotes it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { runCli } from '../test-support/harness.js';
import { fitsType, readsAsType } from './field-report.js';
import { FieldTally, withoutBadValues } from './index.js';

const source = 'field hq: country\nfit:\n  when country in ["DE", "AT", "CH"] add 10\n  when hq = "United States" add 5\n';
const policy = loadPolicy(compile(source).ir!);

describe('the field report on country fields', () => {
  it('counts names, codes and variants as present, text that is no country as unreadable, and quotes the first three', () => {
    const tally = new FieldTally(policy.ir);
    const countries = ['Deutschland', 'DEU', 'Germny', 'EMEA', 'Germny', 'N/A', 'Europe', ' österreich '];
    for (const [index, country] of countries.entries()) tally.add({ id: `L${index}`, country, hq: 'USA' });
    tally.add({ id: 'blank', country: ' ' });
    const report = tally.report();
    expect(report.fields.find((field) => field.name === 'country')).toEqual({
      name: 'country',
      present: 3,
      missing: 1,
      unreadable: 5,
      notCountries: ['Germny', 'EMEA', 'N/A'],
    });
    expect(report.fields.find((field) => field.name === 'hq')).toEqual({ name: 'hq', present: 8, missing: 1, unreadable: 0 });
  });

  it('reads a value as its type only when a country field names a country; its JSON type is all --bad-values asks', () => {
    expect(readsAsType('country', 'U.S.A.', 'country')).toBe(true);
    expect(readsAsType('country', 'Germny', 'country')).toBe(false);
    expect(readsAsType('region', 'Germny', 'text')).toBe(true);
    expect(fitsType('country', 'Germny', 'country')).toBe(true);
    expect(fitsType('country', 276, 'country')).toBe(false);
  });
});

describe('--bad-values missing on country fields', () => {
  it('keeps text that is no country (it is scored as text), and drops a value that is not text', () => {
    expect(withoutBadValues(policy, { id: 'a', country: 'Germny' })).toEqual({ lead: { id: 'a', country: 'Germny' }, warnings: [] });
    expect(withoutBadValues(policy, { id: 'b', country: 276 })).toEqual({
      lead: { id: 'b' },
      warnings: ['field country: 276 is not text (a country); read as missing'],
    });
  });
});

describe('leadscore score with a country field', () => {
  it('scores a CSV whose countries are written every way, and names the values that are no country', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-countries-'));
    writeFileSync(join(dir, 'policy.score'), source);
    writeFileSync(join(dir, 'leads.csv'), 'id,Country,hq\nL1,Deutschland,U.S.A.\nL2,Österreich,United States of America\nL3,Germny,usa\nL4,CHE,Great Britain\n');
    const { code, stdout, stderr } = await runCli(['score', join(dir, 'policy.score'), join(dir, 'leads.csv'), '--now', '2026-11-23T12:00:00Z', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1, 5)).toEqual(['2,L1,15,15,,,,false,', '3,L2,15,15,,,,false,', '4,L3,5,5,,,,false,', '5,L4,10,10,,,,false,']);
    expect(stderr).toContain('fields read: country 3 present, 1 unreadable (no country: "Germny"); hq 4 present');
  });
});
