import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptanceNow, root, runCli, stackTraceLine } from './__fixtures__/harness.js';

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

  it('a bad revision or path gives git\'s reason and exit 1', async () => {
    const dir = repository();
    const badRevision = await runCli(['diff', 'HEAD~5:b2b-saas.score', 'b2b-saas.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(badRevision.code).toBe(1);
    expect(badRevision.stderr).toMatch(/^leadscore: cannot read HEAD~5:b2b-saas\.score from git: .*HEAD~5/);
    expect(badRevision.stderr).not.toMatch(stackTraceLine);
    const badPath = await runCli(['diff', 'HEAD:nope.score', 'b2b-saas.score', '--leads', 'leads.jsonl', '--now', acceptanceNow], { cwd: dir });
    expect(badPath.code).toBe(1);
    expect(badPath.stderr).toMatch(/^leadscore: cannot read HEAD:nope\.score from git: .*nope\.score.*\n$/);
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
