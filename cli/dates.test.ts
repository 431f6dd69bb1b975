// Dates in a CRM export on the command line: the policy's `dates "…"`, `--date-format` overriding it,
// and the error that says how to state the order of day and month.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../test-support/harness.js';

const now = '2026-11-23T12:00:00Z';

/** A policy, a profile CSV and an events CSV written as a US export writes them. */
function usExport(statement: string): { policy: string; leads: string; events: string } {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-dates-'));
  const files = {
    policy: join(dir, 'policy.score'),
    leads: join(dir, 'contacts.csv'),
    events: join(dir, 'events.csv'),
  };
  writeFileSync(files.policy, `${statement}\nfield created: date from "Create Date"\nfit:\n  when created within 30 days add 10\n  when no activity for 7 days subtract 5\n`);
  writeFileSync(files.leads, 'Record ID,Create Date\nL1,11/10/2026 09:30\nL2,03/04/2026\nL3,\n');
  writeFileSync(files.events, 'lead_id,type,at\nL1,Page View,11/22/2026 14:22\nL2,Page View,"11/01/2026, 2:22 PM"\n');
  return files;
}

const scores = (stdout: string) => (jsonLines(stdout) as Array<{ id: string; score?: number; error?: string }>).map((r) => [r.id, r.score ?? r.error]);

describe('dates in a CRM export', () => {
  it('are read in the order the policy states, profile and events alike', async () => {
    const files = usExport('dates "MM/DD/YYYY HH:mm"\nfield id from "Record ID"');
    const { code, stdout, stderr } = await runCli(['score', files.policy, files.leads, '--events', files.events, '--now', now]);
    expect(stderr).toContain('scored 3 leads, 0 failed');
    expect(stderr).toContain('created 2 present, 1 missing');
    expect(code).toBe(0);
    expect(scores(stdout)).toEqual([
      ['L1', 10],
      ['L2', -5],
      ['L3', -5],
    ]);
  });

  it('--date-format overrides the policy: the same file read day first', async () => {
    const files = usExport('dates "MM/DD/YYYY"\nfield id from "Record ID"');
    const { code, stdout } = await runCli(['score', files.policy, files.leads, '--events', files.events, '--now', now, '--date-format', 'DD/MM/YYYY']);
    expect(code).toBe(2);
    expect(scores(stdout)).toEqual([
      // 11/10/2026 reads as the 11th of October; the 22nd month does not exist.
      ['L1', 'events row 2, column at: "11/22/2026 14:22" is not a date (ISO-8601, or DD/MM/YYYY as the policy states)'],
      // 03/04/2026 is the 3rd of April, and the event the 11th of January: both long ago.
      ['L2', -5],
      ['L3', -5],
    ]);
  });

  it('without a stated format, each lead with such a date is an error that says how to state it', async () => {
    const files = usExport('field id from "Record ID"');
    const { code, stdout } = await runCli(['score', files.policy, files.leads, '--events', files.events, '--now', now]);
    expect(code).toBe(2);
    const [first] = jsonLines(stdout) as Array<{ error: string }>;
    expect(first!.error).toBe(
      'row 2, column Create Date (created): "11/10/2026 09:30" is not an ISO-8601 date, and the order of day and month is not stated: state it in the policy (`dates "MM/DD/YYYY"` or `dates "DD/MM/YYYY"`) or with --date-format',
    );
    const fixed = await runCli(['score', files.policy, files.leads, '--events', files.events, '--now', now, '--date-format', 'MM/DD/YYYY HH:mm']);
    expect(fixed.code).toBe(0);
  });

  it('--date-format must name a format leadscore reads', async () => {
    const files = usExport('');
    const { code, stderr } = await runCli(['score', files.policy, files.leads, '--now', now, '--date-format', 'YYYY/MM/DD']);
    expect(code).toBe(1);
    expect(stderr).toContain('--date-format must be one of MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY, MM-DD-YYYY, DD-MM-YYYY, got "YYYY/MM/DD"');
  });

  it('explain reads dates the same way', async () => {
    const files = usExport('field id from "Record ID"');
    const { code, stdout } = await runCli(['explain', files.policy, files.leads, '--events', files.events, '--now', now, '--id', 'L1', '--date-format', 'MM/DD/YYYY']);
    expect(code).toBe(0);
    expect(stdout).toContain('when created within 30 days add 10');
  });
});
