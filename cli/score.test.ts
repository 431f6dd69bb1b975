import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { run } from './main.js';
import type { CliIo } from '../workspace/index.js';
import { acceptanceFields, acceptanceNow, fixtures, jsonLines, readRepoFile, root, runCli, textOf, withoutPolicy } from '../test-support/harness.js';

const policy = 'examples/b2b-saas.score';
const leads = 'examples/leads.jsonl';
const expected = jsonLines(readRepoFile('examples/expected.jsonl'));
const acceptanceSummary = 'leadscore: scored 6 leads, 0 failed (now 2026-11-23T12:00:00.000Z)\n' + acceptanceFields;

const tempDir = () => mkdtempSync(join(tmpdir(), 'leadscore-score-'));

/** The small policy in the fixtures: fit (title contains word "CTO" +10, employees >= 50 +5), engagement (open email +5 each, at most 15). */
const small = `${fixtures}/small.score`;
const lead = (fields: object) => JSON.stringify(fields);

describe('leadscore score: the acceptance run', () => {
  it('scores the bundled leads exactly as examples/expected.jsonl says, line by line', async () => {
    const { code, stdout, stderr } = await runCli(['score', policy, leads, '--now', acceptanceNow]);
    expect(code).toBe(0);
    expect(stderr).toBe(acceptanceSummary);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, index) => expect(withoutPolicy([JSON.parse(line)])[0], `line ${index + 1}`).toEqual(expected[index]));
    // Every line says which policy scored it.
    for (const line of lines) {
      expect((JSON.parse(line) as { policy: unknown }).policy).toEqual({ name: 'B2B SaaS inbound', version: null, hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    }
  });

  it('--explain adds the reasons for every point, and nothing else changes', async () => {
    const { code, stdout } = await runCli(['score', policy, leads, '--now', acceptanceNow, '--explain']);
    expect(code).toBe(0);
    const results = jsonLines(stdout) as { id: string; reasons: Record<string, unknown>[] }[];
    expect(withoutPolicy(results.map(({ reasons: _reasons, ...rest }) => rest))).toEqual(expected);
    const [l1, , l3] = results;
    expect(l1?.reasons).toContainEqual({ rule: 'when request demo add 40', line: 21, section: 'engagement', points: 39.54, events: 1 });
    expect(l1?.reasons).toContainEqual({ rule: 'when revenue >= 10M add 10', line: 11, section: 'fit', points: 10 });
    expect(l3?.reasons).toContainEqual({
      rule: 'when domain in competitors blacklist',
      line: 25,
      section: null,
      points: 0,
      blacklist: true,
      matched: [{ field: 'domain', operator: 'in', entry: 'acme.com', list: 'competitors' }],
    });
  });

  it('leaves out the reasons without --explain', async () => {
    const { stdout } = await runCli(['score', policy, leads, '--now', acceptanceNow]);
    expect(stdout).not.toContain('"reasons"');
  });

  it('gives identical output from a rule graph compiled to .json', async () => {
    const ir = join(tempDir(), 'b2b-saas.json');
    expect((await runCli(['compile', policy, '-o', ir])).code).toBe(0);
    for (const extra of [[], ['--explain']]) {
      const fromSource = await runCli(['score', policy, leads, '--now', acceptanceNow, ...extra]);
      const fromIr = await runCli(['score', ir, leads, '--now', acceptanceNow, ...extra]);
      expect(fromIr.code).toBe(0);
      expect(fromIr.stdout).toBe(fromSource.stdout);
      expect(fromIr.stderr).toBe(acceptanceSummary);
    }
  });

  it('reads the leads from standard input when given -', async () => {
    const fromFile = await runCli(['score', policy, leads, '--now', acceptanceNow]);
    const fromStdin = await runCli(['score', policy, '-', '--now', acceptanceNow], { stdin: readRepoFile(leads) });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stderr).toBe(acceptanceSummary);
  });

  it('uses the clock when --now is not given', async () => {
    // One day later than the acceptance run: L5's demo request (due a day after the acceptance `now`) now counts.
    const clock = vi.fn(() => new Date('2026-11-24T12:00:00Z'));
    const withClock = await runCli(['score', policy, leads], { clock });
    expect(clock).toHaveBeenCalled();
    expect(withClock.stderr).toBe('leadscore: scored 6 leads, 0 failed (now 2026-11-24T12:00:00.000Z)\n' + acceptanceFields);
    const withNow = await runCli(['score', policy, leads, '--now', '2026-11-24T12:00:00Z']);
    expect(withClock.stdout).toBe(withNow.stdout);
    expect(withClock.stdout).not.toBe((await runCli(['score', policy, leads, '--now', acceptanceNow])).stdout);
  });
});

