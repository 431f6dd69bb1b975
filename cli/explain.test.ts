import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickLead } from './explain.js';
import { acceptanceNow, fixtures, readRepoFile, runCli, stackTraceLine } from '../test-support/harness.js';

const policy = 'examples/b2b-saas.score';
const leads = 'examples/leads.jsonl';
const tempDir = () => mkdtempSync(join(tmpdir(), 'leadscore-explain-'));
const leadLine = (id: string) => readRepoFile(leads).split('\n').find((line) => line.includes(`"id":"${id}"`))!;

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
    expect(stderr).toContain("error LS2001: unknown name `titel`");
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

describe('pickLead', () => {
  it('takes a JSON document as one lead, and checks its id when --id is given', () => {
    expect(pickLead('{"id": 7}', 'lead.json', undefined)).toEqual({ id: 7 });
    expect(pickLead('{"id": 7}', 'lead.json', '7')).toEqual({ id: 7 });
    expect(() => pickLead('{"id": 7}', 'lead.json', '8')).toThrow('lead.json holds one lead, and its id is not "8"');
  });

  it('picks a line of JSON Lines by id, noting lines that are not JSON', () => {
    expect(pickLead('{"id":"a"}\r\n\r\n{"id":"b","x":1}\n', 'l.jsonl', 'b')).toEqual({ id: 'b', x: 1 });
    expect(() => pickLead('{"id":"a"}\nnope\n', 'l.jsonl', 'c')).toThrow('no lead with id "c" in l.jsonl (1 leads read; line 2 is not JSON)');
    expect(() => pickLead('{"id":"a"}\n{"id":"a"}\n', 'l.jsonl', 'a')).toThrow('2 leads have the id "a" in l.jsonl (lines 1, 2)');
    expect(() => pickLead('', 'l.jsonl', undefined)).toThrow('l.jsonl is not JSON: it is empty');
  });
});
