// `leadscore score` writing CSV for people and import files for CRMs: reasons, renamed columns,
// leads left out of an import, and cells no spreadsheet runs as formulas.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { acceptanceFields, acceptanceNow, fixtures, runCli } from '../test-support/harness.js';

const csv = `${fixtures}/csv`;
const policy = 'examples/b2b-saas.score';
const fromCsv = ['score', policy, `${csv}/leads.csv`, '--events', `${csv}/events.csv`, '--now', acceptanceNow];
const fromJsonl = ['score', policy, 'examples/leads.jsonl', '--now', acceptanceNow];
const summary = 'leadscore: scored 6 leads, 0 failed (now 2026-11-23T12:00:00.000Z)\n';
const tempDir = () => mkdtempSync(join(tmpdir(), 'leadscore-crm-'));

describe('leadscore score: CRM import files of the bundled leads', () => {
  it('--format hubspot-csv: Record ID and the leadscore_ properties, from the CRM export (CSV)', async () => {
    const { code, stdout, stderr } = await runCli([...fromCsv, '--format', 'hubspot-csv']);
    expect(stderr).toBe(
      summary +
        'leadscore: fields read: email 6 present; title 5 present, 1 missing; industry 5 present, 1 missing; employees 4 present, 2 missing; revenue 4 present, 2 missing; country 4 present, 2 missing; phone 3 present, 3 missing\nleadscore: not read by the policy: crm_owner\n',
    );
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/score-hubspot.csv');
  });

  it('--format salesforce-csv: Id and the Leadscore_…__c fields, from JSON Lines', async () => {
    const { code, stdout, stderr } = await runCli([...fromJsonl, '--format', 'salesforce-csv']);
    expect(stderr).toBe(summary + acceptanceFields);
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/score-salesforce.csv');
  });

  it('the same leads give the same rows from CSV and from JSON Lines', async () => {
    const a = await runCli([...fromCsv, '--format', 'hubspot-csv']);
    const b = await runCli([...fromJsonl, '--format', 'hubspot-csv']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('--format csv --explain adds a short reasons column, most important first', async () => {
    const { code, stdout } = await runCli([...fromCsv, '--format', 'csv', '--explain']);
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/score-reasons.csv');
    expect(stdout.split('\n')[0]).toBe('line,id,score,fit,engagement,grade,stage,route,blacklisted,error,reasons');
    expect(stdout).toContain('3,L2,-25,-15,-10,D,Nurture,Marketing,false,,"domain = ""gmail.com"": -10; no activity for 30 days: -10; phone is missing: -5"\n');
  });

  it('--column renames and leaves out columns; --empty-as fills a missing route; --reasons-length cuts the reasons', async () => {
    const args = [...fromJsonl, '--format', 'hubspot-csv', '--column', 'id=Email', '--column', 'score=hs_lead_score', '--column', 'fit=', '--column', 'engagement='];
    const { code, stdout } = await runCli([...args, '--empty-as', '(none)', '--reasons-length', '60']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Email,hs_lead_score,leadscore_grade,leadscore_stage,leadscore_route,leadscore_reasons');
    expect(lines[1]).toBe('L1,151.34,A,SQL,Inbound SDR,request demo: +39.54; … (9 more)');
    expect(lines[3]).toBe('L3,54.32,B,Blacklisted,(none),"domain = ""acme.com"": blacklist; … (4 more)"');
    const rows = parse(stdout) as string[][];
    expect(rows).toHaveLength(7);
    for (const row of rows.slice(1)) expect([...row[5]!].length).toBeLessThanOrEqual(60);
  });
});

describe('leadscore score: leads left out of an import file', () => {
  it('a lead that failed is not written but listed on standard error and counted; exit 2', async () => {
    const args = ['score', `${csv}/policy.score`, `${csv}/bad-leads.csv`, '--events', `${csv}/bad-events.csv`, '--now', acceptanceNow, '--format', 'salesforce-csv'];
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    await expect(stdout).toMatchFileSnapshot('__golden__/score-salesforce-bad-rows.csv');
    expect(stdout).not.toContain('A2');
    expect(stderr).toBe(
      [
        'leadscore: row 3 (A2) not written: row 3, column employees: "abc" is not a number; row 3, column newsletter: "maybe" is not true or false (nor yes/no, 1/0)',
        'leadscore: row 4 (A3) not written: row 4: 3 values, but the header has 5 columns',
        'leadscore: row 5 not written: row 5, column id: empty; every lead needs an id',
        'leadscore: row 6 (A1) not written: row 6, column id: "A1" is also the id of row 2',
        'leadscore: row 9 (A8) not written: events row 3, column at: "yesterday" is not an ISO-8601 time such as 2026-11-23T12:00:00Z',
        `leadscore: ${csv}/bad-events.csv row 7: no lead_id`,
        `leadscore: ${csv}/bad-events.csv rows 5, 6: lead_id "Z9" has no row in ${csv}/bad-leads.csv`,
        `leadscore: scored 3 leads, 5 failed, left out of the import file; 2 problems with the events in ${csv}/bad-events.csv (now 2026-11-23T12:00:00.000Z)`,
        'leadscore: fields read: title 5 present, 3 missing; employees 3 present, 4 missing, 1 unreadable; newsletter 3 present, 4 missing, 1 unreadable',
        'leadscore: not read by the policy: notes',
        '',
      ].join('\n'),
    );
  });

  it('from JSON Lines: a lead without an id, a repeated id and a line that is not JSON are left out', async () => {
    const stdin = ['{"id":"A","title":"CTO"}', '{"title":"CTO"}', 'not json', '{"id":"A","title":"Intern"}', '{"id":7}', ''].join('\n');
    const { code, stdout, stderr } = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow, '--format', 'hubspot-csv'], { stdin });
    expect(code).toBe(2);
    expect(stdout).toBe(
      'Record ID,leadscore_score,leadscore_fit,leadscore_engagement,leadscore_grade,leadscore_stage,leadscore_route,leadscore_reasons\n' +
        'A,10,10,0,,SQL,,"title contains word ""CTO"": +10"\n7,0,0,0,,Nurture,,no rule fired\n',
    );
    expect(stderr).toMatch(/^leadscore: line 2 not written: it has no id, so no CRM record can be matched to it\n/);
    expect(stderr).toContain('leadscore: line 3 not written: not valid JSON');
    expect(stderr).toContain('leadscore: line 4 (A) not written: its id "A" is also the id of line 1, which was written\n');
    expect(stderr).toMatch(/leadscore: scored 2 leads, 3 failed, left out of the import file \(now 2026-11-23T12:00:00\.000Z\)\n/);
  });

  it('plain csv keeps every lead, with its error, as before', async () => {
    const stdin = ['{"title":"CTO"}', '{"id":"A"}', '{"id":"A"}'].join('\n');
    const { code, stdout } = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow, '--format', 'csv'], { stdin });
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(4);
  });
});

