/**
 * What the playground's worker does: compile a policy and score the leads with
 * the project's own compiler and runtime. No DOM here, so it runs in Node tests too.
 */
import { compile, mappingsForHeader, type CompileResult } from '../../compiler/index.js';
import { hasErrors, type Diagnostic } from '../../language/index.js';
import { loadPolicy, type Policy, type ScoreResult } from '../../runtime/index.js';
import { outOfTimeRange, outsideTimeRange, parseIsoTime } from '../../runtime/support.js';
import { EngineFiles } from './engine-files.js';
import { FieldTally, leadShape, type FieldReport } from '../../leads/index.js';
import { LeadStore, parseLeads, type ParsedLead } from './leads.js';
import { byFolderOrder, isPolicyFile } from './policy-files.js';
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

/** Scores one policy without files around it (imports are errors), as the tests and benchmarks use it. */
export function evaluate(id: number, source: string, now: string, leads: readonly ParsedLead[] | LeadStore): RunResponse {
  const started = performance.now();
  const compiled = compile(source, { fileName: 'policy.score' });
  return score(id, compiled, performance.now() - started, now, leads).response;
}

/** A compiled policy's answer: its diagnostics, and the leads scored when it has no errors and `now` is a time. */
function score(id: number, compiled: CompileResult, compileMs: number, now: string, leads: readonly ParsedLead[] | LeadStore): { response: RunResponse; policy?: Policy } {
  const { ir, diagnostics } = compiled;
  const started = performance.now();
  const timings = { compileMs, scoreMs: 0 };
  const base = { type: 'result' as const, id, policies: [], read: [], diagnostics };
  if (!ir || hasErrors(diagnostics)) return { response: { ...base, ok: false, timings } };
  const policy = loadPolicy(ir);
  if (Number.isNaN(parseIsoTime(now))) {
    return {
      response: { ...base, ok: true, nowError: `\`${now}\` ${outOfTimeRange(now) ? outsideTimeRange : 'is not an ISO-8601 time such as 2026-11-23T12:00:00Z'}`, timings },
      policy,
    };
  }
  const shape = leadShape(policy);
  const list = leads instanceof LeadStore ? leads.leads(shape) : leads;
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
  timings.scoreMs = performance.now() - started;
  const response: RunResponse = { ...base, ok: true, sections: ir.sections.map((section) => section.name), rows, timings };
  const future = eventsAfter(list, parseIsoTime(now));
  if (future > 0) response.futureEvents = future;
  const header = leads instanceof LeadStore ? leads.header(shape) : undefined;
  if (header && 'noIdColumn' in header) response.noIdColumn = { mappings: mappingsForHeader(header.noIdColumn).map((fit) => fit.name) };
  response.fields = fieldReport(policy, list, header && 'unprovided' in header ? header : undefined);
  if (leadProblems.length > 0) response.leadProblems = leadProblems;
  return { response, policy };
}

/** Every diagnostic names its file: the compiler leaves it out for the policy's own. */
function inFile(diagnostics: readonly Diagnostic[], file: string): Diagnostic[] {
  return diagnostics.map((d) => (d.range.file === undefined ? { ...d, range: { ...d.range, file } } : d));
}

/**
 * The worker's state between requests: the leads (with the user's edits) and the last policy
 * that compiled, which checks an edited lead while the policy in the editor has errors.
 */
export class EngineSession {
  private readonly store = new LeadStore();
  private readonly files = new EngineFiles();
  private lastPolicy: Policy | undefined;

