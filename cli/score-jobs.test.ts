// `leadscore score --jobs N`: worker threads score, and nothing a user sees changes: the output,
// the messages on stderr and the exit code are those of `--jobs 1`, byte for byte.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLeads } from '../scripts/generate-leads.js';
import { acceptanceNow, capturedIo, fixtures, runCli, stackTraceLine, type RunOptions } from '../test-support/harness.js';
import { inProcessLeads, leadsPerBatch, scoreCommand, type ScoreCommandOptions } from './score.js';
import { WorkerPool } from './worker-pool.js';

const policy = 'examples/b2b-saas.score';
const csv = `${fixtures}/csv`;
const tempDir = () => mkdtempSync(join(tmpdir(), 'leadscore-jobs-'));

/** Generated leads with bad lines among them: not JSON, a value of the wrong type, blank lines, CRLF, an event time that is no time. */
function mixedLeads(count: number): string {
  const lines: string[] = [];
  let index = 0;
  for (const line of generateLeads(count)) {
    index++;
    if (index % 397 === 0) lines.push('not json');
    if (index % 211 === 0) lines.push('{"id":"bad-' + index + '","employees":"many","country":"Germny"}');
    if (index % 503 === 0) lines.push('', '   ');
    if (index % 701 === 0) lines.push('{"id":"late","events":[{"type":"open","object":"email","at":"yesterday"}],"unknown_key":1}');
    lines.push(index % 5 === 0 ? line + '\r' : line);
  }
  return '\ufeff' + lines.join('\n') + '\n';
}

const mixedFile = (() => {
  let path: string | undefined;
  return () => {
    if (!path) {
      path = join(tempDir(), 'mixed.jsonl');
      writeFileSync(path, mixedLeads(leadsPerBatch * 2 + 500));
    }
    return path;
  };
})();

/** Runs `args` with --jobs 1 and with each of `jobs`; every run must give the same exit code, stdout and stderr. */
async function expectSameAsOneThread(args: string[], jobs: Array<string | undefined> = ['3'], options: RunOptions = {}) {
  const one = await runCli([...args, '--jobs', '1'], options);
  for (const threads of jobs) {
    const many = await runCli(threads === undefined ? args : [...args, '--jobs', threads], options);
    expect({ code: many.code, stdout: many.stdout, stderr: many.stderr }, `--jobs ${threads ?? '(default)'}`).toEqual({ code: one.code, stdout: one.stdout, stderr: one.stderr });
  }
  return one;
}

