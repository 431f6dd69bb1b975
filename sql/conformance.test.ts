import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyIr } from '../runtime/index.js';
import { caseFiles, caseProblems, compileCase, readGroup, type Backend, type ConformanceCase, type ConformanceGroup } from '../spec/conformance/runner.js';
import { compileSql } from './compile.js';
import type { SqlDialect } from './dialect.js';
import { scoreWithDuckDb, type LeadOutcome } from './duckdb.js';
import { postgresDatabase, scoreWithPostgres } from './postgres-test-engine.js';

/**
 * The cases a dialect refuses, with the diagnostic and why; every other case must give the
 * runtime's results exactly (score, sections, grade, stage, route, blacklisted; the SQL does not compute reasons).
 */
const refused: Record<SqlDialect, Record<string, { code: string; why: string }>> = {
  duckdb: {
    'names are case-sensitive and keywords lowercase; event words are not case-sensitive': {
      code: 'LS6002',
      why: 'the fields `policy` and `Policy` would be two columns that DuckDB, ignoring the case of names, cannot tell apart',
    },
    'the words of test files are names in a policy': { code: 'LS6002', why: 'a section called `blacklisted` would be a second result column `blacklisted`' },
  },
  postgres: {
    'the words of test files are names in a policy': { code: 'LS6002', why: 'a section called `blacklisted` would be a second result column `blacklisted`' },
  },
  bigquery: {},
  snowflake: {},
};

/** The keys a SQL result has: everything but the reasons, which the query does not compute. */
function withoutReasons(c: ConformanceCase): ConformanceCase {
  return { ...c, expected: c.expected.map((expected) => ('error' in expected ? expected : Object.fromEntries(Object.entries(expected).filter(([key]) => key !== 'reasons')))) };
}

/** A backend that answers from results computed beforehand, lead by lead. */
function answering(outcomes: Map<unknown, LeadOutcome>): Backend {
  return (_ir, lead) => {
    const outcome = outcomes.get(lead);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
}

type Engine = (ir: PolicyIr, leads: unknown[], now: string) => Promise<LeadOutcome[]>;

async function caseProblemsInSql(c: ConformanceCase, score: Engine): Promise<string[]> {
  const ir = compileCase(c);
  const outcomes = await score(ir, c.leads, c.now);
  return caseProblems(withoutReasons(c), answering(new Map(c.leads.map((lead, index) => [lead, outcomes[index]!]))), ir);
}

function describeConformance(dialect: SqlDialect, engine: Engine, start?: () => Promise<unknown>): void {
  describe(`conformance: ${dialect}`, () => {
    // Starting PGlite takes seconds on a busy machine: once, before the cases.
    if (start) beforeAll(start, 120_000);
    for (const file of caseFiles()) {
      const group = readGroup(file) as ConformanceGroup;
      describe(file, () => {
        for (const c of group.cases) {
          const refusal = refused[dialect][c.name];
          if (refusal) {
            it(`${c.name} — refused with ${refusal.code}: ${refusal.why}`, () => {
              expect(compileSql(compileCase(c), { dialect, now: c.now }).diagnostics.map((d) => d.code)).toContain(refusal.code);
            });
          } else {
            it(c.name, { timeout: 120_000 }, async () => {
              expect(await caseProblemsInSql(c, engine)).toEqual([]);
            });
          }
        }
      });
    }
  });
}

describeConformance('duckdb', (ir, leads, now) => scoreWithDuckDb(ir, leads, { now }));
describeConformance('postgres', (ir, leads, now) => scoreWithPostgres(ir, leads, { now }), postgresDatabase);