describe('leadscore score: bad lines', () => {
  const input = [
    /* 1 */ lead({ id: 'good-1', title: 'CTO', employees: 60 }),
    /* 2 */ 'this is not JSON',
    /* 3 */ '[1, 2, 3]',
    /* 4 */ lead({ id: 'wrong-type', employees: 'many' }),
    /* 5 */ '',
    /* 6 */ lead({ id: 6, events: [{ type: 'open', object: 'email', at: 'yesterday' }] }),
    /* 7 */ lead({ id: 'no-type', events: [{ object: 'email', at: '2026-11-20T12:00:00Z' }] }),
    /* 8 */ '   ',
    /* 9 */ lead({ id: 'good-2', events: [{ type: 'open', object: 'email', at: '2026-11-20T12:00:00Z' }] }),
    /* 10 */ lead({ id: 'events-object', events: {} }),
  ].join('\n');

  const expectErrorLine = (value: unknown, line: number, id: string | number | null, error: RegExp) => {
    expect(value).toEqual({ line, id, error: expect.stringMatching(error) });
    expect(Object.keys(value as object)).toEqual(['line', 'id', 'error']);
  };

  it('puts an error line in place of each bad line, scores the rest, and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(['score', small, '-', '--now', acceptanceNow], { stdin: input });
    expect(code).toBe(2);
    const out = jsonLines(stdout);
    // Eight non-blank input lines, eight output lines, in input order.
    expect(out).toHaveLength(8);
    expect(out[0]).toMatchObject({ id: 'good-1', score: 15, dimensions: { fit: 15, engagement: 0 } });
    expectErrorLine(out[1], 2, null, /^not valid JSON/);
    expectErrorLine(out[2], 3, null, /must be a JSON object, got an array/);
    expectErrorLine(out[3], 4, 'wrong-type', /`employees` must be a number, got the text "many"/);
    // Line 5 is blank: skipped, but the numbers stay physical.
    expectErrorLine(out[4], 6, 6, /`events\[0\]\.at` must be an ISO-8601 time.*"yesterday"/);
    expectErrorLine(out[5], 7, 'no-type', /`events\[0\]` has no `type`/);
    expect(out[6]).toMatchObject({ id: 'good-2', score: 5, dimensions: { fit: 0, engagement: 5 } });
    expectErrorLine(out[7], 10, 'events-object', /`events` must be an array/);
    expect(stderr).toBe(
      'leadscore: scored 2 leads, 6 failed (now 2026-11-23T12:00:00.000Z)\nleadscore: fields read: title 1 present, 7 missing; employees 1 present, 6 missing, 1 unreadable\n',
    );
  });

  it('exits 2 even when every line failed, and 0 when only blank lines were given', async () => {
    expect((await runCli(['score', small, '-', '--now', acceptanceNow], { stdin: 'nope\n' })).code).toBe(2);
    const blank = await runCli(['score', small, '-', '--now', acceptanceNow], { stdin: '\n  \n\n' });
    expect(blank).toEqual({ code: 0, stdout: '', stderr: 'leadscore: scored 0 leads, 0 failed (now 2026-11-23T12:00:00.000Z)\n' });
  });

  it('counts lines the same with CRLF line ends, even when a chunk ends between \\r and \\n', async () => {
    const crlf = input.replace(/\n/g, '\r\n');
    const lf = await runCli(['score', small, '-', '--now', acceptanceNow], { stdin: input });
    const whole = await runCli(['score', small, '-', '--now', acceptanceNow], { stdin: crlf });
    const split = crlf.indexOf('\r\n', crlf.indexOf('\r\n') + 2) + 1; // between \r and \n of line 2
    const chunked = await runCli(['score', small, '-', '--now', acceptanceNow], { stdin: [crlf.slice(0, split), crlf.slice(split)] });
    expect(whole.stdout).toBe(lf.stdout);
    expect(chunked.stdout).toBe(lf.stdout);
    expect(whole.code).toBe(2);
  });

  it('ignores a byte-order mark at the start of the input', async () => {
    const { code, stdout } = await runCli(['score', small, '-', '--now', acceptanceNow], {
      stdin: '\ufeff' + lead({ id: 'first', title: 'CTO' }) + '\n' + lead({ id: 'second' }) + '\n',
    });
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toMatchObject([
      { id: 'first', score: 10 },
      { id: 'second', score: 0 },
    ]);
  });

  it('reads a leads file with a byte-order mark and CRLF line ends', async () => {
    const file = join(tempDir(), 'leads.jsonl');
    writeFileSync(file, '\ufeff' + readRepoFile(leads).replace(/\n/g, '\r\n'));
    const { code, stdout } = await runCli(['score', policy, file, '--now', acceptanceNow]);
    expect(code).toBe(0);
    expect(withoutPolicy(jsonLines(stdout))).toEqual(expected);
  });
});

