/**
 * Runs the conformance cases of spec/conformance/ against any backend: a
 * function that scores one lead with a compiled rule graph. Free of any test
 * framework, so every backend's test (interpreter, generated code, the
 * playground's worker) can reuse it. See README.md beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import { compile } from '../../compiler/index.js';
import type { PolicyIr } from '../../runtime/index.js';

/** Scores `lead` with the rule graph `ir` at `now` (ISO-8601, UTC); throws when the lead is invalid. */
export type Backend = (ir: PolicyIr, lead: unknown, now: string) => unknown;

export interface ExpectedReason {
  rule: string;
  line: number;
  section: string | null;
  points: number;
  events?: number;
  blacklist?: true;
}

/** What one lead must score; only the keys given are checked. */
export interface ExpectedResult {
  note?: string;
  id?: string | number | null;
  score?: number;
  dimensions?: Record<string, number>;
  grade?: string | null;
  stage?: string | null;
  route?: string | null;
  blacklisted?: boolean;
  reasons?: ExpectedReason[];
}

/** The lead is rejected with a message containing `error`. */
export interface ExpectedError {
  note?: string;
  error: string;
}

export interface ConformanceCase {
  name: string;
  note?: string;
  policy: string | string[];
  warnings?: string[];
  now: string;
  leads: unknown[];
  expected: Array<ExpectedResult | ExpectedError>;
}

export interface ConformanceGroup {
  description: string;
  cases: ConformanceCase[];
}

export const conformanceDir = import.meta.dirname;

const schema = JSON.parse(readFileSync(join(conformanceDir, 'case-group.schema.json'), 'utf8')) as object;
const validateShape = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The case files, in name order: every `*.json` of this folder except the schema. */
export function caseFiles(): string[] {
  return readdirSync(conformanceDir)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort();
}

export function readGroup(file: string): unknown {
  return JSON.parse(readFileSync(join(conformanceDir, file), 'utf8')) as unknown;
}

/** Everything wrong with the shape of a case file; empty when it is a valid group. */
export function groupProblems(value: unknown): string[] {
  if (!validateShape(value)) {
    return (validateShape.errors ?? []).map((error) => `${error.instancePath || '(file)'} ${error.message ?? 'is invalid'}`);
  }
  const group = value as ConformanceGroup;
  const problems: string[] = [];
  const names = new Set<string>();
  group.cases.forEach((c, index) => {
    if (names.has(c.name)) problems.push(`/cases/${index} repeats the name ${JSON.stringify(c.name)}`);
    names.add(c.name);
    if (c.leads.length !== c.expected.length) {
      problems.push(`/cases/${index} (${c.name}) has ${c.leads.length} leads but ${c.expected.length} expected results`);
    }
  });
  return problems;
}

export function policyText(c: ConformanceCase): string {
  return typeof c.policy === 'string' ? c.policy : c.policy.join('\n') + '\n';
}

/** Compiles a case's policy; throws when it has errors or warnings other than those the case lists. */
export function compileCase(c: ConformanceCase): PolicyIr {
  const { ir, diagnostics } = compile(policyText(c));
  const shown = diagnostics.map((d) => `${d.code} ${d.severity} at ${d.range.start.line}:${d.range.start.column}: ${d.message}`).join('\n');
  if (!ir) throw new Error(`the policy of "${c.name}" does not compile:\n${shown}`);
  const warnings = diagnostics.map((d) => d.code);
  if (!isDeepStrictEqual(warnings, c.warnings ?? [])) {
    throw new Error(`the policy of "${c.name}" compiles with warnings ${JSON.stringify(warnings)}, the case lists ${JSON.stringify(c.warnings ?? [])}:\n${shown}`);
  }
  return ir;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/**
 * Scores every lead of a case with `backend` and compares it with the expected
 * results. Returns one line per mismatch; empty when the backend conforms.
 * Numbers are compared exactly (and 0 is not -0).
 */
export function caseProblems(c: ConformanceCase, backend: Backend, ir: PolicyIr = compileCase(c)): string[] {
  const problems: string[] = [];
  c.leads.forEach((lead, index) => {
    const expected = c.expected[index]!;
    const where = `lead ${index + 1}${expected.note ? ` (${expected.note})` : ''}`;
    let actual: unknown;
    try {
      actual = backend(ir, lead, c.now);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!('error' in expected)) problems.push(`${where}: expected a result, but scoring failed: ${message}`);
      else if (!message.includes(expected.error)) problems.push(`${where}: the error ${show(message)} does not contain ${show(expected.error)}`);
      return;
    }
    if ('error' in expected) {
      problems.push(`${where}: expected an error containing ${show(expected.error)}, got ${show(actual)}`);
      return;
    }
    if (typeof actual !== 'object' || actual === null) {
      problems.push(`${where}: the backend returned ${show(actual)}, not a result object`);
      return;
    }
    for (const [key, want] of Object.entries(expected)) {
      if (key === 'note') continue;
      const got = (actual as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(got, want)) {
        const zero = typeof got === 'number' && Object.is(got, -0) ? ' (-0)' : '';
        problems.push(`${where}: ${key} is ${show(got)}${zero}, expected ${show(want)}`);
      }
    }
  });
  return problems;
}
