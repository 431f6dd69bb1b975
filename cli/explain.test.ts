import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptanceNow, fixtures, readRepoFile, runCli, stackTraceLine } from '../test-support/harness.js';

const policy = 'examples/b2b-saas.score';
const leads = 'examples/leads.jsonl';
const tempDir = () => mkdtempSync(join(tmpdir(), 'leadscore-explain-'));
const leadLine = (id: string) =>
  readRepoFile(leads)
    .split('\n')
    .find((line) => line.includes(`"id":"${id}"`))!;

describe('leadscore explain: the acceptance leads', () => {
  it('explains L1 section by section, with decay, the cap and the matching events', async () => {
    const { code, stdout, stderr } = await runCli(['explain', policy, leads, '--id', 'L1', '--now', acceptanceNow]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/explain-L1.txt');
    expect(stdout).toContain('engagement: 101.34');
    expect(stdout).toContain('+15  line 17: when open email add 5 each, at most 15');
    expect(stdout).toContain('+20 before decay → +17.81 after decay (half-life 60 days) → +15 after the cap (at most 15)');
    expect(stdout).toContain('  stage  SQL          row 1, line 33');
    expect(stdout).not.toContain('when phone is missing');
  });

  it('explains L3: the blacklist rule, and the stage and route it set', async () => {
    const { code, stdout } = await runCli(['explain', policy, leads, '--id', 'L3', '--now', acceptanceNow]);
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/explain-L3.txt');
    expect(stdout).toContain('blacklist  line 25: when domain in competitors blacklist');
    expect(stdout).toMatch(/stage {2}Blacklisted {2}set by blacklist/);
    expect(stdout).toContain('score: 54.32 = fit 35 + engagement 19.32 + outside sections 0');
  });

  it('shows the list entry a rule matched, and a named rule by its name', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'named.score'), 'fit:\n  when title contains any word ["CEO", "VP"] add 15 as "Executive"\n  when industry in ["software", "fintech"] add 10\n');
    writeFileSync(join(dir, 'lead.jsonl'), '{"id":"a","title":"VP Sales","industry":"Fintech"}\n');
    const { code, stdout } = await runCli(['explain', join(dir, 'named.score'), join(dir, 'lead.jsonl'), '--now', acceptanceNow]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        '        +15  line 2 "Executive": when title contains any word ["CEO", "VP"] add 15',
        '             matched title contains word "VP"',
        '        +10  line 3: when industry in ["software", "fintech"] add 10',
        '             matched industry = "fintech"',
      ].join('\n'),
    );
  });

  it('--all lists the rules that did not fire as well', async () => {
    const { code, stdout } = await runCli(['explain', policy, leads, '--id', 'L1', '--now', acceptanceNow, '--all']);
    expect(code).toBe(0);
    expect(stdout).toContain('—  line 13: when phone is missing subtract 5   (did not fire)');
    expect(stdout).not.toContain('--all lists them');
  });

  it('reads one lead from a .json file, and from standard input', async () => {
    const file = join(tempDir(), 'lead.json');
    writeFileSync(file, JSON.stringify(JSON.parse(leadLine('L3')), null, 2));
    const fromFile = await runCli(['explain', policy, file, '--now', acceptanceNow]);
    const fromStdin = await runCli(['explain', policy, '-', '--now', acceptanceNow], { stdin: leadLine('L3') });
    const fromJsonl = await runCli(['explain', policy, leads, '--id', 'L3', '--now', acceptanceNow]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(fromJsonl.stdout);
    expect(fromStdin.stdout).toBe(fromJsonl.stdout);
  });

  it('is the same from a compiled rule graph', async () => {
    const ir = join(tempDir(), 'policy.json');
    expect((await runCli(['compile', policy, '-o', ir])).code).toBe(0);
    const fromIr = await runCli(['explain', ir, leads, '--id', 'L1', '--now', acceptanceNow]);
    const fromSource = await runCli(['explain', policy, leads, '--id', 'L1', '--now', acceptanceNow]);
    expect(fromIr.stdout).toBe(fromSource.stdout);
  });
});

