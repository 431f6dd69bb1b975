// End to end: the real `leadscore` binary in a child process. It runs the build in dist/, which
// `npm test` makes before running the tests; after changing the sources, run `npm run build`.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  acceptanceFields,
  acceptanceNow,
  fixtures,
  jsonLines,
  readRepoFile,
  root,
  spawnAndCollect,
  stackTraceLine,
  withoutPolicy,
  type ProcessRun,
} from '../test-support/harness.js';

const bin = join(root, 'bin', 'leadscore.js');
const built = join(root, 'dist', 'cli', 'main.js');

const leadscore = (args: string[], stdin?: string | Iterable<string>) => spawnAndCollect(process.execPath, [bin, ...args], stdin);

const expectNoStackTrace = (result: ProcessRun) => {
  expect(result.stdout).not.toMatch(stackTraceLine);
  expect(result.stderr).not.toMatch(stackTraceLine);
};

const acceptance = ['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', acceptanceNow];

beforeAll(() => {
  if (!existsSync(built)) {
    throw new Error(`${built} does not exist: the binary runs the build in dist/; run \`npm run build\` first (\`npm test\` does)`);
  }
});

// Each test starts Node and loads the compiler (about half a second each), so allow for a busy machine.
describe('the leadscore binary', { timeout: 30_000 }, () => {
  it('runs the acceptance example', async () => {
    const result = await leadscore(acceptance);
    expect(result.stderr).toBe('leadscore: scored 6 leads, 0 failed (now 2026-11-23T12:00:00.000Z)\n' + acceptanceFields);
    expect(result.code).toBe(0);
    expect(withoutPolicy(jsonLines(result.stdout))).toEqual(jsonLines(readRepoFile('examples/expected.jsonl')));
  });

  it('scores in worker threads from the build (--jobs 2) with the output of --jobs 1', async () => {
    const input = ['{"id":"ok"}', 'not json', '{"id":"bad","employees":"many"}', readRepoFile('examples/leads.jsonl')].join('\n');
    const one = await leadscore(['score', 'examples/b2b-saas.score', '-', '--now', acceptanceNow, '--jobs', '1'], input);
    const two = await leadscore(['score', 'examples/b2b-saas.score', '-', '--now', acceptanceNow, '--jobs', '2'], input);
    expect(two).toEqual(one);
    expect(one.code).toBe(2);
    expectNoStackTrace(two);
  });

  it('prints the ranked table, as `npm start` does', async () => {
    const result = await leadscore([...acceptance, '--format', 'table']);
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot('./__golden__/score-table.txt');
  });

  it('exits 2 when lines fail, with an error line in place of each', async () => {
    const input = ['{"id":"ok"}', 'not json', '{"id":"bad","employees":"many"}', '{"id":"ok-too"}'].join('\n') + '\n';
    const result = await leadscore(['score', 'examples/b2b-saas.score', '-', '--now', acceptanceNow], input);
    expect(result.code).toBe(2);
    const out = jsonLines(result.stdout) as Record<string, unknown>[];
    expect(out.map((line) => line['id'] ?? line['line'])).toEqual(['ok', 2, 'bad', 'ok-too']);
    expect(out[2]).toMatchObject({ line: 3, id: 'bad', error: expect.stringContaining('`employees`') });
    expect(result.stderr).toMatch(
      /^leadscore: scored 2 leads, 2 failed \(now 2026-11-23T12:00:00.000Z\)\nleadscore: warning: nothing in standard input gives the fields `email`, `title`/,
    );
    expectNoStackTrace(result);
  });

  it('streams 20,000 leads through stdin to 20,000 lines, in order', { timeout: 60_000 }, async () => {
    const count = 20_000;
    function* leads() {
      for (let index = 0; index < count; index++) {
        const events = index % 3 === 0 ? [{ type: 'open', object: 'email', at: '2026-11-20T12:00:00Z' }] : [];
        yield JSON.stringify({ id: `G${index}`, title: index % 2 ? 'CTO' : 'Intern', employees: index % 2000, events }) + '\n';
      }
    }
    const result = await leadscore(['score', 'examples/b2b-saas.score', '-', '--now', acceptanceNow], leads());
    expect(result.stderr.split('\n')[0]).toBe(`leadscore: scored ${count} leads, 0 failed (now 2026-11-23T12:00:00.000Z)`);
    expect(result.stderr).toContain('leadscore: warning: nothing in standard input gives the fields `email`, `industry`');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(count);
    lines.forEach((line, index) => {
      if (!line.startsWith(`{"id":"G${index}",`)) expect.fail(`output line ${index + 1} is not lead G${index}: ${line}`);
    });
  });

  it('stops quietly when the reader closes the pipe (| head -1)', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-bin-'));
    const leadsFile = join(folder, 'leads.jsonl');
    writeFileSync(leadsFile, Array.from({ length: 20_000 }, (_, index) => JSON.stringify({ id: `G${index}` })).join('\n') + '\n');
    const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    const line = `${quote(process.execPath)} ${quote(bin)} score examples/b2b-saas.score - --now ${acceptanceNow} < ${quote(leadsFile)} | head -1`;
    const result = await spawnAndCollect('sh', ['-c', line]);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'G0' });
    expect(result.stderr).not.toContain('EPIPE');
    expectNoStackTrace(result);
  });

  describe('failure modes: a clear message, the right exit code, never a stack trace', () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-bin-'));
    const brokenIr = join(folder, 'broken.json');
    const futureIr = join(folder, 'future.json');
    writeFileSync(brokenIr, '{"format": ');
    writeFileSync(futureIr, JSON.stringify({ format: 'leadscore-ir', version: 999 }));

    const cases: { name: string; args: string[]; stdin?: string; code: number; stderr: string }[] = [
      { name: 'no arguments', args: [], code: 0, stderr: '' },
      { name: 'unknown command', args: ['frobnicate'], code: 1, stderr: "unknown command 'frobnicate'" },
      { name: 'missing argument', args: ['score', 'examples/b2b-saas.score'], code: 1, stderr: "missing required argument 'leads'" },
      { name: 'unknown option', args: ['check', 'examples/b2b-saas.score', '--bogus'], code: 1, stderr: "unknown option '--bogus'" },
      { name: 'bad --format', args: ['check', 'examples/b2b-saas.score', '--format', 'xml'], code: 1, stderr: 'Allowed choices are text, json' },
      { name: 'missing policy', args: ['check', 'nope.score'], code: 1, stderr: 'cannot read policy nope.score: no such file' },
      { name: 'policy is a directory', args: ['compile', 'examples'], code: 1, stderr: 'cannot read policy examples: it is a directory' },
      { name: 'policy with errors (check)', args: ['check', `${fixtures}/errors.score`], code: 1, stderr: '' },
      { name: 'policy with errors (compile)', args: ['compile', `${fixtures}/errors.score`], code: 1, stderr: '5 errors, 0 warnings' },
      {
        name: 'policy with errors (score)',
        args: ['score', `${fixtures}/errors.score`, 'examples/leads.jsonl', '--now', acceptanceNow],
        code: 1,
        stderr: 'has errors; nothing was scored',
      },
      { name: 'unwritable -o', args: ['compile', 'examples/b2b-saas.score', '-o', join(folder, 'no', 'such', 'x.json')], code: 1, stderr: 'its directory does not exist' },
      { name: 'invalid --now', args: ['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', 'soon'], code: 1, stderr: '--now must be an ISO-8601 time' },
      { name: 'missing leads file', args: ['score', 'examples/b2b-saas.score', 'nope.jsonl'], code: 1, stderr: 'cannot read leads nope.jsonl: no such file' },
      { name: 'malformed IR', args: ['score', brokenIr, 'examples/leads.jsonl'], code: 1, stderr: `${brokenIr} is not valid JSON` },
      { name: 'wrong-version IR', args: ['score', futureIr, 'examples/leads.jsonl'], code: 1, stderr: 'IR version 999' },
      {
        name: 'bad lead lines',
        args: ['score', 'examples/b2b-saas.score', '-', '--now', acceptanceNow],
        stdin: '[]\n{"events": 5}\n{"events": [{"at": "2026-01-01"}]}\n{"events": [{"type": "open", "at": "later"}]}\n',
        code: 2,
        stderr: 'scored 0 leads, 4 failed',
      },
    ];
    for (const { name, args, stdin, code, stderr } of cases) {
      // Each spawns its own process: they can run side by side.
      it.concurrent(name, async ({ expect }) => {
        const result = await leadscore(args, stdin);
        expect(result.code).toBe(code);
        if (stderr === '') expect(result.stderr).toBe('');
        else expect(result.stderr).toMatch(stderr);
        expect(result.stdout).not.toMatch(stackTraceLine);
        expect(result.stderr).not.toMatch(stackTraceLine);
      });
    }
  });
});
