import { printable } from '../runtime/printable.js';
import type { Command } from 'commander';
import { defaultMaxLeadEvents, startServer } from '../server/index.js';
import { CliError, type CliIo } from '../workspace/index.js';
import { defineCommand, type CommandContext } from './command.js';

/** `leadscore serve`: its arguments, options and help. */
export function registerServeCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'serve')
    .description('an HTTP service: score leads, keep their state for incremental scoring, reload the policy when it changes')
    .addHelpText(
      'after',
      `
Routes: POST /score (a lead or an array), POST /leads/:id/events (an event or
an array), PUT /leads/:id (profile fields), GET /leads/:id, GET /healthz.
Add ?now=ISO-TIME to score at a fixed time instead of the clock.
The policy is reloaded when its files change and hold still; SIGHUP reloads it
at once, even when it has no rules. SIGINT or SIGTERM stops the service.`,
    )
    .argument('<policy>', 'a .score file (reloaded when it changes), or a rule graph compiled to .json')
    .option('--port <n>', 'the port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option(
      '--state <file>',
      "keep the leads' states in this JSON file: every change is journaled beside it (FILE.journal.N) and on disk before it is acknowledged; folded into the file every 30 s and on exit",
    )
    .option('--max-body <size>', 'the largest request body, e.g. 1mb or 512kb', '1mb')
    .option('--max-lead-events <n>', "the most events one lead's state keeps (those that can still count); a change past it is refused with 422", String(defaultMaxLeadEvents))
    .action(async (policy: string, options: ServeCommandOptions) => setExitCode(await serveCommand(policy, options, io)));
}

export interface ServeCommandOptions {
  port: string;
  host: string;
  state?: string;
  maxBody: string;
  maxLeadEvents?: string;
}

/** Serves until SIGINT or SIGTERM, then writes the state file; resolves to the exit code. */
export async function serveCommand(policy: string, options: ServeCommandOptions, io: CliIo): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number (0–65535), got ${JSON.stringify(options.port)}`);
  const maxBodyBytes = parseSize(options.maxBody);
  const maxLeadEvents = Number(options.maxLeadEvents ?? defaultMaxLeadEvents);
  if (!Number.isSafeInteger(maxLeadEvents) || maxLeadEvents < 1)
    throw new CliError(`--max-lead-events must be a whole number of at least 1, got ${JSON.stringify(options.maxLeadEvents)}`);
  const server = await startServer({ policy, port, host: options.host, maxBodyBytes, maxLeadEvents, ...(options.state !== undefined && { stateFile: options.state }) }, io);
  await new Promise<void>((resolveStop) => {
    const reload = () => void server.reload();
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', reload);
      io.stderr.write(`leadscore: ${signal}, stopping${options.state === undefined ? '' : ` and writing ${printable(options.state)}`}\n`);
      server.close().then(resolveStop, (error: unknown) => {
        io.stderr.write(`leadscore: ${printable((error as Error).message)}\n`);
        resolveStop();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', reload);
  });
  return 0;
}

/** `1mb`, `512kb`, `2000` (bytes). */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
  const bytes = match ? Math.floor(Number(match[1]) * units[(match[2] ?? 'b').toLowerCase()]!) : NaN;
  if (!(bytes > 0)) throw new CliError(`--max-body must be a size such as 1mb, 512kb or 2000 (bytes), got ${JSON.stringify(text)}`);
  return bytes;
}
