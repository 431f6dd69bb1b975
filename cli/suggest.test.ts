import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { readRepoFile, runCli, stackTraceLine } from '../test-support/harness.js';

const sample = ['--leads', 'examples/history/leads.jsonl', '--outcomes', 'examples/history/outcomes.csv', '--now', '2026-06-30T00:00:00Z'];

describe('leadscore suggest', () => {
  it('fits points to the bundled history: rule by rule, held-out AUCs, thresholds, criteria the policy lacks', async () => {
    const { code, stdout, stderr } = await runCli(['suggest', 'examples/b2b-saas.score', ...sample, '--mql-rate', '20%', '--target-conversion', '40%']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    await expect(stdout).toMatchFileSnapshot('__golden__/suggest-history.txt');
  });

  it('writes the policy with the suggested points: it compiles, and only amounts differ', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'leadscore-suggest-')), 'suggested.score');
    const { code } = await runCli(['suggest', 'examples/b2b-saas.score', ...sample, '-o', output]);
    expect(code).toBe(0);
    const written = readFileSync(output, 'utf8');
    expect(compile(written).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const before = readRepoFile('examples/b2b-saas.score').split('\n');
    const after = written.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, index) => (line === after[index] ? [] : [[line, after[index]!]]));
    expect(changed.length).toBeGreaterThan(3);
    for (const [old, now] of changed)
      expect(old!.replace(/\b(add|subtract) \d+/, '').replace(/at most \d+/, '')).toBe(now!.replace(/\b(add|subtract) \d+/, '').replace(/at most \d+/, ''));
    const json = JSON.parse((await runCli(['suggest', 'examples/b2b-saas.score', ...sample, '--format', 'json'])).stdout);
    expect(json).toMatchObject({ grid: 5, leads: 1500, heldOut: { folds: 5 } });
    expect(json.candidates[0]).toMatchObject({ rule: expect.stringMatching(/^when /) });
  });

  it('refuses bad options clearly', async () => {
    const run = (args: string[]) => runCli(['suggest', 'examples/b2b-saas.score', ...sample, ...args]);
    expect(await run(['--mql-rate', 'lots'])).toMatchObject({ code: 1, stderr: 'leadscore: --mql-rate must be a percentage above 0 and at most 100, such as 20%, got "lots"\n' });
    expect(await run(['--folds', '1'])).toMatchObject({ code: 1, stderr: 'leadscore: --folds must be a whole number of at least 2, got "1"\n' });
    const unwritable = await run(['-o', '/no/such/folder/x.score']);
    expect(unwritable).toMatchObject({ code: 1, stderr: 'leadscore: cannot write /no/such/folder/x.score: its directory does not exist\n' });
    expect(unwritable.stderr).not.toMatch(stackTraceLine);
  });
});
