// Numbers in a CRM export on the command line: the policy's `numbers "…"`, `--number-format` overriding it,
// and the error that says how to state the format.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../test-support/harness.js';

const now = '2026-11-23T12:00:00Z';

/** A policy and a profile CSV written as a German export writes them (comma-separated, the amounts quoted). */
function germanExport(statement: string): { policy: string; leads: string } {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-numbers-'));
  const files = { policy: join(dir, 'policy.score'), leads: join(dir, 'kontakte.csv') };
  writeFileSync(
    files.policy,
    `${statement}\nfield id from "Datensatz-ID"\nfield revenue from "Jahresumsatz"\nfield employees from "Mitarbeiter"\nfit:\n  when revenue >= 1000000 add 10\n  when employees >= 50 add 5\n`,
  );
  writeFileSync(files.leads, 'Datensatz-ID,Jahresumsatz,Mitarbeiter\nL1,"1.200.000 €",51-200\nL2,"999.999,50 €","1.001–5.000"\nL3,"1,5 Mio. €",12\nL4,,\n');
  return files;
}

const scores = (stdout: string) => (jsonLines(stdout) as Array<{ id: string; score?: number; error?: string }>).map((r) => [r.id, r.score ?? r.error]);

describe('numbers in a CRM export', () => {
  it('are read with the separators the policy states', async () => {
    const files = germanExport('numbers "1.234,56"');
    const { code, stdout, stderr } = await runCli(['score', files.policy, files.leads, '--now', now]);
    expect(stderr).toContain('scored 4 leads, 0 failed');
    expect(code).toBe(0);
    expect(scores(stdout)).toEqual([
      ['L1', 15],
      ['L2', 5],
      ['L3', 10],
      ['L4', 0],
    ]);
  });

  it('without a stated format, each lead with such a number is an error that says how to state it, and --number-format fixes it', async () => {
    const files = germanExport('');
    const { code, stdout } = await runCli(['score', files.policy, files.leads, '--now', now]);
    expect(code).toBe(2);
    const [first] = jsonLines(stdout) as Array<{ error: string }>;
    expect(first!.error).toBe(
      'row 2, column Jahresumsatz (revenue): "1.200.000 €" is not a number as leadscore reads them unless told (1,234.56): if the CRM writes 1.234,56, state it in the policy (`numbers "1.234,56"`) or with --number-format',
    );
    const fixed = await runCli(['score', files.policy, files.leads, '--now', now, '--number-format', '1.234,56']);
    expect(fixed.code).toBe(0);
    expect(scores(fixed.stdout)).toEqual([
      ['L1', 15],
      ['L2', 5],
      ['L3', 10],
      ['L4', 0],
    ]);
  });

  it('--number-format overrides the policy, and names its format in the error', async () => {
    const files = germanExport('numbers "1.234,56"');
    const { code, stdout } = await runCli(['score', files.policy, files.leads, '--now', now, '--number-format', '1,234.56']);
    expect(code).toBe(2);
    expect(scores(stdout)[0]).toEqual([
      'L1',
      'row 2, column Jahresumsatz (revenue): "1.200.000 €" is not a number as the policy writes them (1,234.56): state another format with `numbers "…"` or --number-format',
    ]);
  });

  it('--bad-values missing scores the lead without the number, and the field report counts it unreadable', async () => {
    const files = germanExport('');
    const { code, stderr } = await runCli(['score', files.policy, files.leads, '--now', now, '--bad-values', 'missing']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/revenue 0 present, 1 missing, 3 unreadable/);
  });

  it('--number-format must name a format leadscore reads', async () => {
    const files = germanExport('');
    const { code, stderr } = await runCli(['score', files.policy, files.leads, '--now', now, '--number-format', 'de-DE']);
    expect(code).toBe(1);
    expect(stderr).toContain('--number-format must be one of 1,234.56, 1.234,56, 1 234,56, 1\'234.56, got "de-DE"');
  });

  it('explain reads numbers the same way', async () => {
    const files = germanExport('');
    const { code, stdout } = await runCli(['explain', files.policy, files.leads, '--now', now, '--id', 'L3', '--number-format', '1.234,56']);
    expect(code).toBe(0);
    expect(stdout).toContain('when revenue >= 1000000 add 10');
  });
});