describe('leadscore explain: failures', () => {
  it('an invalid lead is a clear error and exit 2', async () => {
    const { code, stdout, stderr } = await runCli(['explain', policy, '-', '--now', acceptanceNow], { stdin: '{"id":"X","employees":"many"}' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('leadscore: the lead cannot be scored: `employees` must be a number, got the text "many"\n');
  });

  it('a lead file with several leads needs --id, and an unknown id is named', async () => {
    const several = await runCli(['explain', policy, leads, '--now', acceptanceNow]);
    expect(several.code).toBe(2);
    expect(several.stderr).toBe('leadscore: examples/leads.jsonl holds 6 leads; pick one with --id ID\n');
    const unknown = await runCli(['explain', policy, leads, '--id', 'L9', '--now', acceptanceNow]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('leadscore: no lead with id "L9" in examples/leads.jsonl (6 leads read)\n');
  });

  it('a policy with errors prints its diagnostics and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['explain', `${fixtures}/errors.score`, leads, '--id', 'L1', '--now', acceptanceNow]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('error LS2001: unknown name `titel`');
    expect(stderr).toContain('has errors');
    expect(stderr).not.toMatch(stackTraceLine);
  });

  it('a missing lead file and a bad --now are errors, not stack traces', async () => {
    const missing = await runCli(['explain', policy, 'no-such-lead.json', '--now', acceptanceNow]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('leadscore: cannot read lead no-such-lead.json: no such file\n');
    const badNow = await runCli(['explain', policy, leads, '--id', 'L1', '--now', 'yesterday']);
    expect(badNow.code).toBe(1);
    expect(badNow.stderr).toContain('--now must be an ISO-8601 time');
  });
});

describe('leadscore explain: every input score takes', () => {
  const csv = `${fixtures}/csv`;
  const fromCsv = ['explain', policy, `${csv}/leads.csv`, '--events', `${csv}/events.csv`, '--now', acceptanceNow];
  const bad = ['explain', `${csv}/policy.score`, `${csv}/bad-leads.csv`, '--events', `${csv}/bad-events.csv`, '--now', acceptanceNow];

  it('explains a lead of a profile CSV with its events, exactly as the same lead from JSON Lines', async () => {
    for (const id of ['L1', 'L3', 'L6']) {
      const csvRun = await runCli([...fromCsv, '--id', id]);
      const jsonlRun = await runCli(['explain', policy, leads, '--id', id, '--now', acceptanceNow]);
      expect(csvRun.stderr).toBe('');
      expect(csvRun.code).toBe(0);
      expect(csvRun.stdout, id).toBe(jsonlRun.stdout);
    }
    await expect((await runCli([...fromCsv, '--id', 'L1'])).stdout).toMatchFileSnapshot('__golden__/explain-L1.txt');
  });

  it('picks a lead by --id from JSON Lines on standard input', async () => {
    const { code, stdout } = await runCli(['explain', policy, '-', '--id', 'L3', '--now', acceptanceNow], { stdin: readRepoFile(leads) });
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/explain-L3.txt');
    const several = await runCli(['explain', policy, '-', '--now', acceptanceNow], { stdin: readRepoFile(leads) });
    expect([several.code, several.stderr]).toEqual([2, 'leadscore: standard input holds 6 leads; pick one with --id ID\n']);
  });

  it('reads one lead spread over several lines from standard input, as `jq .` prints it', async () => {
    const pretty = JSON.stringify(JSON.parse(leadLine('L3')), null, 2);
    const { code, stdout } = await runCli(['explain', policy, '-', '--now', acceptanceNow], { stdin: pretty });
    expect(code).toBe(0);
    expect(stdout).toBe((await runCli(['explain', policy, leads, '--id', 'L3', '--now', acceptanceNow])).stdout);
  });

  it('a CSV row with an error is that error, with exit 2; so is a lead whose events have one', async () => {
    const badValues = await runCli([...bad, '--id', 'A2']);
    expect(badValues).toEqual({
      code: 2,
      stdout: '',
      stderr: 'leadscore: the lead cannot be scored: row 3, column employees: "abc" is not a number; row 3, column newsletter: "maybe" is not true or false (nor yes/no, 1/0)\n',
    });
    const badEvent = await runCli([...bad, '--id', 'A8']);
    expect([badEvent.code, badEvent.stderr]).toEqual([
      2,
      'leadscore: the lead cannot be scored: events row 3, column at: "yesterday" is not an ISO-8601 time such as 2026-11-23T12:00:00Z\n',
    ]);
  });

  it('a repeated id, a missing --id and an unknown id in a profile CSV are errors with exit 2', async () => {
    const repeated = await runCli([...bad, '--id', 'A1']);
    expect([repeated.code, repeated.stdout, repeated.stderr]).toEqual([2, '', `leadscore: 2 leads have the id "A1" in ${csv}/bad-leads.csv (rows 2, 6)\n`]);
    const noId = await runCli(bad);
    expect([noId.code, noId.stderr]).toEqual([2, `leadscore: ${csv}/bad-leads.csv holds 7 leads; row 5 has no id; pick one with --id ID\n`]);
    const unknown = await runCli([...bad, '--id', 'A9']);
    expect([unknown.code, unknown.stderr]).toEqual([2, `leadscore: no lead with id "A9" in ${csv}/bad-leads.csv (7 leads read; row 5 has no id)\n`]);
  });

  it('a good row of a file with bad rows is explained, with its events; events of other leads do not matter', async () => {
    const { code, stdout, stderr } = await runCli([...bad, '--id', 'A7']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Lead A7 under "CSV fixture", at 2026-11-23T12:00:00.000Z');
    expect(stdout).toContain('open email  2026-11-22 00:00 UTC  1.5 days ago');
  });

  it('--events goes with a profile CSV only (exit 1)', async () => {
    const { code, stderr } = await runCli(['explain', policy, leads, '--id', 'L1', '--events', `${csv}/events.csv`, '--now', acceptanceNow]);
    expect([code, stderr]).toEqual([1, `leadscore: --events goes with leads in a profile CSV (a LEADS path ending in .csv), got ${leads}\n`]);
  });
});
