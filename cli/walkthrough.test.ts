import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';

// The README's CI line for a policy repository, run on the repository's own examples.
describe('the README walkthrough: fmt --check && check --strict && test', () => {
  it('passes on examples/', async () => {
    for (const argv of [
      ['fmt', '--check', 'examples'],
      ['check', '--strict', 'examples'],
      ['test', 'examples'],
    ]) {
      const { code, stderr } = await runCli(argv);
      expect({ argv, code, stderr }).toEqual({ argv, code: 0, stderr: '' });
    }
  });
});
