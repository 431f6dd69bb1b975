/**
 * What the playground's worker does: compile a policy and score the leads with
 * the project's own compiler and runtime. No DOM here, so it runs in Node tests too.
 */
import { compile } from '../../compiler/index.js';
import { hasErrors } from '../../language/index.js';
import { loadPolicy, parseIsoTime, type ScoreResult } from '../../runtime/index.js';
import type { LeadRow, LeadSummary, RunResponse } from './protocol.js';

export interface ParsedLead {
  line: number;
  lead?: unknown;
  error?: string;
}

/** Parses JSON Lines; blank lines are skipped, a line that is not JSON becomes an error row. */
export function parseLeads(text: string): ParsedLead[] {
  const leads: ParsedLead[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      leads.push({ line: index + 1, lead: JSON.parse(line) as unknown });
    } catch (error) {
      leads.push({ line: index + 1, error: `line ${index + 1} is not JSON: ${error instanceof Error ? error.message : String(error)}` });
    }
  });
  return leads;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function summary(lead: unknown): LeadSummary {
  const record = (lead !== null && typeof lead === 'object' ? lead : {}) as Record<string, unknown>;
  const name = [text(record['first_name']), text(record['last_name'])].filter(Boolean).join(' ');
  return { name, company: text(record['company']), title: text(record['title']), email: text(record['email']) };
}

/** Highest score first; ties keep input order; leads that could not be scored go last. */
function byScore(a: LeadRow, b: LeadRow): number {
  if (a.result && b.result) return b.result.score - a.result.score || a.line - b.line;
  if (a.result) return -1;
  if (b.result) return 1;
  return a.line - b.line;
}

export function evaluate(id: number, source: string, now: string, leads: readonly ParsedLead[]): RunResponse {
  const started = performance.now();
  const { ir, diagnostics } = compile(source, { fileName: 'policy.score' });
  const compiled = performance.now();
  const timings = { compileMs: compiled - started, scoreMs: 0 };
  if (!ir || hasErrors(diagnostics)) return { type: 'result', id, diagnostics, ok: false, timings };
  if (Number.isNaN(parseIsoTime(now))) {
    return { type: 'result', id, diagnostics, ok: true, nowError: `\`${now}\` is not an ISO-8601 time such as 2026-11-23T12:00:00Z`, timings };
  }
  const policy = loadPolicy(ir);
  const rows: LeadRow[] = leads.map(({ line, lead, error }) => {
    const row: LeadRow = { line, id: `line ${line}`, who: summary(lead) };
    const leadId = (lead as { id?: unknown } | undefined)?.id;
    if (typeof leadId === 'string' || typeof leadId === 'number') row.id = String(leadId);
    if (error !== undefined) return { ...row, error };
    try {
      const result: ScoreResult = policy.score(lead, { now });
      return { ...row, result };
    } catch (failure) {
      return { ...row, error: failure instanceof Error ? failure.message : String(failure) };
    }
  });
  rows.sort(byScore);
  timings.scoreMs = performance.now() - compiled;
  return { type: 'result', id, diagnostics, ok: true, sections: ir.sections.map((section) => section.name), rows, timings };
}
