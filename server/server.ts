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
  /** Where lead states are kept between runs: a snapshot, and beside it a journal of every change since. */
  stateFile?: string;
  /** The most events one lead's state may keep (those that can still count); a step past it is refused. */
  maxLeadEvents?: number;
  maxBodyBytes: number;
  /** How often the policy's files are checked for changes. */
  watchIntervalMs?: number;
  /** How often the journal is folded into a new snapshot of `stateFile` when it changed. */
  snapshotIntervalMs?: number;
  /** How long a client may take to send a whole request (a slow body then gets 408). */
  requestTimeoutMs?: number;
  /** On close, how long requests under way may take before their connections are cut. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  /** Stops accepting requests, gives those under way a bounded time, writes the state file, stops watching. */
  close(): Promise<void>;
  /** Reloads the policy now, even one without rules (SIGHUP). */
  reload(): Promise<void>;
}

/** Starts the service; throws CliError when the policy cannot be served or the address is taken. */
export async function startServer(options: ServeOptions, io: CliIo): Promise<RunningServer> {
  const startedAt = Date.now();
  const served = await ServedPolicy.open(options.policy, io, options.watchIntervalMs ?? 500);
  let leads: LeadStore;
  try {
    leads = await LeadStore.open({
      ...(options.stateFile !== undefined && { stateFile: options.stateFile }),
      ...(options.maxLeadEvents !== undefined && { maxLeadEvents: options.maxLeadEvents }),
    });
  } catch (error) {
    served.close();
    throw error;
  }

  // Counted per policy version: a reload starts a new report.
  const tallies = new Map<string, FieldTally>();
  const tallyOf = (policy: Policy) => tallies.get(policy.info.hash) ?? tallies.set(policy.info.hash, new FieldTally(policy.ir)).get(policy.info.hash)!;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // A client that trickles its request cannot hold a connection (or a shutdown) for long: 408 past the time.
  const server = createServer({ requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1_000, requestTimeout) }, (request, response) => {
    const fail = (error: unknown) => {
      // A client that went away mid-request gets no answer and is no error of the service.
      if (request.destroyed && (error as NodeJS.ErrnoException).code === 'ECONNRESET') return;
      const known = error instanceof HttpError ? error : error instanceof LeadError || error instanceof RangeError ? new HttpError(400, error.message) : undefined;
      // The URL is the client's, the message may quote the request: a log shows their control characters, never obeys them.
      if (!known) io.stderr.write(`leadscore: internal error on ${printable(`${request.method} ${request.url}`)}: ${printable((error as Error).message)}\n`);
      const failure = known ?? new HttpError(500, `internal error: ${(error as Error).message}`);
      if (response.headersSent) return response.destroy();
      sendJson(response, failure.status, { error: failure.message }, failure.headers);
      // Past the size limit the rest of the body is not read: the connection ends with the answer.
      if (failure.status === 413) response.on('finish', () => request.destroy());
    };
    const url = requestUrl(request.url);
    if (!url) return fail(new HttpError(400, `the request target is not a path or URL: ${JSON.stringify(request.url)}`));
    const policy = served.current;
    const context = {
      request,
      response,
      url,
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
    route(context).catch(fail);
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
    reload: () => served.reloadNow({ allowEmpty: true }),
    close: () =>
      (closing ??= (async () => {
        if (snapshots) clearInterval(snapshots);
        served.close();
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeIdleConnections();
          // Requests still under way after the grace period lose their connection; none was acknowledged.
          setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 5_000).unref();
        });
        await leads.close();
      })()),
  };
}

/** The request's target, in origin form (`/score?now=…`) or absolute form (`http://host/score`); undefined when it is neither. */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