describe('leadscore score: spreadsheet-safe CSV', () => {
  it('ids, labels and reasons that look like formulas get a quote in front; negative scores stay numbers', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'policy.score'),
      'fit:\n  when title = "=cmd|\' /C calc\'!A0" add 5\n  when phone is missing subtract 12.5\n\nroute "@SUM(1)" when fit < 0\nroute "\\t=1" when fit < 5\nroute "+1+1" otherwise\n',
    );
    writeFileSync(join(dir, 'leads.csv'), 'id,title,phone\n"=HYPERLINK(""http://evil.example"",""x"")",,\n@SUM(1),"=cmd|\' /C calc\'!A0",1\n-1+1,,1\n');
    for (const format of ['csv', 'hubspot-csv', 'salesforce-csv']) {
      const { code, stdout } = await runCli(['score', join(dir, 'policy.score'), join(dir, 'leads.csv'), '--now', acceptanceNow, '--format', format, '--explain']);
      expect(code, format).toBe(0);
      const cells = (parse(stdout) as string[][]).flat();
      const risky = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
      expect(risky, format).toEqual([]);
      expect(cells, format).toContain('\'=HYPERLINK("http://evil.example","x")');
      expect(cells, format).toContain("'@SUM(1)");
      expect(cells, format).toContain("'-1+1");
      expect(cells, format).toContain("'\t=1");
      expect(cells, format).toContain("'+1+1");
      expect(cells, format).toContain('-12.5');
    }
  });
});

describe('leadscore score: CSV options that cannot be used', () => {
  const expectUsageError = async (args: string[], message: string) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`leadscore: ${message}\n`);
  };

  it('bad --column syntax, an unknown column, or leaving out the id of an import file', async () => {
    await expectUsageError(
      [...fromJsonl, '--format', 'hubspot-csv', '--column', 'score'],
      '--column takes NAME=HEADER, such as score=hs_lead_score (or reasons= to leave a column out); got "score"',
    );
    await expectUsageError(
      [...fromJsonl, '--format', 'hubspot-csv', '--column', 'scor=x'],
      '--column scor=…: hubspot-csv has no column "scor"; its columns are id, score, fit, engagement, grade, stage, route, reasons',
    );
    await expectUsageError(
      [...fromJsonl, '--format', 'salesforce-csv', '--column', 'id='],
      '--column id=: the id column cannot be left out of a salesforce-csv file; it is how the CRM finds the record to update',
    );
  });

  it('CSV options with a format that is not CSV, --reasons-length without reasons, or a bad length', async () => {
    await expectUsageError([...fromJsonl, '--column', 'score=x'], '--column goes with a CSV format (--format csv, hubspot-csv or salesforce-csv), not --format jsonl');
    await expectUsageError(
      [...fromJsonl, '--format', 'table', '--empty-as', '-'],
      '--empty-as goes with a CSV format (--format csv, hubspot-csv or salesforce-csv), not --format table',
    );
    await expectUsageError([...fromJsonl, '--format', 'csv', '--reasons-length', '100'], '--reasons-length goes with a reasons column: --format csv --explain, or a CRM format');
    for (const length of ['19', 'lots', '1.5', '']) {
      await expectUsageError(
        [...fromJsonl, '--format', 'hubspot-csv', '--reasons-length', length],
        `--reasons-length must be a whole number of characters, at least 20; got ${JSON.stringify(length)}`,
      );
    }
  });

  it('--no-formula-guard writes cells as they are with a CSV format, and is an error without one', async () => {
    const stdin = '{"id":"=1+1","title":"CTO"}\n';
    const guarded = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow, '--format', 'csv'], { stdin });
    expect(guarded.stdout.split('\n')[1]).toMatch(/^1,'=1\+1,/);
    const raw = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow, '--format', 'csv', '--no-formula-guard'], { stdin });
    expect(raw.stdout.split('\n')[1]).toMatch(/^1,=1\+1,/);
    const misplaced = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow, '--no-formula-guard'], { stdin });
    expect([misplaced.code, misplaced.stderr]).toEqual([
      1,
      'leadscore: --no-formula-guard goes with a CSV format (--format csv, hubspot-csv or salesforce-csv), not --format jsonl\n',
    ]);
  });
});
