import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';

describe('the examples ship with tests', () => {
  it('every example policy has a .test.score file next to it', () => {
    const names = readdirSync(import.meta.dirname);
    const policies = names.filter((name) => name.endsWith('.score') && !name.endsWith('.test.score'));
    expect(policies.length).toBeGreaterThanOrEqual(3);
    for (const policy of policies) expect(names, policy).toContain(policy.replace(/\.score$/, '.test.score'));
  });

  it('`leadscore test examples` passes every test', async () => {
    const { code, stdout, stderr } = await runCli(['test', 'examples']);
    expect(stderr).toBe('');
    expect(stdout).not.toContain('FAIL');
    expect(stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(code).toBe(0);
  });
});

describe('the examples’ rule expectations survive a line added to the policy', () => {
  /** The examples in a fresh folder, with a comment line inserted above the policy's first section. */
  function withCommentAboveRules(): string {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-examples-'));
    for (const name of readdirSync(import.meta.dirname).filter((name) => name.endsWith('.score'))) {
      let text = readFileSync(join(import.meta.dirname, name), 'utf8');
      if (!name.endsWith('.test.score')) text = text.replace(/^(\w+:)$/m, '# A comment added above the rules.\n$1');
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('a line expectation pinned to its rule fails, saying where the rule went, rather than test another rule; one by name still passes', async () => {
    const cwd = withCommentAboveRules();
    const { stdout } = await runCli(['test', '.'], { cwd });
    const expectations = (readFileSync(join(import.meta.dirname, 'b2b-saas.test.score'), 'utf8').match(/expect rule at line \d+/g) ?? []).length;
    expect(expectations).toBe(12);
    // Every line expectation of b2b-saas fails, each naming the line its rule moved to.
    const moved = [...stdout.matchAll(/actual: {3}line (\d+) (?:is .*|holds no rule); ".*" is at line (\d+)\n/g)];
    expect(moved).toHaveLength(expectations);
    for (const [, line, now] of moved) expect(Number(now)).toBe(Number(line) + 1);
    expect(stdout).toMatch(/^b2b-saas\.test\.score$/m);
    // The other examples expect their rules by name: a line more changes nothing.
    expect(stdout).not.toMatch(/FAIL .*\(product-(led|lines)\.test\.score/);
    expect(stdout).toMatch(/^9 passed, 6 failed$/m);
  });
});
