import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { compileSql } from './index.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the README’s DuckDB run', () => {
  it('loads the example leads with its statements and scores them as examples/expected.jsonl says', { timeout: 60_000 }, async () => {
    const section = readme.slice(readme.indexOf('## Scoring in the database'));
    const statements = /```sql\n([\s\S]*?)```/.exec(section)![1]!.replace(/^\.read scores\.sql\n/m, '');
    const { ir } = compile(readFileSync(join(root, 'examples', 'b2b-saas.score'), 'utf8'));
    const sql = compileSql(ir!, { dialect: 'duckdb', now: '2026-11-23T12:00:00Z' }).sql!;
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(`SET file_search_path = '${root.replace(/'/g, "''")}'`);
      await connection.run(statements);
      const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
      const expected = readFileSync(join(root, 'examples', 'expected.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map(
          (line) => JSON.parse(line) as { id: string; score: number; dimensions: Record<string, number>; grade: string; stage: string; route: string | null; blacklisted: boolean },
        );
      const byId = new Map(rows.map((row) => [row['id'], row]));
      for (const want of expected) {
        const row = byId.get(want.id)!;
        expect({
          id: row['id'],
          score: row['score'],
          fit: row['fit'],
          engagement: row['engagement'],
          grade: row['grade'],
          stage: row['stage'],
          route: row['route'],
          blacklisted: row['blacklisted'],
        }).toEqual({
          id: want.id,
          score: want.score,
          fit: want.dimensions['fit'],
          engagement: want.dimensions['engagement'],
          grade: want.grade,
          stage: want.stage,
          route: want.route,
          blacklisted: want.blacklisted,
        });
      }
      expect(rows).toHaveLength(expected.length);
      const first = byId.get('L1')!;
      expect(section).toContain(
        `│ L1      │ ${first['score']} │   ${Number(first['fit']).toFixed(1)} │     ${first['engagement']} │ ${first['grade']}       │ ${first['stage']}         │ ${first['route']}     │ false       │`,
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
