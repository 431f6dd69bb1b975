import type { Readable } from 'node:stream';
import { LeadError } from '../runtime/index.js';
import { renderExplanation } from './explain-render.js';
import { CliError, write, type CliIo } from '../workspace/index.js';
import { loadPolicyFile, readText } from '../workspace/index.js';
import { parseNow } from './score.js';
import {  type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

export interface ExplainOptions {
  now?: string;
  id?: string;
  all?: boolean;
}

export async function readAll(input: Readable): Promise<string> {
  let text = '';
  input.setEncoding('utf8');
  for await (const chunk of input) text += chunk as string;
  return text.replace(/^\ufeff/, '');
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as Record<string, unknown>)['id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * The one lead to explain from a JSON document (one lead) or JSON Lines (pick it with `id`).
 * Throws CliError (exit 2) when there is no such lead or the text is not JSON.
 */
export function pickLead(text: string, name: string, id: string | undefined): unknown {
  let whole: unknown;
  let isWhole = true;
  try {
    whole = JSON.parse(text);
  } catch {
    isWhole = false;
  }
  if (isWhole) {
    if (id !== undefined && idOf(whole) !== id) throw new CliError(`${name} holds one lead, and its id is not ${JSON.stringify(id)}`, 2);
    return whole;
  }
  const lines = text.split(/\r?\n/);
  const leads: Array<{ line: number; value: unknown }> = [];
  const broken: number[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      leads.push({ line: index + 1, value: JSON.parse(line) });
    } catch {
      broken.push(index + 1);
    }
  });
  const brokenNote = broken.length === 0 ? '' : `; line${broken.length === 1 ? '' : 's'} ${broken.join(', ')} ${broken.length === 1 ? 'is' : 'are'} not JSON`;
  if (id === undefined) {
    if (leads.length === 1 && broken.length === 0) return leads[0]!.value;
    if (leads.length === 0) throw new CliError(`${name} is not JSON: ${text.trim() === '' ? 'it is empty' : `line ${broken[0]} is not a JSON lead`}`, 2);
    throw new CliError(`${name} holds ${leads.length} leads${brokenNote}; pick one with --id ID`, 2);
  }
  const found = leads.filter((lead) => idOf(lead.value) === id);
  if (found.length === 0) throw new CliError(`no lead with id ${JSON.stringify(id)} in ${name} (${leads.length} leads read${brokenNote})`, 2);
  if (found.length > 1) throw new CliError(`${found.length} leads have the id ${JSON.stringify(id)} in ${name} (lines ${found.map((f) => f.line).join(', ')})`, 2);
  return found[0]!.value;
}

/** `leadscore explain POLICY LEAD`: why one lead got its score, for a person to read. */
export async function explainCommand(policyPath: string, leadPath: string, options: ExplainOptions, io: CliIo): Promise<number> {
  const now = parseNow(options.now, io);
  const policy = await loadPolicyFile(policyPath, io);
  const text = leadPath === '-' ? await readAll(io.stdin) : await readText(leadPath, 'lead', io);
  const name = leadPath === '-' ? 'standard input' : leadPath;
  const lead = pickLead(text, name, options.id);
  let explanation;
  try {
    explanation = policy.explain(lead, { now });
  } catch (error) {
    if (error instanceof LeadError) throw new CliError(`the lead cannot be scored: ${error.message}`, 2);
    throw error;
  }
  await write(io.stdout, renderExplanation(explanation, policy, lead, { now, all: options.all ?? false }));
  return 0;
}


/** `leadscore explain`: its arguments, options and help. */
export function registerExplainCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'explain')
    .description('explain, for a person, why one lead got its score: rules, points, events, decisions')
    .argument('<policy>', 'a .score file, or a rule graph compiled to .json')
    .argument('<lead>', 'a .json file with one lead, a .jsonl file (pick the lead with --id), or - for standard input')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .option('--id <id>', 'the id of the lead to explain, when the file holds several')
    .option('--all', 'also list the rules that did not fire')
    .action(async (policy: string, lead: string, options: { now?: string; id?: string; all?: boolean }) =>
      setExitCode(await explainCommand(policy, lead, options, io)),
    );
}
