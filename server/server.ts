// `leadscore serve`: score leads over HTTP, keep each lead's state for incremental scoring, reload the policy when it changes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FieldTally } from '../leads/index.js';
import { LeadError, type Policy } from '../runtime/index.js';
import { printable } from '../runtime/support.js';
import { CliError, type CliIo } from '../workspace/index.js';
import { HttpError, sendJson } from './http.js';
import { LeadStore } from './lead-store.js';
import { route } from './router.js';
import { ServedPolicy } from './served-policy.js';

export interface ServeOptions {
  /** A `.score` policy or a compiled `.json` rule graph. */
  policy: string;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Where lead states are kept between runs. */
  stateFile?: string;
  maxBodyBytes: number;
  /** How often the policy's files are checked for changes. */
  watchIntervalMs?: number;
  /** How often the lead states are written to `stateFile` when they changed. */
  snapshotIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  /** Stops accepting requests, writes the state file, stops watching. */
  close(): Promise<void>;
}

/** Starts the service; throws CliError when the policy cannot be served or the address is taken. */
export async function startServer(options: ServeOptions, io: CliIo): Promise<RunningServer> {
  const startedAt = Date.now();
  const served = await ServedPolicy.open(options.policy, io, options.watchIntervalMs ?? 500);
  let leads: LeadStore;
  try {
    leads = await LeadStore.open(options.stateFile);
  } catch (error) {
    served.close();
    throw error;
  }

  // Counted per policy version: a reload starts a new report.
  const tallies = new Map<string, FieldTally>();
  const tallyOf = (policy: Policy) => tallies.get(policy.info.hash) ?? tallies.set(policy.info.hash, new FieldTally(policy.ir)).get(policy.info.hash)!;
  const server = createServer((request, response) => {
    const policy = served.current;
    const context = {
      request,
      response,
      url: new URL(request.url ?? '/', 'http://localhost'),
      method: request.method ?? 'GET',
      policy,
      fields: tallyOf(policy),
      served,
      leads,
      policyFile: options.policy,
      maxBodyBytes: options.maxBodyBytes,
      startedAt,
      io,
    };
    route(context).catch((error: unknown) => {
      const known = error instanceof HttpError ? error : error instanceof LeadError || error instanceof RangeError ? new HttpError(400, error.message) : undefined;
      // The URL is the client's, the message may quote the request: a log shows their control characters, never obeys them.
      if (!known) io.stderr.write(`leadscore: internal error on ${request.method} ${printable(request.url ?? '')}: ${printable((error as Error).message)}\n`);
      const failure = known ?? new HttpError(500, `internal error: ${(error as Error).message}`);
      if (response.headersSent) return response.destroy();
      sendJson(response, failure.status, { error: failure.message }, failure.headers);
      // Past the size limit the rest of the body is not read: the connection ends with the answer.
      if (failure.status === 413) response.on('finish', () => request.destroy());
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      served.close();
      const why = error.code === 'EADDRINUSE' ? 'the address is already in use' : error.code === 'EACCES' ? 'permission denied' : error.message;
      rejectListen(new CliError(`cannot listen on ${options.host}:${options.port}: ${why}`));
    });
    server.listen(options.port, options.host, () => resolveListen());
  });
  server.on('error', (error) => io.stderr.write(`leadscore: server error: ${error.message}\n`));

  const snapshots =
    options.stateFile === undefined
      ? undefined
      : setInterval(() => {
          leads.save().catch((error: unknown) => io.stderr.write(`leadscore: ${printable((error as Error).message)}\n`));
        }, options.snapshotIntervalMs ?? 30_000);
  snapshots?.unref();

  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  const name = served.current.name;
  io.stdout.write(`leadscore serving ${name === null ? 'an unnamed policy' : printable(JSON.stringify(name))} on ${url}\n`);

  let closing: Promise<void> | undefined;
  return {
    url,
    close: () =>
      (closing ??= (async () => {
        if (snapshots) clearInterval(snapshots);
        served.close();
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeIdleConnections();
        });
        await leads.save(true);
      })()),
  };
}
