import { readdirSync } from 'node:fs';
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
