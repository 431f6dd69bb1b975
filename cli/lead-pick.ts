// Which lead `leadscore explain` explains: the only one in its input, or the one `--id` names.
import type { LeadInput } from '../leads/node.js';
import { CliError } from '../workspace/index.js';
import type { LeadSource } from './lead-source.js';

/** A lead that was read and can be handed to the policy. */
export interface PickedLead {
  line: number;
  id: string | number | null;
  lead: unknown;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `lines 2, 5`, `row 3`, or the first ten and how many more. */
function places(unit: string, numbers: readonly number[]): string {
  const shown = numbers.length > 10 ? `${numbers.slice(0, 10).join(', ')} and ${numbers.length - 10} more` : numbers.join(', ');
  return `${unit}${numbers.length === 1 ? '' : 's'} ${shown}`;
}

/** A lead's error with where it is: CSV errors name their row already; a JSON line is named here. */
function located(input: LeadInput, unit: LeadSource['unit']): string {
  return unit === 'row' ? input.error! : `line ${input.line}: ${input.error!}`;
}

function usable(input: LeadInput, unit: LeadSource['unit']): PickedLead {
  if (input.error !== undefined) throw new CliError(`the lead cannot be scored: ${located(input, unit)}`, 2);
  return { line: input.line, id: input.id, lead: input.lead };
}

/**
 * The one lead to explain. Without `id` the input must hold exactly one lead; with it, exactly
 * one lead must have that id (a number id matches its digits). The whole input is read, so a
 * repeated id is found. A lead that cannot be read (a bad CSV row, a line that is not JSON), no
 * such lead, or several, is a CliError with exit code 2.
 */
export async function pickLead(source: Pick<LeadSource, 'leads' | 'unit' | 'name'>, id: string | undefined): Promise<PickedLead> {
  const { unit, name } = source;
  let count = 0;
  let only: LeadInput | undefined;
  const matches: LeadInput[] = [];
  /** Places whose lead has no id that could be read: the lead asked for may be one of them. */
  const unreadable: number[] = [];
  for await (const input of source.leads) {
    count++;
    only = count === 1 ? input : undefined;
    if (input.id === null && input.error !== undefined) unreadable.push(input.line);
    if (id !== undefined && input.id !== null && String(input.id) === id) matches.push(input);
  }
  const one = unreadable.length === 1;
  const why = unit === 'line' ? `${one ? 'is' : 'are'} not JSON` : `${one ? 'has' : 'have'} no id`;
  const unreadableNote = unreadable.length === 0 ? '' : `; ${places(unit, unreadable)} ${why}`;
  const readable = plural(count - unreadable.length, 'lead');
  if (id === undefined) {
    if (only) return usable(only, unit);
    if (count === 0) throw new CliError(`${name} holds no lead`, 2);
    throw new CliError(`${name} holds ${readable}${unreadableNote}; pick one with --id ID`, 2);
  }
  if (matches.length === 1) return usable(matches[0]!, unit);
  if (matches.length > 1)
    throw new CliError(
      `${matches.length} leads have the id ${JSON.stringify(id)} in ${name} (${places(
        unit,
        matches.map((match) => match.line),
      )})`,
      2,
    );
  if (only && only.error === undefined) throw new CliError(`${name} holds one lead, and its id is not ${JSON.stringify(id)}`, 2);
  throw new CliError(`no lead with id ${JSON.stringify(id)} in ${name} (${readable} read${unreadableNote})`, 2);
}
