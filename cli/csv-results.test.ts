import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { acceptanceNow, fixtures, readRepoFile } from '../test-support/harness.js';
import { CsvResults } from './csv-results.js';

const csv = `${fixtures}/csv`;

describe('CSV results', () => {
  const { ir } = compile(readRepoFile(`${csv}/policy.score`));
  const policy = loadPolicy(ir!);
  const now = new Date(acceptanceNow);
  const failure = { line: 3, error: { line: 3, id: 'L2', error: 'row 3, column employees: "abc" is not a number' } };

  it('one column per section; an error row has its message and empty score columns; values are quoted when needed', () => {
    const result = policy.score({ id: 'L,1', title: 'CTO' }, { now });
    const results = new CsvResults(policy, 'csv');
    expect(results.header()).toBe('line,id,score,fit,engagement,grade,stage,route,blacklisted,error\n');
    expect(results.rows([{ line: 2, result }, failure])).toBe('2,"L,1",10,10,0,,SQL,,false,\n3,L2,,,,,,,,"row 3, column employees: ""abc"" is not a number"\n');
  });

  it('a reasons column, when asked for, after the error; empty for a lead that was not scored', () => {
    const result = policy.score({ id: 'L1', title: 'CTO', employees: 60 }, { now });
    const results = new CsvResults(policy, 'csv', { reasons: true });
    expect(results.header()).toBe('line,id,score,fit,engagement,grade,stage,route,blacklisted,error,reasons\n');
    expect(results.rows([{ line: 2, result }, failure])).toBe(
      '2,L1,15,15,0,,SQL,,false,,"title contains word ""CTO"": +10; employees >= 50: +5"\n3,L2,,,,,,,,"row 3, column employees: ""abc"" is not a number",\n',
    );
  });

  it('--empty-as fills a missing grade, stage or route; the reasons are cut at their length', () => {
    const result = policy.score({ id: 'L1', title: 'CTO', employees: 60 }, { now });
    const results = new CsvResults(policy, 'hubspot-csv', { emptyAs: '(none)', reasonsLength: 45 });
    expect(results.rows([{ line: 2, result }])).toBe('L1,15,15,0,(none),SQL,(none),"title contains word ""CTO"": +10; … (1 more)"\n');
  });

  it('hostile ids and labels cannot run a formula in a spreadsheet; negative scores stay numbers', () => {
    const hostile = loadPolicy(compile('fit:\n  when title = "x" add 5\n  when phone is missing subtract 25\n\nroute "=HYPERLINK(\\"http://evil.example\\")" otherwise\n').ir!);
    const rows = new CsvResults(hostile, 'salesforce-csv').rows(
      ['=1+1', '@SUM(1)', '+1+1', '-1+1', '\t=1', '-25'].map((id, index) => ({ line: index + 1, result: hostile.score({ id }, { now }) })),
    );
    expect(rows.split('\n').slice(0, -1)).toEqual([
      `'=1+1,-25,-25,,,"'=HYPERLINK(""http://evil.example"")",phone is missing: -25`,
      `'@SUM(1),-25,-25,,,"'=HYPERLINK(""http://evil.example"")",phone is missing: -25`,
      `'+1+1,-25,-25,,,"'=HYPERLINK(""http://evil.example"")",phone is missing: -25`,
      `'-1+1,-25,-25,,,"'=HYPERLINK(""http://evil.example"")",phone is missing: -25`,
      `'\t=1,-25,-25,,,"'=HYPERLINK(""http://evil.example"")",phone is missing: -25`,
      `-25,-25,-25,,,"'=HYPERLINK(""http://evil.example"")",phone is missing: -25`,
    ]);
  });

  it('--no-formula-guard writes the cells as they are, for programs that read the file', () => {
    const hostile = loadPolicy(compile('route "=SUM(1)" otherwise\n').ir!);
    const result = hostile.score({ id: '@x' }, { now });
    expect(new CsvResults(hostile, 'salesforce-csv', { formulaGuard: false }).rows([{ line: 1, result }])).toBe('@x,0,,,=SUM(1),no rule fired\n');
    expect(new CsvResults(hostile, 'salesforce-csv').rows([{ line: 1, result }])).toBe("'@x,0,,,'=SUM(1),no rule fired\n");
  });
});
