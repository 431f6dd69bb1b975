import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import parser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { compileDbtModel, compileSql } from './index.js';

const { Parser } = parser as unknown as { Parser: new () => { astify(sql: string, options: { database: string }): unknown } };

// The reference policy, with a glob, whole words and a country field, so that every kind of expression appears.
const source = `${readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8')}
field hq: country
extras:
  when hq in ["Germany", "AT"] add 1
  when title contains word "cto" add 1
  when visit page "/pricing*" add 1
`;
const { ir } = compile(source);
const now = '2026-11-23T12:00:00Z';

/**
 * BigQuery and Snowflake are not run here: their SQL is kept as golden files a reviewer reads, and
 * parsed by node-sql-parser, which knows both dialects. Their differences from the tested dialects
 * are listed in spec/language.md ("Scoring in SQL").
 */
describe.each([
  ['bigquery', 'BigQuery'],
  ['snowflake', 'Snowflake'],
] as const)('%s', (dialect, database) => {
  const sql = compileSql(ir!, { dialect, now }).sql!;

  it('writes the golden query', async () => {
    await expect(sql).toMatchFileSnapshot(`__golden__/b2b-saas.${dialect}.sql`);
  });

  it('is one statement the dialect’s parser reads', () => {
    const ast = new Parser().astify(sql, { database });
    expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
  });
});

describe('a dbt model', () => {
  it('configures a table and reads its relations through dbt, with the query in raw blocks', () => {
    const model = compileDbtModel(ir!, { dialect: 'duckdb', now, leads: "source('crm', 'leads')" }).sql!;
    expect(model.startsWith("{{ config(materialized='table') }}\n{% raw %}")).toBe(true);
    expect(model).toContain("{% endraw %}{{ source('crm', 'leads') }}{% raw %} AS \"l\"");
    expect(model).toContain('{% endraw %}{{ ref(\'events\') }}{% raw %} AS "e"');
    expect(model.trimEnd().endsWith('{% endraw %}')).toBe(true);
  });

  it('refuses a policy whose text would end the raw block (LS6005)', () => {
    const { ir: jinja } = compile('grade "{% endraw %}{{ 7*7 }}" when title = "x"\n');
    expect(compileDbtModel(jinja!, { dialect: 'duckdb' }).diagnostics.map((d) => d.code)).toEqual(['LS6005']);
  });
});
