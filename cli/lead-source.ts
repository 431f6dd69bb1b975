// The leads a command reads, by the path it was given: a profile CSV (with its events CSV), or
// JSON (JSON Lines, one lead, or standard input for `-`). One place, so `score` and `explain`
// take exactly the same inputs.
import type { Policy } from '../runtime/index.js';
import { csvLeads, isCsvPath, jsonlBlocks, jsonlStreamLeads, leadShape, openLeads, type BadValues, type LeadInput, type LineBlock } from '../leads/node.js';
import { CliError, type CliIo } from '../workspace/index.js';

export interface LeadSource<T = LeadInput> {
  leads: AsyncIterable<LeadInput | T>;
  /** How a lead's place in the input is named: a CSV `row` (the header is row 1), a JSON `line`. */
  unit: 'row' | 'line';
  /** The input as messages name it: its path, or `standard input`. */
  name: string;
  /** Once `leads` is consumed: the event rows no lead took (see csvLeads); none for JSON. */
  unmatchedEvents(): string[];
  /** A CSV's header, once read: the policy's fields no column provides, the columns no field reads. */
  header(): { unprovided: readonly string[]; unused: readonly string[] } | undefined;
}

/**
 * Opens the leads at `path` for `policy`: a path ending in `.csv` is a profile CSV (its values
 * typed by the policy's fields, `eventsPath` joined by lead id); anything else is JSON.
 * `what` names a missing JSON file in the error (`cannot read lead x.json`).
 */
export function openLeadSource(path: string, eventsPath: string | undefined, policy: Policy, io: CliIo, what?: string, badValues?: BadValues): Promise<LeadSource>;
/** With `raw`: JSON Lines come as blocks of lines, unparsed (LineBlock), for worker threads to parse. */
export function openLeadSource(
  path: string,
  eventsPath: string | undefined,
  policy: Policy,
  io: CliIo,
  what: string,
  badValues: BadValues,
  raw: true,
): Promise<LeadSource<LineBlock>>;
export async function openLeadSource(
  path: string,
  eventsPath: string | undefined,
  policy: Policy,
  io: CliIo,
  what = 'leads',
  badValues: BadValues = 'error',
  raw = false,
): Promise<LeadSource | LeadSource<LineBlock>> {
  const name = path === '-' ? 'standard input' : path;
  if (!isCsvPath(path)) {
    if (eventsPath !== undefined) throw new CliError(`--events goes with leads in a profile CSV (a LEADS path ending in .csv), got ${path}`);
    const input = await openLeads(path, io, what, raw);
    const leads = raw ? jsonlBlocks(input, path) : jsonlStreamLeads(input, path);
    return { leads, unit: 'line', name, unmatchedEvents: () => [], header: () => undefined };
  }
  const source = await csvLeads(path, eventsPath, { ...leadShape(policy), badValues }, io);
  return { leads: source.leads, unit: 'row', name, unmatchedEvents: () => source.unmatchedEvents(), header: () => source.header() };
}
