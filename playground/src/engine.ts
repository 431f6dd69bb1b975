/**
 * What the playground's worker does: compile a policy and score the leads with
 * the project's own compiler and runtime. No DOM here, so it runs in Node tests too.
 */
import { compile } from '../../compiler/index.js';
import { hasErrors } from '../../language/index.js';
import { loadPolicy, type Policy, type ScoreResult, type ValueType } from '../../runtime/index.js';
import { parseIsoTime } from '../../runtime/support.js';
import { LeadStore, parseLeads, type ParsedLead } from './leads.js';
import type { LeadRow, LeadSummary, RunRequest, RunResponse } from './protocol.js';

export { parseLeads, type ParsedLead };

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

/** The type of every field the policy reads, to type CSV values by. */
export function fieldTypes(policy: Policy): Map<string, ValueType> {
  return new Map(policy.ir.inputs.map((input) => [input.name, input.type]));
}

export function evaluate(id: number, source: string, now: string, leads: readonly ParsedLead[] | LeadStore): RunResponse {
  return run(id, source, now, leads).response;
}

function run(id: number, source: string, now: string, leads: readonly ParsedLead[] | LeadStore): { response: RunResponse; policy?: Policy } {
  const started = performance.now();
  const { ir, diagnostics } = compile(source, { fileName: 'policy.score' });
  const compiled = performance.now();
  const timings = { compileMs: compiled - started, scoreMs: 0 };
  if (!ir || hasErrors(diagnostics)) return { response: { type: 'result', id, diagnostics, ok: false, timings } };
  const policy = loadPolicy(ir);
  if (Number.isNaN(parseIsoTime(now))) {
    return { response: { type: 'result', id, diagnostics, ok: true, nowError: `\`${now}\` is not an ISO-8601 time such as 2026-11-23T12:00:00Z`, timings }, policy };
  }
  const list = leads instanceof LeadStore ? leads.leads(fieldTypes(policy)) : leads;
  const leadProblems = leads instanceof LeadStore ? leads.problems() : [];
  const rows: LeadRow[] = list.map(({ line, lead, error }) => {
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
  const response: RunResponse = { type: 'result', id, diagnostics, ok: true, sections: ir.sections.map((section) => section.name), rows, timings };
  if (leadProblems.length > 0) response.leadProblems = leadProblems;
  return { response, policy };
}

/**
 * The worker's state between requests: the leads (with the user's edits) and the last policy
 * that compiled, which checks an edited lead while the policy in the editor has errors.
 */
export class EngineSession {
  private readonly store = new LeadStore();
  private lastPolicy: Policy | undefined;

  handle(request: RunRequest): RunResponse {
    if (request.leads !== undefined) this.store.load(request.leads);
    // Edits from a shared link are checked as the lead editor's are; one refused keeps the lead as loaded.
    for (const edit of request.edits ?? []) if (this.checkEdit(request.source, edit.json) === undefined) this.store.edit(edit.line, JSON.parse(edit.json) as unknown);
    let editAnswer: RunResponse['edit'];
    if (request.edit) {
      const error = this.checkEdit(request.source, request.edit.json);
      if (error === undefined) this.store.edit(request.edit.line, JSON.parse(request.edit.json) as unknown);
      editAnswer = error === undefined ? { line: request.edit.line } : { line: request.edit.line, error };
    }
    const { response, policy } = run(request.id, request.source, request.now, this.store);
    if (policy) this.lastPolicy = policy;
    if (editAnswer) response.edit = editAnswer;
    // The page keeps a copy of the edits, for share links that reproduce the leads as they are now.
    if (request.leads !== undefined || request.edits !== undefined || (editAnswer && editAnswer.error === undefined)) {
      response.edited = this.store.edited();
    }
    if (request.selected !== undefined) {
      const parsed = this.current().find((lead) => lead.line === request.selected);
      if (parsed) response.selectedLead = { line: parsed.line, json: parsed.lead !== undefined ? JSON.stringify(parsed.lead, null, 2) : (parsed.raw ?? '') };
    }
    return response;
  }

  private current(): ParsedLead[] {
    return this.store.leads(this.lastPolicy ? fieldTypes(this.lastPolicy) : new Map());
  }

  /** Why an edited lead cannot replace the old one, or undefined when it can. */
  private checkEdit(source: string, json: string): string | undefined {
    let lead: unknown;
    try {
      lead = JSON.parse(json) as unknown;
    } catch (error) {
      return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (lead === null || typeof lead !== 'object' || Array.isArray(lead)) return 'a lead is a JSON object, such as {"id": "L1", "title": "CTO"}';
    const { ir, diagnostics } = compile(source, { fileName: 'policy.score' });
    if (ir && !hasErrors(diagnostics)) this.lastPolicy = loadPolicy(ir);
    try {
      this.lastPolicy?.validate(lead);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return undefined;
  }
}
