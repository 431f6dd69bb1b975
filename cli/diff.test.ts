import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptanceNow, fixtures, root, runCli, stackTraceLine } from '../test-support/harness.js';
import { gitHost } from './diff.js';

const policy = 'examples/b2b-saas.score';
const leads = 'examples/leads.jsonl';
const tempDir = () => mkdtempSync(join(tmpdir(), 'leadscore-diff-'));

/** A folder with the reference policy, a copy where the demo request scores 10 instead of 40, and the acceptance leads. */
function demoChange(): string {
  const dir = tempDir();
  const text = readFileSync(join(root, policy), 'utf8');
  writeFileSync(join(dir, 'b2b-saas.score'), text);
  writeFileSync(join(dir, 'b2b-saas-demo-10.score'), text.replace('when request demo add 40', 'when request demo add 10'));
  copyFileSync(join(root, leads), join(dir, 'leads.jsonl'));
  return dir;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' },
  });

describe('leadscore diff: two files', () => {
  const args = ['b2b-saas.score', 'b2b-saas-demo-10.score', '--leads', 'leads.jsonl', '--now', acceptanceNow];

  it('reports, in Markdown for a pull request, the demo request scoring 10 instead of 40', async () => {
    const { code, stdout, stderr } = await runCli(['diff', ...args, '--format', 'markdown'], { cwd: demoChange() });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/diff-demo-10.md');
    // L1 alone requested a demo: it loses 29.65 points but keeps its stage (engagement 71.69 is still >= 60).
    expect(stdout).toContain('| L1 | 151.34 | 121.69 | -29.65 | — |');
    expect(stdout).toContain('| changed | engagement | 21: `when request demo add 40` | 21: `when request demo add 10` | points 40 → 10 |');
  });

  it('reports the same as text and as JSON', async () => {
    const dir = demoChange();
    const text = await runCli(['diff', ...args], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('6 leads: 6 scored under both, 0 could not be scored; 1 change score, 0 grade, 0 stage, 0 route');
    expect(text.stdout).toContain('  L1 (line 1): 151.34 → 121.69 (-29.65)\n      line 21: when request demo add 10 (was: when request demo add 40): +39.54 → +9.89\n');
    const json = await runCli(['diff', ...args, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ old: 'b2b-saas.score', new: 'b2b-saas-demo-10.score', leads: 6, scored: 6, failed: [] });
    expect(report['changed']).toEqual({ score: 1, grade: 0, stage: 0, route: 0 });
    expect(report['scoreChanges']).toMatchObject({ min: -29.65, median: 0, max: 0 });
  });

  it('shows leads that change stage in the transition matrix', async () => {
    const dir = demoChange();
    const text = readFileSync(join(dir, 'b2b-saas.score'), 'utf8');
    writeFileSync(join(dir, 'strict.score'), text.replace('stage "SQL" when fit >= 40 and engagement >= 60', 'stage "SQL" when fit >= 40 and engagement >= 120'));
    const { code, stdout } = await runCli(['diff', 'b2b-saas.score', 'strict.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('\nstage:\n  SQL → MQL: 1\n');
    expect(stdout).toContain('  L1 (line 1): 151.34 → 151.34 (0); stage SQL → MQL\n');
  });

  it('lists the leads that cannot be scored, with exit 2, and scores the rest', async () => {
    const dir = demoChange();
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"ok","title":"CTO"}\nnot json\n{"id":"x","employees":"many"}\n');
    const { code, stdout, stderr } = await runCli(['diff', 'b2b-saas.score', 'b2b-saas-demo-10.score', '--leads', 'bad.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toContain('3 leads: 1 scored under both, 2 could not be scored');
    expect(stdout).toContain('  line 2: not valid JSON:');
    expect(stdout).toContain('  line 3 (x): `employees` must be a number, got the text "many"\n');
    expect(stderr).toBe('leadscore: 2 of 3 leads could not be scored under one policy or both; they are listed in the report\n');
  });

  it('a missing policy or leads file, and a bad --top, are clear errors', async () => {
    const missing = await runCli(['diff', 'nope.score', policy, '--leads', leads, '--now', acceptanceNow]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('leadscore: cannot read policy nope.score: no such file\n');
    const noLeads = await runCli(['diff', policy, policy, '--leads', 'nope.jsonl', '--now', acceptanceNow]);
    expect(noLeads.code).toBe(1);
    expect(noLeads.stderr).toBe('leadscore: cannot read leads nope.jsonl: no such file\n');
    const top = await runCli(['diff', policy, policy, '--leads', leads, '--top', 'many', '--now', acceptanceNow]);
    expect(top.code).toBe(1);
    expect(top.stderr).toBe('leadscore: --top must be a whole number of leads, got "many"\n');
  });
});

describe('leadscore diff: Git revisions', () => {
  function repository(): string {
    const dir = demoChange();
    git(dir, 'init', '-q');
    git(dir, 'add', 'b2b-saas.score');
    git(dir, 'commit', '-q', '-m', 'policy');
    writeFileSync(join(dir, 'b2b-saas.score'), readFileSync(join(dir, 'b2b-saas-demo-10.score'), 'utf8'));
    return dir;
  }

  it('compares the committed policy (HEAD:file) with the working file', async () => {
    const dir = repository();
    const { code, stdout, stderr } = await runCli(['diff', 'HEAD:b2b-saas.score', 'b2b-saas.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Impact of HEAD:b2b-saas.score → b2b-saas.score on leads.jsonl');
    expect(stdout).toContain('changed  engagement, line 21: when request demo add 40  ⇒  when request demo add 10 (points 40 → 10)');
    const same = await runCli(['diff', 'HEAD:b2b-saas.score', 'HEAD:b2b-saas.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(same.stdout).toContain('0 change score, 0 grade, 0 stage, 0 route');
    expect(same.stdout).toContain('rules: none added, removed or changed');
  });

  it("a bad revision or path gives git's reason and exit 1", async () => {
    const dir = repository();
    const badRevision = await runCli(['diff', 'HEAD~5:b2b-saas.score', 'b2b-saas.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(badRevision.code).toBe(1);
    expect(badRevision.stderr).toMatch(/^leadscore: cannot read HEAD~5:b2b-saas\.score from git: .*HEAD~5/);
    expect(badRevision.stderr).not.toMatch(stackTraceLine);
    const badPath = await runCli(['diff', 'HEAD:nope.score', 'b2b-saas.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(badPath.code).toBe(1);
    expect(badPath.stderr).toMatch(/^leadscore: cannot read HEAD:nope\.score from git: .*nope\.score.*\n$/);
  });

  it('a revision that looks like an option of git is refused, and git writes no file', async () => {
    const dir = repository();
    for (const spec of ['--output=../x.txt:x', '-p:b2b-saas.score']) {
      const { code, stderr } = await runCli(['diff', '--leads', 'leads.jsonl', '--now', acceptanceNow, '--', spec, 'b2b-saas.score'], { cwd: dir });
      expect(code).toBe(1);
      expect(stderr).toBe(`leadscore: ${spec}: a Git revision cannot start with "-"\n`);
    }
    expect(existsSync(join(dir, '..', 'x.txt'))).toBe(false);
    // Imports of a policy read from Git cannot smuggle an option in either: the revision is the one given.
    expect(gitHost('HEAD', dir).readFile('--output=../y.txt:y')).toBeUndefined();
    expect(existsSync(join(dir, '..', 'y.txt'))).toBe(false);
  });

  it('outside a repository, says so', async () => {
    const dir = demoChange();
    const { code, stderr } = await runCli(['diff', 'HEAD:b2b-saas.score', 'b2b-saas.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toBe(`leadscore: cannot read HEAD:b2b-saas.score: ${dir} is not in a git repository\n`);
  });

  it('a policy with errors at a revision prints its diagnostics under the REV:path name', async () => {
    const dir = repository();
    writeFileSync(join(dir, 'b2b-saas.score'), 'fit:\n  when titel contains "CTO" add 10\n');
    git(dir, 'commit', '-q', '-am', 'broken');
    const { code, stderr } = await runCli(['diff', 'HEAD:b2b-saas.score', 'b2b-saas-demo-10.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('--> HEAD:b2b-saas.score:2:8');
    expect(stderr).toContain('leadscore: HEAD:b2b-saas.score has errors; nothing was compared\n');
  });
});

describe('leadscore diff: a policy at a Git revision that imports files', () => {
  /** A repository where policies/b2b.score imports shared/fit.score, which reads lists/competitors.txt. */
  function repository(): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'policies', 'shared', 'lists'), { recursive: true });
    writeFileSync(
      join(dir, 'policies', 'b2b.score'),
      'import "shared/fit.score"\n\nwhen domain in competitors blacklist\n\nstage "SQL" when fit >= 10\nstage "Nurture" otherwise\n',
    );
    writeFileSync(join(dir, 'policies', 'shared', 'fit.score'), 'list competitors from "lists/competitors.txt"\n\nfit:\n  when title contains word "CTO" add 10\n');
    writeFileSync(join(dir, 'policies', 'shared', 'lists', 'competitors.txt'), '# rivals\nacme.com\n');
    writeFileSync(join(dir, 'leads.jsonl'), '{"id":"A","email":"a@acme.com","title":"CTO"}\n{"id":"G","email":"g@globex.io","title":"CTO"}\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'one competitor');
    writeFileSync(join(dir, 'policies', 'shared', 'lists', 'competitors.txt'), '# rivals\nacme.com\nglobex.io\n');
    git(dir, 'commit', '-q', '-am', 'two competitors');
    return dir;
  }

  it('reads the imported policy and list file from the same revision', async () => {
    const dir = repository();
    const { code, stdout, stderr } = await runCli(['diff', 'HEAD~1:policies/b2b.score', 'HEAD:policies/b2b.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Only the list changed: G is a competitor at HEAD, not at HEAD~1.
    expect(stdout).toContain('2 leads: 2 scored under both, 0 could not be scored; 0 change score, 0 grade, 1 stage, 0 route');
    expect(stdout).toContain('\nstage:\n  SQL → Blacklisted: 1\n');
    expect(stdout).toContain('  G (line 2): 10 → 10 (0); stage SQL → Blacklisted\n      line 3: when domain in competitors blacklist: 0 → fired\n');
    expect(stdout).toContain('changed  outside sections, line 3: when domain in competitors blacklist  ⇒  when domain in competitors blacklist (condition)');
    // The working file agrees with HEAD, and from a subdirectory the paths stay those of the repository.
    const same = await runCli(['diff', 'HEAD:policies/b2b.score', 'policies/b2b.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(same.stdout).toContain('0 change score, 0 grade, 0 stage, 0 route');
    const fromSubdirectory = await runCli(['diff', 'HEAD~1:policies/b2b.score', 'HEAD:policies/b2b.score', '--leads', '../leads.jsonl', '--now', acceptanceNow], {
      cwd: join(dir, 'policies'),
    });
    expect(fromSubdirectory.code).toBe(0);
    expect(fromSubdirectory.stdout).toContain('0 grade, 1 stage, 0 route');
  });

  it('a file missing at that revision is a diagnostic naming it as REV:path, at the import', async () => {
    const dir = repository();
    writeFileSync(join(dir, 'policies', 'b2b.score'), 'import "shared/gone.score"\n\nstage "SQL" when fit >= 10\nstage "Nurture" otherwise\n');
    git(dir, 'commit', '-q', '-am', 'import a file that was never committed');
    const { code, stderr } = await runCli(['diff', 'HEAD~1:policies/b2b.score', 'HEAD:policies/b2b.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('cannot read "shared/gone.score" (HEAD:policies/shared/gone.score)');
    expect(stderr).toContain('--> HEAD:policies/b2b.score:1:8');
    expect(stderr).toContain('leadscore: HEAD:policies/b2b.score has errors; nothing was compared\n');
  });

  it("an error inside an imported file is shown with that file's REV:path name and its text", async () => {
    const dir = repository();
    writeFileSync(join(dir, 'policies', 'shared', 'fit.score'), 'list competitors from "lists/competitors.txt"\n\nfit:\n  when titel contains "CTO" add 10\n');
    git(dir, 'commit', '-q', '-am', 'typo');
    const { code, stderr } = await runCli(['diff', 'HEAD~1:policies/b2b.score', 'HEAD:policies/b2b.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('--> HEAD:policies/shared/fit.score:4:8');
    expect(stderr).toContain('when titel contains "CTO" add 10');
  });
});

describe('leadscore diff: leads from CSV', () => {
  const csv = `${fixtures}/csv`;

  it('reads a profile CSV and an events CSV, the same leads as the JSON Lines', async () => {
    const dir = demoChange();
    const args = ['b2b-saas.score', 'b2b-saas-demo-10.score', '--now', acceptanceNow, '--format', 'json'];
    const fromJsonl = await runCli(['diff', ...args, '--leads', 'leads.jsonl'], { cwd: dir });
    const fromCsv = await runCli(['diff', ...args, '--leads', join(root, csv, 'leads.csv'), '--events', join(root, csv, 'events.csv')], { cwd: dir });
    expect(fromCsv.stderr).toBe('');
    expect(fromCsv.code).toBe(0);
    type Report = { input: string; top: { line: number }[] };
    const { input: _input, ...report } = JSON.parse(fromCsv.stdout) as Report;
    const { input: _jsonlInput, ...expected } = JSON.parse(fromJsonl.stdout) as Report;
    // The same report, but leads are numbered by their CSV row: L1 is on row 2, not line 1.
    expect(report.top.map((lead) => lead.line)).toEqual([2]);
    expect({ ...report, top: report.top.map((lead) => ({ ...lead, line: 1 })) }).toEqual(expected);
  });

  it('lists bad rows in the report and events that match no lead on standard error, with exit 2', async () => {
    const { code, stdout, stderr } = await runCli([
      'diff',
      `${csv}/policy.score`,
      `${csv}/policy.score`,
      '--leads',
      `${csv}/bad-leads.csv`,
      '--events',
      `${csv}/bad-events.csv`,
      '--now',
      acceptanceNow,
    ]);
    expect(code).toBe(2);
    expect(stdout).toContain('8 leads: 3 scored under both, 5 could not be scored');
    expect(stdout).toContain('  line 3 (A2): row 3, column employees: "abc" is not a number;');
    expect(stdout).toContain('  line 9 (A8): events row 3, column at: "yesterday" is not an ISO-8601 time');
    expect(stderr).toContain(`leadscore: ${csv}/bad-events.csv rows 5, 6: lead_id "Z9" has no row in ${csv}/bad-leads.csv\n`);
  });

  it('--events without a CSV of leads is an error', async () => {
    const { code, stderr } = await runCli(['diff', policy, policy, '--leads', leads, '--events', `${csv}/events.csv`, '--now', acceptanceNow]);
    expect(code).toBe(1);
    expect(stderr).toBe('leadscore: --events goes with leads in a profile CSV (a --leads path ending in .csv), got examples/leads.jsonl\n');
  });
});
