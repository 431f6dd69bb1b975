import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptanceNow, fixtures, jsonLines, runCli, stackTraceLine } from '../test-support/harness.js';

describe('leadscore score: every input line accounted for', () => {
  it('a CSV with CR line ends scores its leads', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'leadscore-cr-')), 'leads.csv');
    writeFileSync(file, 'id,title,employees\rA,CTO,100\rB,Intern,5\r');
    const { code, stdout, stderr } = await runCli(['score', `${fixtures}/small.score`, file, '--now', acceptanceNow]);
    expect(code).toBe(0);
    expect((jsonLines(stdout) as Array<{ id: string; score: number }>).map(({ id, score }) => [id, score])).toEqual([
      ['A', 15],
      ['B', 0],
    ]);
    expect(stderr).toMatch(/^leadscore: scored 2 leads, 0 failed/);
  });

  it('a line too long to read is an error line in its place; the next lines are scored and the summary printed', async () => {
    const huge = `{"id":"big","notes":"${'x'.repeat(33 * 1024 * 1024)}"}`;
    const stdin = ['{"id":"a","title":"CTO"}', huge, '{"id":"c","title":"CTO"}', ''].join('\n');
    const { code, stdout, stderr } = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow], { stdin });
    expect(code).toBe(2);
    const lines = jsonLines(stdout) as Array<{ id?: string; line?: number; error?: string }>;
    expect(lines.map((line) => line.id ?? line.error)).toEqual(['a', 'line 2 is longer than 32 MiB; it was not read', 'c']);
    expect(stderr).toMatch(/scored 2 leads, 1 failed/);
    expect(stderr).not.toMatch(stackTraceLine);
  });

  it('a CSV column named __proto__ is a column like any other: reported when unread, read when the policy names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-proto-'));
    writeFileSync(join(dir, 'leads.csv'), 'id,__proto__,constructor\nA,CTO,x\n');
    writeFileSync(join(dir, 'policy.score'), 'field title from "__proto__"\nfit:\n  when title contains word "CTO" add 10\n');
    const unread = await runCli(['score', `${fixtures}/small.score`, join(dir, 'leads.csv'), '--now', acceptanceNow]);
    expect(unread.stderr).toContain('leadscore: not read by the policy: __proto__, constructor\n');
    const read = await runCli(['score', join(dir, 'policy.score'), join(dir, 'leads.csv'), '--now', acceptanceNow]);
    expect((jsonLines(read.stdout) as Array<{ score: number }>).map((result) => result.score)).toEqual([10]);
  });
});
