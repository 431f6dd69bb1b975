import { LeadError } from '../runtime/index.js';
import { renderExplanation } from './explain-render.js';
import { CliError, dateFormatOption, loadPolicyFile, numberFormatOption, write, type CliIo } from '../workspace/index.js';
import { openLeadSource } from './lead-source.js';
import { pickLead } from './lead-pick.js';
import { dateFormatHelp, numberFormatHelp, parseNow } from './score.js';
import { type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

export interface ExplainOptions {
  now?: string;
  id?: string;
  all?: boolean;
  /** An events CSV to go with a profile CSV. */
  events?: string;
  /** The order of day and month in dates that are not ISO-8601; overrides the policy's `dates "…"`. */
  dateFormat?: string;
  numberFormat?: string;
}

/**
 * `leadscore explain POLICY LEAD`: why one lead got its score, for a person to read. LEAD is
 * anything `score` reads; the lead is the only one there, or the one `--id` names.
 */
export async function explainCommand(policyPath: string, leadsPath: string, options: ExplainOptions, io: CliIo): Promise<number> {
  const now = parseNow(options.now, io);
  const policy = await loadPolicyFile(policyPath, io, { dateFormat: dateFormatOption(options.dateFormat), numberFormat: numberFormatOption(options.numberFormat) });
  const source = await openLeadSource(leadsPath, options.events, policy, io, 'lead');
  // Events that name no lead of the profile CSV concern other leads: `score` reports them.
  const { lead } = await pickLead(source, options.id);
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
    .argument('<lead>', 'where the lead is: a .json file with one lead, a .jsonl or profile .csv file (pick the lead with --id), or - for standard input (JSON)')
    .option('--id <id>', 'the id of the lead to explain; needed when the input holds several')
    .option('--events <file>', 'with a profile .csv: an events .csv (lead_id,type,object,name,at)')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .option('--all', 'also list the rules that did not fire')
    .option(dateFormatHelp.flags, dateFormatHelp.description)
    .option(numberFormatHelp.flags, numberFormatHelp.description)
    .action(async (policy: string, lead: string, options: ExplainOptions) => setExitCode(await explainCommand(policy, lead, options, io)));
}
