// `leadscore serve`: score leads over HTTP, keep each lead's state for incremental scoring, reload the policy when it changes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  applyEvents,
  LeadError,
  parseIsoTime,
  refresh,
  startLead,
  updateProfile,
  type LeadState,
  type Policy,
  type Step,
} from '../runtime/index.js';
import { CliError, type CliIo } from '../workspace/io.js';
import { HttpError, readJsonBody, sendJson } from './http.js';
import { describePolicy, ServedPolicy } from './served-policy.js';
import { readSnapshot, writeSnapshot } from './state.js';

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

const undecided = { grade: null, stage: null, route: null, blacklisted: false };

/** Starts the service; throws CliError when the policy cannot be served or the address is taken. */
export async function startServer(options: ServeOptions, io: CliIo): Promise<RunningServer> {
  const startedAt = Date.now();
  const served = await ServedPolicy.open(options.policy, io, options.watchIntervalMs ?? 500);
  let leads: Map<string, LeadState>;
  try {
    leads = options.stateFile === undefined ? new Map() : await readSnapshot(options.stateFile);
  } catch (error) {
    served.close();
    throw error;
  }
  let dirty = false;

  const nowOf = (url: URL): Date => {
    const text = url.searchParams.get('now');
    if (text === null) return io.clock();
    const millis = parseIsoTime(text);
    if (Number.isNaN(millis)) throw new HttpError(400, `?now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${JSON.stringify(text)}`);
    return new Date(millis);
  };

  /** A lead's step, or its new state for a lead seen for the first time (its first decisions reported from null). */
  const stepLead = (id: string, policy: Policy, change: (state: LeadState) => Step): Step => {
    const known = leads.get(id);
    const state = known ?? { ...startLead(policy, { id }, { now: 0 }).state, decisions: undecided };
    const step = change(state);
    leads.set(id, step.state);
    dirty = true;
    return step;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const policy = served.current;
    const route = (allowed: string) => {
      if (method !== allowed) throw new HttpError(405, `${url.pathname} takes ${allowed}, not ${method}`, { allow: allowed });
    };
    if (url.pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `/healthz takes GET, not ${method}`, { allow: 'GET, HEAD' });
      sendJson(response, 200, {
        status: served.reloadError ? 'degraded' : 'ok',
        policy: { ...describePolicy(policy), file: options.policy, backend: policy.backend },
        reloadError: served.reloadError,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        leads: leads.size,
      });
      return;
    }
    if (url.pathname === '/score') {
      route('POST');
      const body = await readJsonBody(request, options.maxBodyBytes);
      const now = nowOf(url);
      if (!Array.isArray(body)) return sendJson(response, 200, policy.score(body, { now }));
      // A batch never fails as a whole: a bad lead gets its error in its place.
      const results = body.map((lead) => {
        try {
          return policy.score(lead, { now });
        } catch (error) {
          if (!(error instanceof LeadError)) throw error;
          return { error: error.message, id: idOf(lead) };
        }
      });
      return sendJson(response, 200, results);
    }
    const leadPath = /^\/leads\/([^/]+)(\/events)?$/.exec(url.pathname);
    if (leadPath) {
      const id = decodeId(leadPath[1]!);
      if (leadPath[2]) {
        route('POST');
        const body = await readJsonBody(request, options.maxBodyBytes);
        const now = nowOf(url);
        const { result, transitions } = stepLead(id, policy, (state) => applyEvents(policy, state, body, { now }));
        return sendJson(response, 200, { result, transitions });
      }
      if (method === 'GET') {
        const state = leads.get(id);
        if (!state) throw new HttpError(404, `no lead ${JSON.stringify(id)}; create it with PUT /leads/:id or POST /leads/:id/events`);
        // Reading changes nothing: a decision that time (or a new policy) changed is reported by the next update.
        return sendJson(response, 200, { result: refresh(policy, state, { now: nowOf(url) }).result });
      }
      if (method === 'PUT') {
        const body = await readJsonBody(request, options.maxBodyBytes);
        const now = nowOf(url);
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'a profile must be a JSON object');
        const changes = { ...body, id };
        const known = leads.has(id);
        const { result, transitions } = known
          ? stepLead(id, policy, (state) => updateProfile(policy, state, changes, { now }))
          : stepLead(id, policy, () => startLead(policy, changes, { now }));
        return sendJson(response, known ? 200 : 201, { result, transitions });
      }
      throw new HttpError(405, `${url.pathname} takes GET or PUT, not ${method}`, { allow: 'GET, PUT' });
    }
    throw new HttpError(404, `no route ${method} ${url.pathname}; try POST /score, POST /leads/:id/events, PUT or GET /leads/:id, GET /healthz`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const known = error instanceof HttpError ? error : error instanceof LeadError || error instanceof RangeError ? new HttpError(400, error.message) : undefined;
      if (!known) io.stderr.write(`leadscore: internal error on ${request.method} ${request.url}: ${(error as Error).message}\n`);
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

  const saveState = async () => {
    if (options.stateFile === undefined || !dirty) return;
    dirty = false;
    await writeSnapshot(options.stateFile, leads, new Date());
  };
  const snapshots =
    options.stateFile === undefined
      ? undefined
      : setInterval(() => {
          saveState().catch((error: unknown) => io.stderr.write(`leadscore: ${(error as Error).message}\n`));
        }, options.snapshotIntervalMs ?? 30_000);
  snapshots?.unref();

  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  const name = served.current.name;
  io.stdout.write(`leadscore serving ${name === null ? 'an unnamed policy' : JSON.stringify(name)} on ${url}\n`);

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
        dirty = true;
        await saveState();
      })()),
  };
}

function idOf(lead: unknown): string | number | null {
  const id = typeof lead === 'object' && lead !== null ? (lead as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function decodeId(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, `the lead id in the path is not valid URL encoding: ${JSON.stringify(text)}`);
  }
}

export interface ServeCommandOptions {
  port: string;
  host: string;
  state?: string;
  maxBody: string;
}

/** Serves until SIGINT or SIGTERM, then writes the state file; resolves to the exit code. */
export async function serveCommand(policy: string, options: ServeCommandOptions, io: CliIo): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number (0–65535), got ${JSON.stringify(options.port)}`);
  const maxBodyBytes = parseSize(options.maxBody);
  const server = await startServer({ policy, port, host: options.host, maxBodyBytes, ...(options.state !== undefined && { stateFile: options.state }) }, io);
  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stderr.write(`leadscore: ${signal}, stopping${options.state === undefined ? '' : ` and writing ${options.state}`}\n`);
      server.close().then(resolveStop, (error: unknown) => {
        io.stderr.write(`leadscore: ${(error as Error).message}\n`);
        resolveStop();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
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
