import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type Policy, type PolicyIr } from '../runtime/index.js';
import { caseFiles, caseProblems, compileCase, groupProblems, policyText, readGroup, type Backend, type ConformanceCase, type ConformanceGroup } from './conformance/runner.js';

/** Runs every case of spec/conformance/ against one backend. */
function describeConformance(backendName: string, backend: Backend): void {
  describe(`conformance: ${backendName}`, () => {
    for (const file of caseFiles()) {
      const group = readGroup(file) as ConformanceGroup;
      describe(file, () => {
        for (const c of group.cases) {
          it(c.name, () => {
            expect(caseProblems(c, backend)).toEqual([]);
          });
        }
      });
    }
  });
}

/** A backend of runtime/, loading each rule graph once. */
function runtimeBackend(backend: 'interpreter' | 'generated'): Backend {
  const loaded = new WeakMap<PolicyIr, Policy>();
  return (ir, lead, now) => {
    let policy = loaded.get(ir);
    if (!policy) loaded.set(ir, (policy = loadPolicy(ir, { backend })));
    return policy.score(lead, { now });
  };
}
const interpreter = runtimeBackend('interpreter');

describe('conformance case files', () => {
  it('exist', () => {
    expect(caseFiles().length).toBeGreaterThan(10);
  });

  for (const file of caseFiles()) {
    it(`${file} has the documented shape`, () => {
      expect(groupProblems(readGroup(file))).toEqual([]);
    });
  }

  it('reference.json holds the reference policy and the acceptance leads and results of examples/', () => {
    const examples = join(import.meta.dirname, '..', 'examples');
    const jsonl = (file: string) =>
      readFileSync(join(examples, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as unknown);
    const [reference] = (readGroup('reference.json') as ConformanceGroup).cases;
    expect(policyText(reference!)).toBe(readFileSync(join(examples, 'b2b-saas.score'), 'utf8'));
    expect(reference!.leads).toEqual(jsonl('leads.jsonl'));
    expect(reference!.expected).toEqual(jsonl('expected.jsonl'));
  });
});

describeConformance('interpreter', interpreter);
describeConformance('generated code', runtimeBackend('generated'));

describe('the conformance runner', () => {
  const sample: ConformanceCase = {
    name: 'sample',
    policy: ['fit:', '  when title contains "ceo" add 15', 'when request demo add 40'],
    now: '2026-06-01T12:00:00Z',
    leads: [
      { id: 'a', title: 'CEO', events: [{ type: 'request', object: 'demo', at: '2026-06-01T00:00:00Z' }] },
      { id: 'b', employees: 'many' },
    ],
    expected: [{ id: 'a', score: 55, dimensions: { fit: 15 } }, { error: '`employees`' }],
  };

  it('passes a backend that conforms', () => {
    expect(caseProblems(sample, interpreter)).toEqual([]);
  });

  it('reports a wrong value, naming the lead and the key', () => {
    const wrong = { ...sample, expected: [{ id: 'a', score: 54, dimensions: { fit: 15 } }, { error: '`employees`' }] };
    expect(caseProblems(wrong, interpreter)).toEqual(['lead 1: score is 55, expected 54']);
  });

  it('tells 0 from -0', () => {
    const negativeZero: Backend = (ir, lead, now) => ({ ...(interpreter(ir, lead, now) as object), score: -0 });
    const zero = { ...sample, leads: [{}], expected: [{ score: 0 }] };
    expect(caseProblems(zero, interpreter)).toEqual([]);
    expect(caseProblems(zero, negativeZero)).toEqual(['lead 1: score is 0 (-0), expected 0']);
  });

  it('reports an error that was expected but not raised, and one that was raised but not expected', () => {
    const swapped = { ...sample, leads: [sample.leads[1], sample.leads[0]] };
    expect(caseProblems(swapped, interpreter)).toEqual([
      expect.stringMatching(/^lead 1: expected a result, but scoring failed: `employees` must be a number/),
      expect.stringMatching(/^lead 2: expected an error containing "`employees`", got \{"id":"a"/),
    ]);
  });

  it('reports an error message that does not contain the expected text', () => {
    const other = { ...sample, leads: [{ id: 'a' }, { id: 'b', title: 5 }] };
    expect(caseProblems(other, interpreter)).toEqual([
      'lead 1: score is 0, expected 55',
      'lead 1: dimensions is {"fit":0}, expected {"fit":15}',
      expect.stringMatching(/^lead 2: the error "`title` must be text.*" does not contain "`employees`"$/),
    ]);
  });

  it('refuses a policy that does not compile, or warns other than the case says', () => {
    expect(() => compileCase({ ...sample, policy: 'when titel = "x" add 1' })).toThrow(/does not compile:\nLS\d{4} error at 1:6/);
    expect(() => compileCase({ ...sample, policy: ['empty:', 'fit:', '  when title = "x" add 1'] })).toThrow(/warnings \["LS4009"\]/);
    expect(compileCase({ ...sample, policy: ['empty:', 'fit:', '  when title = "x" add 1'], warnings: ['LS4009'] }).sections).toHaveLength(2);
  });

  it('rejects malformed case files', () => {
    const valid = { description: 'x', cases: [sample] };
    expect(groupProblems(valid)).toEqual([]);
    expect(groupProblems({ cases: [sample] })).toEqual(["(file) must have required property 'description'"]);
    expect(groupProblems({ description: 'x', cases: [{ ...sample, now: '2026-06-01' }] })).toEqual([expect.stringMatching(/^\/cases\/0\/now must match pattern/)]);
    expect(groupProblems({ description: 'x', cases: [{ ...sample, expected: [{ scroe: 1 }, { error: 'x' }] }] })).not.toEqual([]);
    expect(groupProblems({ description: 'x', cases: [{ ...sample, expected: [{ score: 1, error: 'x' }, { error: 'x' }] }] })).not.toEqual([]);
    expect(groupProblems({ description: 'x', cases: [{ ...sample, expected: [{ score: 55 }] }] })).toEqual(['/cases/0 (sample) has 2 leads but 1 expected results']);
    expect(groupProblems({ description: 'x', cases: [sample, sample] })).toEqual(['/cases/1 repeats the name "sample"']);
  });
});
