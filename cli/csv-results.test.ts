import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { acceptanceNow, fixtures, readRepoFile } from '../test-support/harness.js';
import { csvResultHeader, csvResultRows } from './csv-results.js';

const csv = `${fixtures}/csv`;

describe('CSV results', () => {
  const { ir } = compile(readRepoFile(`${csv}/policy.score`));
  const policy = loadPolicy(ir!);

  it('one column per section; an error row has its message and empty score columns; values are quoted when needed', () => {
    const result = policy.score({ id: 'L,1', title: 'CTO' }, { now: new Date(acceptanceNow) });
    expect(csvResultHeader(policy)).toBe('line,id,score,fit,engagement,grade,stage,route,blacklisted,error\n');
    expect(csvResultRows([{ line: 2, result }, { line: 3, error: { line: 3, id: 'L2', error: 'row 3, column employees: "abc" is not a number' } }], policy)).toBe(
      '2,"L,1",10,10,0,,SQL,,false,\n3,L2,,,,,,,,"row 3, column employees: ""abc"" is not a number"\n',
    );
  });
});
