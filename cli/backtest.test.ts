import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvOutcomes } from '../evidence/index.js';
import { readRepoFile, root, runCli, stackTraceLine } from '../test-support/harness.js';
import { aucOf } from '../evidence/index.js';

const sample = ['--leads', 'examples/history/leads.jsonl', '--outcomes', 'examples/history/outcomes.csv', '--now', '2026-06-30T00:00:00Z'];

/** A folder with a copy of the reference policy and a variant of it, and small lead and outcome files. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-backtest-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('leadscore backtest', () => {
  it('reports AUC, deciles, and conversion by grade, stage and route on the bundled history', async () => {
    const { code, stdout, stderr } = await runCli(['backtest', 'examples/b2b-saas.score', ...sample]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    await expect(stdout).toMatchFileSnapshot('__golden__/backtest-history.txt');
  });

  it('writes Markdown for a pull request, and JSON with the figures under stable names', async () => {
    const markdown = await runCli(['backtest', 'examples/b2b-saas.score', ...sample, '--format', 'markdown']);
    await expect(markdown.stdout).toMatchFileSnapshot('__golden__/backtest-history.md');
    const { stdout } = await runCli(['backtest', 'examples/b2b-saas.score', ...sample, '--format', 'json']);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      policy: 'examples/b2b-saas.score',
      now: '2026-06-30T00:00:00Z',
      leads: 1500,
      auc: expect.any(Number),
      aucInterval: { low: expect.any(Number), high: expect.any(Number) },
    });
    expect(report.deciles).toHaveLength(10);
    expect(report.decisions.stage.map((figure: { label: string | null }) => figure.label)).toEqual(['SQL', 'MQL', 'Nurture', 'Blacklisted']);
    expect(report.input.eventsAfterNow.events).toBeGreaterThan(0);
  });

  it('agrees with the scores `leadscore score` gives and a pair count of the AUC', async () => {
    const scored = await runCli(['score', 'examples/b2b-saas.score', 'examples/history/leads.jsonl', '--now', '2026-06-30T00:00:00Z']);
    const scores = new Map(
      scored.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; score: number })
        .map((result) => [result.id, result.score]),
    );
    const outcomes = [...csvOutcomes(readRepoFile('examples/history/outcomes.csv')).byId.values()];
    let wins = 0;
    let pairs = 0;
    for (const positive of outcomes.filter((outcome) => outcome.converted)) {
      for (const negative of outcomes.filter((outcome) => !outcome.converted)) {
        const [p, n] = [scores.get(positive.id)!, scores.get(negative.id)!];
        pairs++;
        wins += p > n ? 1 : p === n ? 0.5 : 0;
      }
    }
    const { stdout } = await runCli(['backtest', 'examples/b2b-saas.score', ...sample, '--format', 'json']);
    expect(JSON.parse(stdout).auc).toBeCloseTo(wins / pairs, 12);
    expect(
      aucOf(
        outcomes.map((outcome) => scores.get(outcome.id)!),
        outcomes.map((outcome) => outcome.converted),
      ).auc,
    ).toBeCloseTo(wins / pairs, 12);
  });

  it('compares two policies on the same leads, with the change in AUC and its paired interval', async () => {
    const dir = workspace({
      'old.score': readRepoFile('examples/b2b-saas.score').replace('when request demo add 40', 'when request demo add 5'),
      'new.score': readRepoFile('examples/b2b-saas.score'),
    });
    const history = sample.map((arg) => (arg.startsWith('examples/') ? join(root, arg) : arg));
    const { code, stdout } = await runCli(['backtest', 'old.score', 'new.score', ...history, '--format', 'markdown'], { cwd: dir });
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/backtest-compare.md');
    const json = JSON.parse((await runCli(['backtest', join(dir, 'old.score'), 'examples/b2b-saas.score', ...sample, '--format', 'json'])).stdout);
    expect(json.aucDifference.difference).toBeCloseTo(json.after.auc - json.before.auc, 12);
    expect(json.aucDifference.interval.low).toBeGreaterThan(0);
  });

  it('writes the ROC and gains curves of both versions as SVG with --chart', async () => {
    const dir = workspace({ 'old.score': readRepoFile('examples/b2b-saas.score').replace('when request demo add 40', 'when request demo add 5') });
    const chart = join(dir, 'curves.svg');
    const { code } = await runCli(['backtest', join(dir, 'old.score'), 'examples/b2b-saas.score', ...sample, '--chart', chart]);
    expect(code).toBe(0);
    const svg = readFileSync(chart, 'utf8');
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    const { auc } = JSON.parse((await runCli(['backtest', 'examples/b2b-saas.score', ...sample, '--format', 'json'])).stdout);
    expect(svg).toContain(`examples/b2b-saas.score — AUC ${auc.toFixed(3)}`);
    expect(await runCli(['backtest', 'examples/b2b-saas.score', ...sample, '--chart', join(dir, 'no', 'such', 'folder.svg')])).toMatchObject({
      code: 1,
      stderr: `leadscore: cannot write the chart ${join(dir, 'no', 'such', 'folder.svg')}: its directory does not exist\n`,
    });
  });

  it('accounts for every lead and outcome it could not pair or read', async () => {
    const dir = workspace({
      'leads.jsonl': [
        '{"id": "A", "title": "CTO"}',
        '{"id": "B", "title": "Engineer"}',
        'not json',
        '{"id": "C", "title": "CEO", "events": [{"type": "request", "object": "demo", "at": "2027-01-01T00:00:00Z"}]}',
        '{"title": "no id"}',
        '{"id": "A", "title": "again"}',
      ].join('\n'),
      'outcomes.csv': 'ID,Converted\nA,yes\nB,0\nX,true\nB,1\nD,maybe\n',
    });
    const { code, stdout, stderr } = await runCli([
      'backtest',
      'examples/b2b-saas.score',
      '--leads',
      join(dir, 'leads.jsonl'),
      '--outcomes',
      join(dir, 'outcomes.csv'),
      '--now',
      '2026-06-30T00:00:00Z',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('2 leads with an outcome; converted: 1 of 2 (50.0%');
    expect(stdout.slice(stdout.lastIndexOf('\n\n', stdout.length - 2))).toBe(
      [
        '',
        '',
        '1 events dated after 2026-06-30T00:00:00Z (in 1 leads) were ignored, as scoring at that time ignores them',
        '1 leads without an outcome, left out: C',
        '1 outcomes whose lead is not among the leads, left out: X',
        '1 leads whose id an earlier lead has, left out: A',
        'lead at line 3 left out: not valid JSON: Unexpected token \'o\', "not json" is not valid JSON',
        'lead at line 5 left out: the lead has no id, so no outcome can be found for it',
        'outcome at row 5 left out: a second outcome for lead "B" (the first is at row 3); this one was not used',
        'outcome at row 6 left out: "converted" must be true or false (1 or 0, yes or no), got "maybe"',
        '',
      ].join('\n'),
    );
  });

  it('refuses without --now, without any lead that has an outcome, and with outcomes lacking their columns', async () => {
    const dir = workspace({ 'leads.jsonl': '{"id": "A"}\n', 'outcomes.csv': 'id,converted\nZ,1\n', 'bad.csv': 'lead,won\nA,1\n' });
    const run = (args: string[]) => runCli(['backtest', 'examples/b2b-saas.score', '--leads', join(dir, 'leads.jsonl'), ...args]);
    expect(await run(['--outcomes', join(dir, 'outcomes.csv')])).toMatchObject({
      code: 1,
      stderr: 'leadscore: --now is required: the time the leads are scored as of, before their outcomes were known (e.g. --now 2026-01-01T00:00:00Z)\n',
    });
    expect(await run(['--outcomes', join(dir, 'outcomes.csv'), '--now', '2026-06-30T00:00:00Z'])).toMatchObject({
      code: 1,
      stderr: 'leadscore: no lead has an outcome: 1 leads scored, 1 outcomes read, no id in both (outcomes are found by "id")\n',
    });
    const bad = await run(['--outcomes', join(dir, 'bad.csv'), '--now', '2026-06-30T00:00:00Z']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).not.toMatch(stackTraceLine);
    expect(bad.stderr).toBe(
      `leadscore: no lead has an outcome: 1 leads scored, 0 outcomes read, no id in both (outcomes are found by "id"); ${join(dir, 'bad.csv')} row 1: the header has no column "id", and none "converted"; it has "lead", "won"\n`,
    );
    const renamed = await run(['--outcomes', join(dir, 'bad.csv'), '--now', '2026-06-30T00:00:00Z', '--id-column', 'lead', '--converted-column', 'won']);
    expect(renamed).toMatchObject({ code: 0, stdout: expect.stringContaining('1 leads with an outcome; converted: 1 of 1') });
    expect(await run(['--outcomes', join(dir, 'missing.csv'), '--now', '2026-06-30T00:00:00Z'])).toMatchObject({
      code: 1,
      stderr: `leadscore: cannot read outcomes ${join(dir, 'missing.csv')}: no such file\n`,
    });
  });
});
