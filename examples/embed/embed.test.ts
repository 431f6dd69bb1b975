// Runs the embedding example as a user would, with node, against the build in dist/ (`npm run build`; `npm test` does).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, runCli, spawnAndCollect } from '../../test-support/harness.js';

const example = join(import.meta.dirname, 'score-service.mjs');
const runExample = (args: string[]) => spawnAndCollect(process.execPath, [example, ...args]);

const expected = /^L42: score 10, stage Nurture, route Marketing \(policy [0-9a-f]{16}\)\nL42: stage Nurture → MQL\nL42: route Marketing → Inbound SDR\n$/;

describe('examples/embed/score-service.mjs', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'runtime', 'index.js'))) throw new Error('dist/ does not exist: run `npm run build` first (`npm test` does)');
  });

  it('scores a lead with the reference policy and prints the transitions of a demo request', async () => {
    const { code, stdout, stderr } = await runExample([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(expected);
  });

  it('does the same from a rule graph compiled by `leadscore compile`', async () => {
    const ir = join(mkdtempSync(join(tmpdir(), 'leadscore-embed-')), 'policy.json');
    expect((await runCli(['compile', 'examples/b2b-saas.score', '-o', ir])).code).toBe(0);
    const { code, stdout } = await runExample([ir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(expected);
  });
});
