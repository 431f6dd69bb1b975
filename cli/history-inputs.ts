// What `backtest` and `suggest` read: past leads, scored as of a moment, and their outcomes.
import { csvOutcomes, defaultOutcomeColumns, jsonlOutcomes, type OutcomeColumns, type Outcomes, type ScoredLead } from '../evidence/index.js';
import { csvLeads, isCsvPath, leadShape, type LeadInput } from '../leads/node.js';
import type { Policy } from '../runtime/index.js';
import { parseIsoTime, printable } from '../runtime/support.js';
import { CliError, readText, type CliIo } from '../workspace/index.js';
import { readLeadInputs } from './diff.js';
import { parseNow, scoreInput } from './score.js';

export interface HistoryOptions {
  leads: string;
  events?: string;
  outcomes: string;
  now?: string;
  idColumn?: string;
  convertedColumn?: string;
}

/** `--now`, which a look at the past cannot do without. */
export function requireNow(options: HistoryOptions, io: CliIo): Date {
  if (options.now === undefined) throw new CliError('--now is required: the time the leads are scored as of, before their outcomes were known (e.g. --now 2026-01-01T00:00:00Z)');
  return parseNow(options.now, io);
}

/** The leads (typed for every policy, the last first) and the outcomes, found by id or a name a policy maps to id. */
export async function readHistory(
  options: HistoryOptions,
  policies: Policy[],
  io: CliIo,
): Promise<{ leads: LeadInput[]; unit: string; outcomes: Outcomes; columns: OutcomeColumns }> {
  const { leads, unit } = await readLeads(options, policies, io);
  const idColumns = [options.idColumn ?? 'id', ...policies.flatMap((policy) => policy.ir.inputs.find((input) => input.name === 'id')?.sources ?? [])];
  const columns = { ...defaultOutcomeColumns, id: [...new Set(idColumns)], converted: options.convertedColumn ?? defaultOutcomeColumns.converted };
  const text = await readText(options.outcomes, 'outcomes', io);
  const outcomes = isCsvPath(options.outcomes) ? csvOutcomes(text, columns) : jsonlOutcomes(text, columns);
  return { leads, unit, outcomes, columns };
}

async function readLeads(options: HistoryOptions, policies: Policy[], io: CliIo): Promise<{ leads: LeadInput[]; unit: string }> {
  if (!isCsvPath(options.leads)) {
    if (options.events !== undefined) throw new CliError(`--events goes with leads in a profile CSV (a --leads path ending in .csv), got ${options.leads}`);
    return { leads: await readLeadInputs(options.leads, io), unit: 'line' };
  }
  const [first, ...rest] = [...policies].reverse();
  const source = await csvLeads(options.leads, options.events, leadShape(first!, ...rest), io);
  const leads: LeadInput[] = [];
  for await (const lead of source.leads) leads.push(lead);
  for (const message of source.unmatchedEvents()) io.stderr.write(`leadscore: ${message}\n`);
  return { leads, unit: 'row' };
}

/** The error when no lead could be paired with an outcome, naming the first problem of the outcomes. */
export function noOutcomes(scoredLeads: number, outcomes: Outcomes, columns: OutcomeColumns, path: string): CliError {
  const problem = outcomes.problems[0];
  const first = problem ? `; ${path} ${outcomes.unit} ${problem.row}: ${printable(problem.error)}` : '';
  return new CliError(
    `no lead has an outcome: ${scoredLeads} leads scored, ${outcomes.byId.size} outcomes read, no id in both (outcomes are found by ${columns.id.map((name) => `"${name}"`).join(' or ')})${first}`,
  );
}

/** Every lead scored at `now`: the scored ones by id, and the place and reason of each that was not. */
export function scoreAll(policy: Policy, leads: readonly LeadInput[], now: Date): { scored: ScoredLead[]; unreadable: Array<{ line: number; error: string }> } {
  const scored: ScoredLead[] = [];
  const unreadable: Array<{ line: number; error: string }> = [];
  for (const input of leads) {
    const outcome = scoreInput(policy, input, now);
    if ('error' in outcome) unreadable.push({ line: outcome.line, error: outcome.error.error });
    else if (outcome.result.id === null) unreadable.push({ line: outcome.line, error: 'the lead has no id, so no outcome can be found for it' });
    else scored.push({ id: String(outcome.result.id), result: outcome.result });
  }
  return { scored, unreadable };
}

/** How many events are dated after `now` (they are ignored when scoring at `now`), and in how many leads. */
export function eventsAfter(leads: readonly LeadInput[], now: Date): { events: number; leads: number } {
  let events = 0;
  let withEvents = 0;
  for (const input of leads) {
    const list = (input.lead as { events?: unknown } | undefined)?.events;
    if (!Array.isArray(list)) continue;
    const later = list.filter((event) => {
      const at = (event as { at?: unknown } | null)?.at;
      const millis = typeof at === 'string' ? parseIsoTime(at) : typeof at === 'number' ? at : NaN;
      return millis > now.getTime();
    }).length;
    events += later;
    if (later > 0) withEvents++;
  }
  return { events, leads: withEvents };
}