describe('leadscore score: what stops it', () => {
  it('rejects a --now that is not an ISO-8601 time, before reading anything', async () => {
    for (const now of ['yesterday', '2026-02-30T00:00:00Z', '23.11.2026']) {
      const { code, stdout, stderr } = await runCli(['score', policy, leads, '--now', now]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`leadscore: --now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${JSON.stringify(now)}\n`);
    }
  });

  it('rejects a --now outside the years 0000 to 9999 (UTC), saying so', async () => {
    // It scored, and the summary said `(now -000001-12-31T23:00:00.000Z)`, a time leadscore cannot read.
    for (const now of ['0000-01-01T00:00:00+01:00', '9999-12-31T23:00:00-05:00']) {
      const { code, stdout, stderr } = await runCli(['score', policy, leads, '--now', now]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`leadscore: --now ${JSON.stringify(now)} is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back\n`);
    }
  });

  it('scores nothing when the policy has errors, with the diagnostics on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['score', `${fixtures}/errors.score`, leads, '--now', acceptanceNow]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.match(/^error LS\d{4}/gm)).toHaveLength(5);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(`leadscore: ${fixtures}/errors.score has errors; nothing was scored`);
  });

  it('scores with a policy that has warnings only, showing them on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['score', `${fixtures}/warnings.score`, leads, '--now', acceptanceNow]);
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toHaveLength(6);
    expect(stderr).toContain('warning LS4004');
  });

  it('rejects a rule graph that is not JSON', async () => {
    const file = join(tempDir(), 'broken.json');
    writeFileSync(file, '{"format": "leadscore-ir", ');
    const { code, stdout, stderr } = await runCli(['score', file, leads, '--now', acceptanceNow]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^leadscore: ${file} is not valid JSON: .+\\n$`));
  });

  it('rejects a rule graph of another IR version, saying what to do', async () => {
    const ir = JSON.parse((await runCli(['compile', policy])).stdout) as { version: number };
    const file = join(tempDir(), 'future.json');
    writeFileSync(file, JSON.stringify({ ...ir, version: ir.version + 1 }));
    const { code, stdout, stderr } = await runCli(['score', file, leads, '--now', acceptanceNow]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`leadscore: ${file}: this rule graph has IR version ${ir.version + 1}`);
    expect(stderr).toContain('recompile the policy');
  });

  it('rejects a malformed rule graph, naming the bad part', async () => {
    const ir = JSON.parse((await runCli(['compile', policy])).stdout) as { sections: { name: unknown }[] };
    ir.sections[0]!.name = 5;
    const file = join(tempDir(), 'malformed.json');
    writeFileSync(file, JSON.stringify(ir));
    const { code, stderr } = await runCli(['score', file, leads, '--now', acceptanceNow]);
    expect(code).toBe(1);
    expect(stderr).toBe(`leadscore: ${file}: malformed rule graph: sections.0.name must be string\n`);
  });

  it('says so when the leads file does not exist or is a directory', async () => {
    const missing = await runCli(['score', policy, 'no-such-leads.jsonl', '--now', acceptanceNow]);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'leadscore: cannot read leads no-such-leads.jsonl: no such file\n' });
    const folder = await runCli(['score', policy, 'examples', '--now', acceptanceNow]);
    expect(folder).toEqual({ code: 1, stdout: '', stderr: 'leadscore: cannot read leads examples: it is a directory\n' });
  });

  it('says so when the policy file does not exist', async () => {
    const { code, stderr } = await runCli(['score', 'no-such-policy.score', leads, '--now', acceptanceNow]);
    expect(code).toBe(1);
    expect(stderr).toBe('leadscore: cannot read policy no-such-policy.score: no such file\n');
  });

  it('rejects an unknown --format', async () => {
    const { code, stdout, stderr } = await runCli(['score', policy, leads, '--format', 'xml']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Allowed choices are jsonl, table, csv');
  });
});

describe('leadscore score --format table', () => {
  it('ranks the acceptance leads by score', async () => {
    const { code, stdout, stderr } = await runCli(['score', policy, leads, '--now', acceptanceNow, '--format', 'table']);
    expect(code).toBe(0);
    expect(stderr).toBe(acceptanceSummary);
    expect(
      stdout
        .split('\n')
        .slice(2, 8)
        .map((row) => row.split(/\s+/)[1]),
    ).toEqual(['L1', 'L3', 'L5', 'L4', 'L6', 'L2']);
    await expect(stdout).toMatchFileSnapshot('./__golden__/score-table.txt');
  });

  it('lists the lines that failed under the table, and exits 2', async () => {
    const input = [lead({ id: 'low', employees: 60 }), '["not", "a", "lead"]', lead({ id: 'high', title: 'CTO', employees: 60 }), '', lead({ id: 42, employees: 'lots' })].join(
      '\n',
    );
    const { code, stdout } = await runCli(['score', small, '-', '--now', acceptanceNow, '--format', 'table'], { stdin: input });
    expect(code).toBe(2);
    expect(stdout).toContain('line 5 (42): `employees` must be a number');
    await expect(stdout).toMatchFileSnapshot('./__golden__/score-table-failures.txt');
  });
});

describe('leadscore score: streaming', () => {
  const ioWith = (stdin: Readable, stdout: CliIo['stdout'], stderr: string[] = []): CliIo => ({
    stdout,
    stderr: { write: (chunk) => (stderr.push(textOf(chunk)), true) },
    stdin,
    cwd: root,
    stdoutIsTty: false,
    stderrIsTty: false,
    clock: () => new Date(acceptanceNow),
  });

  it('answers each lead as it arrives, without waiting for the end of the input', async () => {
    const stdin = new PassThrough();
    let out = '';
    const done = run(['score', small, '-'], ioWith(stdin, { write: (chunk) => ((out += chunk), true) }));
    stdin.write(lead({ id: 'first', title: 'CTO' }) + '\n');
    await vi.waitFor(() => expect(out).toContain('"first"'), { timeout: 2000 });
    stdin.write(lead({ id: 'second' }) + '\n');
    await vi.waitFor(() => expect(out).toContain('"second"'), { timeout: 2000 });
    stdin.end();
    expect(await done).toBe(0);
    expect(jsonLines(out).map((result) => (result as { id: string }).id)).toEqual(['first', 'second']);
  });

  it('waits for a full stdout to drain before writing more, and loses nothing', async () => {
    // An output whose buffer is always full after a write: the next write must wait for 'drain'.
    const drains = new EventEmitter();
    const chunks: string[] = [];
    let full = false;
    let writesWhileFull = 0;
    const stdout = {
      write(chunk: string) {
        if (full) writesWhileFull++;
        chunks.push(chunk);
        full = true;
        setTimeout(() => {
          full = false;
          drains.emit('drain');
        }, 1);
        return false;
      },
      once: (event: 'drain', listener: () => void) => drains.once(event, listener),
    };
    const count = 3000;
    // Input in chunks of 50 lines that arrive one by one, as from a pipe.
    const lines = Array.from({ length: count }, (_, index) => lead({ id: `G${index}` }) + '\n');
    const stdin = Readable.from(
      (async function* () {
        for (let start = 0; start < count; start += 50) {
          await new Promise((resolve) => setImmediate(resolve));
          yield lines.slice(start, start + 50).join('');
        }
      })(),
    );
    expect(await run(['score', small, '-'], ioWith(stdin, stdout))).toBe(0);
    const ids = jsonLines(chunks.join('')).map((result) => (result as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: count }, (_, index) => `G${index}`));
    expect(writesWhileFull).toBe(0);
    expect(drains.listenerCount('drain')).toBe(0);
  });
});

describe('leadscore score --bad-values missing', () => {
  const csvArgs = ['score', `${fixtures}/csv/policy.score`, `${fixtures}/csv/bad-leads.csv`, '--now', acceptanceNow];

  it('scores a CSV row whose cells cannot be read, without those values, with a warning naming row, column and value', async () => {
    const strict = await runCli(csvArgs);
    expect(jsonLines(strict.stdout)[1]).toEqual({ line: 3, id: 'A2', error: expect.stringContaining('row 3, column employees: "abc" is not a number') });
    const { code, stdout, stderr } = await runCli([...csvArgs, '--bad-values', 'missing']);
    const lead = jsonLines(stdout)[1] as { id: string; score: number; warnings: string[] };
    expect(lead.id).toBe('A2');
    expect(lead.warnings).toEqual([
      'row 3, column employees: "abc" is not a number; read as missing',
      'row 3, column newsletter: "maybe" is not true or false (nor yes/no, 1/0); read as missing',
    ]);
    expect(stderr).toContain('leadscore: scored 5 leads (1 with values read as missing), 3 failed');
    // Rows that are not a lead at all (wrong number of values, no id) stay errors.
    expect(code).toBe(2);
  });

  it('drops a JSON field of the wrong type with a warning; table and CSV output say the warning on standard error', async () => {
    const stdin = '{"id":"a","employees":"many","title":"CTO"}\n';
    const args = ['score', 'examples/b2b-saas.score', '-', '--now', acceptanceNow, '--bad-values', 'missing'];
    const jsonl = await runCli(args, { stdin });
    expect(jsonl.code).toBe(0);
    expect((jsonLines(jsonl.stdout)[0] as { warnings: string[] }).warnings).toEqual(['field employees: the text "many" is not a number; read as missing']);
    const csv = await runCli([...args, '--format', 'csv'], { stdin });
    expect(csv.stdout).not.toContain('many');
    expect(csv.stderr).toContain('leadscore: line 1 (a): field employees: the text "many" is not a number; read as missing\n');
  });

  it('refuses another choice', async () => {
    const { code, stderr } = await runCli(['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--bad-values', 'skip']);
    expect(code).toBe(1);
    expect(stderr).toContain("argument 'skip' is invalid. Allowed choices are error, missing.");
  });
});
