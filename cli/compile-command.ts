import { writeFile } from 'node:fs/promises';
import { printableJson } from '../runtime/printable.js';
import { resolve } from 'node:path';
import { CliError, fileProblem, write, type CliIo } from '../workspace/index.js';
import { compileFile, reportDiagnostics } from '../workspace/index.js';
import { compileDbtModel, compileSql, sqlDialects, type RelationName, type SqlDialect, type SqlResult } from '../sql/index.js';
import { type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';
import { parseNow } from './score.js';

export interface CompileOptions {
  output?: string;
  target?: string;
  dialect?: string;
  now?: string;
  leadsRelation?: string;
  eventsRelation?: string;
  format?: string;
}

/** `leadscore compile POLICY [-o FILE]`: the rule graph as JSON, or with `--target sql` one SQL query (or a dbt model). */
export async function compileCommand(path: string, options: CompileOptions, io: CliIo): Promise<number> {
  const target = options.target ?? 'ir';
  if (target !== 'ir' && target !== 'sql') throw new CliError(`--target must be ir or sql, got ${JSON.stringify(target)}`);
  if (target === 'ir') {
    for (const [flag, value] of [
      ['--dialect', options.dialect],
      ['--now', options.now],
      ['--leads-relation', options.leadsRelation],
      ['--events-relation', options.eventsRelation],
      ['--format', options.format],
    ] as const) {
      if (value !== undefined) throw new CliError(`${flag} applies to --target sql only`);
    }
  }
  const { result } = await compileFile(path, io);
  if (reportDiagnostics(result.diagnostics, result.sources, path, io) || !result.ir) return 1;
  let text: string;
  if (target === 'ir') text = printableJson(JSON.stringify(result.ir, null, 2)) + '\n';
  else {
    const compiled = compileToSql(result.ir, options, io);
    if (compiled.sql === undefined) {
      for (const diagnostic of compiled.diagnostics) {
        const where = diagnostic.range ? `${path}:${diagnostic.range.start.line}:${diagnostic.range.start.column}: ` : `${path}: `;
        io.stderr.write(`${where}error ${diagnostic.code}: ${diagnostic.message}\n`);
      }
      return 1;
    }
    text = compiled.sql;
  }
  if (!options.output) {
    await write(io.stdout, text);
    return 0;
  }
  try {
    await writeFile(resolve(io.cwd, options.output), text);
  } catch (error) {
    throw new CliError(`cannot write ${options.output}: ${fileProblem(error, true)}`);
  }
  return 0;
}

/** A relation name from the command line: `schema.table` is two quoted parts. */
const relationName = (text: string | undefined): RelationName | undefined => (text === undefined ? undefined : text.split('.'));

function compileToSql(ir: Parameters<typeof compileSql>[0], options: CompileOptions, io: CliIo): SqlResult {
  const dialect = options.dialect;
  if (dialect === undefined) throw new CliError(`--target sql needs --dialect: one of ${sqlDialects.join(', ')}`);
  if (!(sqlDialects as readonly string[]).includes(dialect)) throw new CliError(`--dialect must be one of ${sqlDialects.join(', ')}, got ${JSON.stringify(dialect)}`);
  const format = options.format ?? 'sql';
  if (format !== 'sql' && format !== 'dbt') throw new CliError(`--format must be sql or dbt, got ${JSON.stringify(format)}`);
  const now = options.now === undefined ? undefined : parseNow(options.now, io).toISOString();
  const common = { dialect: dialect as SqlDialect, ...(now !== undefined && { now }) };
  if (format === 'dbt') {
    return compileDbtModel(ir, {
      ...common,
      ...(options.leadsRelation !== undefined && { leads: options.leadsRelation }),
      ...(options.eventsRelation !== undefined && { events: options.eventsRelation }),
    });
  }
  return compileSql(ir, { ...common, relations: { leads: relationName(options.leadsRelation), events: relationName(options.eventsRelation) } });
}

/** `leadscore compile`: its arguments, options and help. */
export function registerCompileCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'compile')
    .description('compile a policy to its rule graph (JSON IR), or to one SQL query that scores a table of leads')
    .argument('<policy>', 'a .score file')
    .option('-o, --output <file>', 'write the result to a file instead of standard output')
    .option('--target <target>', 'ir (the rule graph, default) or sql')
    .option('--dialect <dialect>', `with --target sql: ${sqlDialects.join(', ')}`)
    .option('--now <time>', 'with --target sql: score at this ISO-8601 time (default: the database’s current time when the query runs)')
    .option(
      '--leads-relation <name>',
      "with --target sql: the table of leads (default: leads; schema.table for a qualified name; with --format dbt a dbt expression such as \"source('crm', 'leads')\")",
    )
    .option('--events-relation <name>', 'with --target sql: the table of events (default: events; as --leads-relation)')
    .option('--format <format>', 'with --target sql: sql (default) or dbt (a dbt model)')
    .action(async (policy: string, options: CompileOptions) => setExitCode(await compileCommand(policy, options, io)));
}
