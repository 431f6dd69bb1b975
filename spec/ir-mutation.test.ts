import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { IrError, LeadError, loadPolicy, type Policy } from '../runtime/index.js';
import { checkIr, type PolicyIr } from '../runtime/rule-graph.js';
import { leadFor, mutateIr } from './ir-mutation.js';
import { randomPolicy, seededRandom } from './random-policy.js';

const examples = join(import.meta.dirname, '..', 'examples');
const now = Date.parse('2026-11-23T12:00:00Z');

/** The graphs to mutate: the example policies, and random policies for the constructs they do not use (dates, `compare-values`, …). */
function graphs(): Array<{ name: string; ir: PolicyIr }> {
  const sources = readdirSync(examples)
    .filter((file) => file.endsWith('.score') && !file.endsWith('.test.score'))
    .map((file) => ({ name: file, source: readFileSync(join(examples, file), 'utf8') }));
  for (let seed = 1; seed <= 5; seed++) sources.push({ name: `random policy ${seed}`, source: randomPolicy(seededRandom(seed)) });
  return sources.map(({ name, source }) => {
    const { ir } = compile(source);
    if (!ir) throw new Error(`${name} does not compile`);
    return { name, ir };
  });
}

const exampleLeads = readFileSync(join(examples, 'leads.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as unknown);

/** A result, or the error a lead gets: only a LeadError is an answer, any other error a crash. */
function outcome(policy: Policy, lead: unknown): string {
  try {
    return JSON.stringify(policy.score(lead, { now }));
  } catch (error) {
    return `${error instanceof LeadError ? 'LeadError' : `crash (${(error as Error).name})`}: ${(error as Error).message}`;
  }
}

function loadError(ir: unknown, backend: 'interpreter' | 'generated'): string {
  try {
    loadPolicy(ir, { backend });
    return 'loaded';
  } catch (error) {
    return `${error instanceof IrError ? 'IrError' : (error as Error).name}: ${(error as Error).message}`;
  }
}

describe('mutated rule graphs', () => {
  const mutantsPerGraph = 300;
  const leadsPerMutant = 12;

  it(`are refused by checkIr, or score identically with both backends (${mutantsPerGraph} mutants of each example and random policy)`, { timeout: 120_000 }, () => {
    let refused = 0;
    let accepted = 0;
    const failures: string[] = [];
    for (const [graphIndex, { name, ir }] of graphs().entries()) {
      const random = seededRandom(1000 + graphIndex);
      for (let m = 0; m < mutantsPerGraph && failures.length < 5; m++) {
        const mutant = mutateIr(ir, random);
        const where = `${name}, mutant ${m} (${mutant.changes.join('; ')})`;
        let checked = true;
        try {
          checkIr(mutant.ir);
        } catch (error) {
          checked = false;
          if (!(error instanceof IrError)) failures.push(`${where}: checkIr threw ${String(error)}`);
        }
        if (!checked) {
          refused++;
          // Both backends refuse it alike, with checkIr's message.
          const [interpreter, generated] = [loadError(mutant.ir, 'interpreter'), loadError(mutant.ir, 'generated')];
          if (!interpreter.startsWith('IrError') || generated !== interpreter) failures.push(`${where}: the interpreter says ${interpreter}, the generated backend ${generated}`);
          continue;
        }
        accepted++;
        let interpreter: Policy, generated: Policy;
        try {
          interpreter = loadPolicy(mutant.ir, { backend: 'interpreter' });
          generated = loadPolicy(mutant.ir, { backend: 'generated' });
        } catch (error) {
          failures.push(`${where}: checkIr accepted it, but loading threw ${String(error)}`);
          continue;
        }
        const leads = [...exampleLeads, ...Array.from({ length: leadsPerMutant }, (_, i) => leadFor(mutant.ir, random, now, i))];
        for (const lead of leads) {
          const [expected, actual] = [outcome(interpreter, lead), outcome(generated, lead)];
          if (actual !== expected || expected.startsWith('crash')) {
            failures.push(`${where}\nlead ${JSON.stringify(lead)}\ninterpreter: ${expected}\ngenerated:   ${actual}`);
            break;
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Both sides are exercised: many mutants are well-typed (a changed operator, entry or reference of the right type), many are not.
    expect(accepted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  });
});