  handle(request: RunRequest): RunResponse {
    if (request.files) this.files.apply(request.files);
    if (request.leads !== undefined) this.store.load(request.leads);
    const entry = this.files.entry(request.entry);
    const started = performance.now();
    const compiled = entry === undefined ? undefined : this.files.compile(entry);
    const compileMs = performance.now() - started;
    // Edits from a shared link are checked as the lead editor's are; one refused keeps the lead as loaded.
    for (const edit of request.edits ?? []) if (this.checkEdit(compiled, edit.json) === undefined) this.store.edit(edit.line, JSON.parse(edit.json) as unknown);
    let editAnswer: RunResponse['edit'];
    if (request.edit) {
      const error = this.checkEdit(compiled, request.edit.json);
      if (error === undefined) this.store.edit(request.edit.line, JSON.parse(request.edit.json) as unknown);
      editAnswer = error === undefined ? { line: request.edit.line } : { line: request.edit.line, error };
    }
    const { response, policy } = compiled
      ? score(request.id, { ...compiled, diagnostics: inFile(compiled.diagnostics, entry!) }, compileMs, request.now, this.store)
      : { response: this.nothingToScore(request.id), policy: undefined };
    if (policy) this.lastPolicy = policy;
    response.policies = this.files.policies();
    if (entry !== undefined) {
      response.entry = entry;
      response.read = this.files.read(entry);
    }
    const shown = request.shown === undefined ? undefined : this.shownDiagnostics(request.shown, response.read);
    if (shown) response.shownDiagnostics = shown;
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

  private nothingToScore(id: number): RunResponse {
    const count = this.files.paths().length;
    const problem = count === 0 ? 'no files are open' : `no policy (a .score file that is not a .test.score) among the ${count} open file${count === 1 ? '' : 's'}`;
    return { type: 'result', id, policies: [], read: [], diagnostics: [], ok: false, problem, timings: { compileMs: 0, scoreMs: 0 } };
  }

  /**
   * The problems of a file the scored policy does not read: a policy file's own, or those a
   * policy that reads it finds there (an imported file is checked in the policy that imports it).
   */
  private shownDiagnostics(shown: string, read: readonly string[]): Diagnostic[] | undefined {
    if (read.includes(shown) || !this.files.has(shown)) return undefined;
    const readers = [...this.files.policies(), ...this.files.paths().filter(isPolicyFile).sort(byFolderOrder)];
    const reader = isPolicyFile(shown) && this.files.policies().includes(shown) ? shown : readers.find((path) => this.files.read(path).includes(shown));
    if (reader === undefined) return undefined;
    return inFile(this.files.compile(reader).diagnostics, reader).filter((d) => d.range.file === shown);
  }

  private current(): ParsedLead[] {
    return this.store.leads(this.lastPolicy ? leadShape(this.lastPolicy) : { types: new Map(), sources: new Map(), eventColumns: {} });
  }

  /** Why an edited lead cannot replace the old one, or undefined when it can. */
  private checkEdit(compiled: CompileResult | undefined, json: string): string | undefined {
    let lead: unknown;
    try {
      lead = JSON.parse(json) as unknown;
    } catch (error) {
      return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (lead === null || typeof lead !== 'object' || Array.isArray(lead)) return 'a lead is a JSON object, such as {"id": "L1", "title": "CTO"}';
    if (compiled?.ir && !hasErrors(compiled.diagnostics)) this.lastPolicy = loadPolicy(compiled.ir);
    try {
      this.lastPolicy?.validate(lead);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return undefined;
  }
}

/** How many events of these leads lie after `now`: scoring ignores them, and the page says so. */
export function eventsAfter(leads: readonly ParsedLead[], now: number): number {
  let count = 0;
  for (const { lead } of leads) {
    const events = (lead as { events?: unknown } | undefined)?.events;
    if (!Array.isArray(events)) continue;
    for (const event of events) {
      const at = (event as { at?: unknown } | null)?.at;
      if (typeof at === 'string' && parseIsoTime(at) > now) count++;
    }
  }
  return count;
}

/** What the leads gave the policy, field by field, as `leadscore score` reports it. */
function fieldReport(policy: Policy, leads: readonly ParsedLead[], header: { unprovided: string[]; unused: string[] } | undefined): FieldReport {
  const tally = new FieldTally(policy.ir);
  if (header) tally.setHeader(header.unprovided, header.unused);
  for (const { lead, unreadable } of leads) tally.add(policy.readLead && lead !== undefined ? policy.readLead(lead) : lead, unreadable, lead);
  return tally.report();
}
