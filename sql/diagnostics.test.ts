import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { compileDbtModel, compileSql, sqlDiagnostics, type SqlDialect } from './index.js';

const markdown = readFileSync(join(import.meta.dirname, '..', 'spec', 'language.md'), 'utf8');
const section = markdown.slice(markdown.indexOf('## 13. Scoring in SQL'));

/** ```score sql-error=CODE dialect=D [format=dbt] fences of spec/language.md: each policy compiles, and the SQL target refuses it with CODE. */
const fences = [...section.matchAll(/^```score sql-error=(LS\d{4}) dialect=(\w+)( format=dbt)?\n([\s\S]*?)^```$/gm)].map((match) => ({
  code: match[1]!,
  dialect: match[2] as SqlDialect,
  dbt: match[3] !== undefined,
  policy: match[4]!,
}));

describe('the SQL target’s diagnostics in spec/language.md', () => {
  it('lists every code of the table, once, and no other', () => {
    const rows = [...section.matchAll(/^\| (LS6\d{3}) \| error \| .+ \|$/gm)].map((match) => match[1]);
    expect(rows).toEqual(Object.values(sqlDiagnostics).map((kind) => kind.code));
    for (const kind of Object.values(sqlDiagnostics)) expect(section).toMatch(new RegExp(`^#### ${kind.code}: `, 'm'));
  });

  for (const fence of fences) {
    it(`${fence.code}: the example is refused for ${fence.dialect}`, () => {
      const { ir, diagnostics } = compile(fence.policy);
      expect(diagnostics).toEqual([]);
      const result = fence.dbt ? compileDbtModel(ir!, { dialect: fence.dialect }) : compileSql(ir!, { dialect: fence.dialect });
      expect(result.sql).toBeUndefined();
      expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set([fence.code]));
    });
  }

  it('has an example for every code a policy file can cause', () => {
    expect(new Set(fences.map((fence) => fence.code))).toEqual(new Set(['LS6002', 'LS6003', 'LS6005']));
  });

  it('LS6002 is only about case where the dialect ignores it', () => {
    const { ir } = compile('field Tier: text\nfield tier: text\nwhen Tier = "a" add 1\nwhen tier = "b" add 1\n');
    expect(compileSql(ir!, { dialect: 'duckdb' }).diagnostics.map((d) => d.code)).toEqual(['LS6002']);
    expect(compileSql(ir!, { dialect: 'bigquery' }).diagnostics.map((d) => d.code)).toEqual(['LS6002']);
    expect(compileSql(ir!, { dialect: 'postgres' }).diagnostics).toEqual([]);
    expect(compileSql(ir!, { dialect: 'snowflake' }).diagnostics).toEqual([]);
  });

  it('LS6004: a `now` that is no time', () => {
    const { ir } = compile('when title = "x" add 1\n');
    const { diagnostics } = compileSql(ir!, { dialect: 'duckdb', now: 'yesterday' });
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['LS6004', '`now` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got "yesterday"']]);
  });

  it('gives each refusal the position of its cause in the policy', () => {
    const { ir } = compile('fit:\n  when title = "x" add 1\nblacklisted:\n  when title = "y" add 1\n');
    const [diagnostic] = compileSql(ir!, { dialect: 'postgres' }).diagnostics;
    expect(diagnostic?.range?.start.line).toBe(3);
  });
});