// Each run with worker threads starts them (and, from the sources, compiles the scoring code in each): allow for a busy machine.
describe('leadscore score --jobs N', { timeout: 120_000 }, () => {
  it('gives the bundled leads the output of --jobs 1 in every format', async () => {
    for (const format of [['--format', 'jsonl'], ['--explain'], ['--format', 'table'], ['--format', 'csv', '--explain'], ['--format', 'hubspot-csv']]) {
      const one = await expectSameAsOneThread(['score', policy, 'examples/leads.jsonl', '--now', acceptanceNow, ...format], ['2']);
      expect(one.code).toBe(0);
    }
  });

  it('gives a file of several batches with bad lines among them the output of --jobs 1: error lines in place, the summary, the field report, exit 2', async () => {
    const one = await expectSameAsOneThread(['score', policy, mixedFile(), '--now', acceptanceNow], ['2', '3', undefined]);
    expect(one.code).toBe(2);
    expect(one.stdout.split('\n')).toHaveLength(leadsPerBatch * 2 + 500 + 6 + 12 + 3 + 1);
    expect(one.stdout).toContain('{"line":398,"id":null,"error":"not valid JSON');
    // 6 lines not JSON, 12 with a value of the wrong type, 3 with an event time that is no time.
    expect(one.stderr).toMatch(/^leadscore: scored 2548 leads, 21 failed \(now 2026-11-23T12:00:00.000Z\)\n/);
    expect(one.stderr).toContain('leadscore: not read by the policy: unknown_key\n');
    expect(one.stderr).toContain('(no country: "Germny")');
    // Without --jobs, the first leads are scored here and the rest in worker threads.
    expect(leadsPerBatch * 2 + 500).toBeGreaterThan(inProcessLeads);
  });

  it('gives the same with --bad-values missing, warnings on stderr for CSV output', async () => {
    await expectSameAsOneThread(['score', policy, mixedFile(), '--now', acceptanceNow, '--bad-values', 'missing', '--format', 'csv']);
  });

  it('reads standard input as it reads a file', async () => {
    const stdin = mixedLeads(1500);
    await expectSameAsOneThread(['score', policy, '-', '--now', acceptanceNow, '--format', 'salesforce-csv'], ['3'], { stdin: [stdin.slice(0, 70_000), stdin.slice(70_000)] });
  });

  it('reads bytes as --jobs 1 does: characters of several bytes, bytes that are not UTF-8, a byte-order mark past line 1, a character cut between two chunks', async () => {
    const lines = mixedLeads(1500)
      .split('\n')
      .map((line, index) => {
        if (index % 97 === 50) return Buffer.from(`{"id":"Zoë 日本 😀 ${index}","title":"CTO","country":"DE"}`);
        if (index % 113 === 60) return Buffer.concat([Buffer.from(`{"id":"bad ${index} `), Buffer.from([0xff, 0xc3, 0x28, 0x80, 0xe2, 0x82]), Buffer.from('"}')]);
        if (index % 131 === 70) return Buffer.from(`\ufeff{"id":"bom ${index}"}`);
        if (index % 149 === 80) return Buffer.from([0x7b, 0x7d, 0xe2, 0x82]);
        return Buffer.from(line);
      });
    const bytes = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
    const path = join(tempDir(), 'bytes.jsonl');
    writeFileSync(path, bytes);
    const one = await expectSameAsOneThread(['score', policy, path, '--now', acceptanceNow], ['2']);
    expect(one.stdout).toContain('"id":"Zoë 日本 😀 50"');
    expect(one.stdout).toContain('"id":"bad 60 \ufffd\ufffd(\ufffd\ufffd"');
    const emoji = bytes.indexOf(Buffer.from('😀'));
    const cut = [bytes.subarray(0, emoji + 2), bytes.subarray(emoji + 2, 90_001), bytes.subarray(90_001)];
    await expectSameAsOneThread(['score', policy, '-', '--now', acceptanceNow], ['2'], { stdin: cut });
  });

  it('gives a profile CSV with its events, and one with bad rows and events, the output of --jobs 1', async () => {
    const good = await expectSameAsOneThread(['score', policy, `${csv}/leads.csv`, '--events', `${csv}/events.csv`, '--now', acceptanceNow]);
    expect(good.code).toBe(0);
    const bad = await expectSameAsOneThread([
      'score',
      `${csv}/policy.score`,
      `${csv}/bad-leads.csv`,
      '--events',
      `${csv}/bad-events.csv`,
      '--now',
      acceptanceNow,
      '--format',
      'csv',
    ]);
    expect(bad.code).toBe(2);
  });

  it('refuses a --jobs that is no whole number of threads, before reading anything', async () => {
    for (const jobs of ['0', 'abc', '-2', '1.5', '']) {
      const { code, stdout, stderr } = await runCli(['score', policy, 'examples/leads.jsonl', '--now', acceptanceNow, '--jobs', jobs]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`leadscore: --jobs must be a whole number of threads, at least 1 (1 scores in the command's own thread); got ${JSON.stringify(jobs)}\n`);
    }
    const { code, stderr } = await runCli(['score', policy, 'examples/leads.jsonl', '--now', acceptanceNow, '--jobs', '100']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^leadscore: --jobs must be at most 64 threads \(this machine has \d+ cores\); got "100"\n$/);
  });

  it('draws the progress lines of --jobs 1 on a terminal, between the same warnings', async () => {
    const withProgress = async (jobs: string) => {
      let now = 0;
      // As if each look at the clock came 50 ms after the one before: a progress line is due at every look after the first second.
      const { io, output } = capturedIo({ stderrIsTty: true, timer: () => (now += 50) });
      const code = await scoreCommand(policy, mixedFile(), { format: 'csv', now: acceptanceNow, badValues: 'missing', jobs }, io);
      return { code, ...output() };
    };
    const one = await withProgress('1');
    expect(one.stderr).toMatch(/\r[\d,]+ leads scored · [\d,]+ leads\/s/);
    expect(one.stderr).toMatch(/\r +\rleadscore: line \d+ \(bad-\d+\): /);
    expect(await withProgress('2')).toEqual(one);
  });

  it('names the lines a worker thread died with, exits 2, and shows no stack trace', async () => {
    const { io, output } = capturedIo();
    const options: ScoreCommandOptions = { format: 'jsonl', now: acceptanceNow, jobs: '2' };
    const crashing = (threads: number) => new WorkerPool(threads, { filename: new URL('./__fixtures__/crashing-worker.mjs', import.meta.url) }, {});
    const code = await scoreCommand(policy, 'examples/leads.jsonl', options, io, crashing as never);
    const { stdout, stderr } = output();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^leadscore: lines 1–6 were not scored: a worker thread stopped: the thread broke\nleadscore: scored 0 leads, 0 failed; 1 batch of lines not scored \(now/,
    );
    expect(stderr).not.toMatch(stackTraceLine);
  });
});
