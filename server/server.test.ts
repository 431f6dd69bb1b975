import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, type CliIo } from '../workspace/index.js';
import { startServer, type RunningServer, type ServeOptions } from './server.js';
import { readRepoFile, root, runCli, stackTraceLine } from '../test-support/harness.js';

const now = '2026-11-23T12:00:00Z';
const reference = readRepoFile('examples/b2b-saas.score');
/** Fit 20: a demo request (40) makes an MQL. */
const engineer = { email: 'erin@nordsoft.io', title: 'Engineer', industry: 'Software', employees: 200, country: 'US', phone: '+1 555' };
const demo = { type: 'request', object: 'demo', at: '2026-11-23T11:00:00Z' };

interface Started extends RunningServer {
  stdout: () => string;
  stderr: () => string;
  dir: string;
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Starts the service on a free port, on a copy of the reference policy in a temporary folder. */
async function serve(
  options: Partial<ServeOptions> = {},
  policyText = reference,
  dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-')),
  clock = () => new Date(now),
): Promise<Started> {
  writeFileSync(join(dir, 'policy.score'), policyText);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk) => ((stdout += chunk), true) },
    stderr: { write: (chunk) => ((stderr += chunk), true) },
    stdin: Readable.from([]),
    cwd: dir,
    stdoutIsTty: false,
    stderrIsTty: false,
    clock,
  };
  const server = await startServer({ policy: 'policy.score', port: 0, host: '127.0.0.1', maxBodyBytes: 10_000, watchIntervalMs: 20, ...options }, io);
  running.push(server);
  return { ...server, stdout: () => stdout, stderr: () => stderr, dir };
}

async function call(server: RunningServer, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; headers: Headers }> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(server.url + path, init);
  const text = await response.text();
  expect(text).not.toMatch(stackTraceLine);
  return { status: response.status, json: JSON.parse(text), headers: response.headers };
}

/** `leadscore serve` (on the reference policy unless told) as a child process of the built binary, once it says where it listens. */
async function serveBinary(args: string[], policy = 'examples/b2b-saas.score') {
  const child = spawn(process.execPath, [join(root, 'bin', 'leadscore.js'), 'serve', policy, '--port', '0', ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /on (http:\/\/\S+)\n/.exec(stdout);
      if (match) resolveUrl(match[1]!);
    });
    child.on('close', () => rejectUrl(new Error(`the service stopped: ${stderr}`)));
  });
  return { process: child, url, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Polls until `done` holds; the policy is reloaded asynchronously. */
async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the condition never held: ${JSON.stringify(await probe())}`);
}

describe('leadscore serve: POST /score', () => {
  it('scores one lead, and says where it listens', async () => {
    const server = await serve();
    expect(server.stdout()).toBe(`leadscore serving "B2B SaaS inbound" on ${server.url}\n`);
    const { status, json } = await call(server, 'POST', '/score', { id: 'E1', ...engineer, events: [demo] });
    expect(status).toBe(200);
    expect(json).toMatchObject({ id: 'E1', stage: 'MQL', route: 'Inbound SDR', grade: 'C', blacklisted: false });
    expect(json.policy).toMatchObject({ name: 'B2B SaaS inbound' });
  });

  it('scores a batch; a bad lead gets its error and id in its place', async () => {
    const server = await serve();
    const { status, json } = await call(server, 'POST', `/score?now=${now}`, [{ id: 'A', ...engineer }, { id: 'B', employees: 'many' }, 7]);
    expect(status).toBe(200);
    expect(json).toHaveLength(3);
    expect(json[0]).toMatchObject({ id: 'A', stage: 'Nurture' });
    expect(json[1]).toEqual({ id: 'B', error: '`employees` must be a number, got the text "many"' });
    expect(json[2]).toEqual({ id: null, error: 'a lead must be a JSON object, got the number 7' });
  });

  it('scores at ?now= when given', async () => {
    const server = await serve();
    const lead = { id: 'E1', ...engineer, events: [demo] };
    const later = await call(server, 'POST', '/score?now=2026-12-30T12:00:00Z', lead);
    expect(later.json.stage).toBe('Nurture');
  });

  it('answers 400 with a JSON error for invalid JSON, an empty body, a bad lead and a bad ?now', async () => {
    const server = await serve();
    expect(await call(server, 'POST', '/score', '{"id": ')).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^the body is not valid JSON: /) } });
    expect(await call(server, 'POST', '/score', '')).toMatchObject({ status: 400, json: { error: 'the request has no body; send JSON' } });
    expect(await call(server, 'POST', '/score', { employees: true })).toMatchObject({
      status: 400,
      json: { error: '`employees` must be a number, got the value true' },
    });
    expect(await call(server, 'POST', '/score?now=soon', {})).toMatchObject({
      status: 400,
      json: { error: '?now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got "soon"' },
    });
  });

  it('answers 400 to a ?now outside the years 0000 to 9999 (UTC), and 500 when its own clock is', async () => {
    const server = await serve();
    for (const path of ['/score', '/leads/E1', '/leads/E1/events']) {
      const method = path === '/score' ? 'POST' : path.endsWith('events') ? 'POST' : 'PUT';
      const body = path.endsWith('events') ? [demo] : { ...engineer };
      expect(await call(server, method, `${path}?now=${encodeURIComponent('9999-12-31T23:00:00-05:00')}`, body)).toEqual(
        expect.objectContaining({
          status: 400,
          json: { error: '?now "9999-12-31T23:00:00-05:00" is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back' },
        }),
      );
    }
    expect((await call(server, 'GET', '/healthz')).json.leads).toBe(0);
    const future = await serve({}, reference, undefined, () => new Date(Date.UTC(10000, 0, 1)));
    expect(await call(future, 'POST', '/score', engineer)).toMatchObject({
      status: 500,
      json: { error: expect.stringMatching(/^the server's clock says .*, outside the years 0000 to 9999 \(UTC\); set the clock, or give \?now=ISO-TIME$/) },
    });
  });

  it('answers 413 to a body over the limit, declared or streamed, and keeps serving', async () => {
    const server = await serve({ maxBodyBytes: 1000 });
    const declared = await call(server, 'POST', '/score', JSON.stringify({ id: 'x'.repeat(5000) }));
    expect(declared).toMatchObject({ status: 413, json: { error: 'the request body is larger than the limit of 1000 bytes' } });
    // Without a Content-Length the limit is found while reading.
    const chunks = Array.from({ length: 50 }, () => 'x'.repeat(100));
    const streamed = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(server.url + '/score', { method: 'POST' }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });
    expect(streamed).toBe(413);
    expect((await call(server, 'GET', '/healthz')).status).toBe(200);
  });

  it('answers 404 to an unknown route and 405, with Allow, to a wrong method', async () => {
    const server = await serve();
    expect(await call(server, 'GET', '/nowhere')).toMatchObject({ status: 404, json: { error: expect.stringContaining('no route GET /nowhere') } });
    const wrong = await call(server, 'GET', '/score');
    expect(wrong).toMatchObject({ status: 405, json: { error: '/score takes POST, not GET' } });
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await call(server, 'DELETE', '/leads/L1')).headers.get('allow')).toBe('GET, PUT');
    expect((await call(server, 'GET', '/leads/L1/events')).status).toBe(405);
    expect((await call(server, 'POST', '/healthz', {})).status).toBe(405);
  });
});

describe('leadscore serve: leads and their events', () => {
  it('reports each transition once as events arrive', async () => {
    const server = await serve();
    const first = await call(server, 'POST', '/leads/E1/events', { type: 'open', object: 'email', at: now });
    expect(first.status).toBe(200);
    expect(first.json.transitions).toEqual([
      { kind: 'grade', from: null, to: 'D' },
      { kind: 'stage', from: null, to: 'Nurture' },
      { kind: 'route', from: null, to: 'Marketing' },
    ]);
    const profile = await call(server, 'PUT', '/leads/E1', engineer);
    expect(profile.status).toBe(200);
    expect(profile.json.transitions).toEqual([{ kind: 'grade', from: 'D', to: 'C' }]);
    const afterDemo = await call(server, 'POST', '/leads/E1/events', [demo]);
    expect(afterDemo.json.result).toMatchObject({ id: 'E1', stage: 'MQL' });
    expect(afterDemo.json.transitions).toEqual([
      { kind: 'stage', from: 'Nurture', to: 'MQL' },
      { kind: 'route', from: 'Marketing', to: 'Inbound SDR' },
    ]);
    const again = await call(server, 'POST', '/leads/E1/events', { type: 'click', object: 'email', at: now });
    expect(again.json.transitions).toEqual([]);
    const read = await call(server, 'GET', '/leads/E1');
    expect(read).toMatchObject({ status: 200, json: { result: { id: 'E1', stage: 'MQL', score: again.json.result.score } } });
  });

  it('creates a lead with PUT (201), then updates it (200); a field set to null is removed', async () => {
    const server = await serve();
    const created = await call(server, 'PUT', '/leads/with%20space', { ...engineer, title: 'CTO' });
    expect(created.status).toBe(201);
    expect(created.json.result).toMatchObject({ id: 'with space', grade: 'B' });
    const updated = await call(server, 'PUT', '/leads/with%20space', { title: null });
    expect(updated).toMatchObject({ status: 200, json: { result: { grade: 'C' }, transitions: [{ kind: 'grade', from: 'B', to: 'C' }] } });
  });

  it('refuses a bad event, a bad profile, and an unknown lead, and changes nothing', async () => {
    const server = await serve();
    await call(server, 'PUT', '/leads/E1', engineer);
    expect(await call(server, 'POST', '/leads/E1/events', { type: 'open', at: 'yesterday' })).toMatchObject({
      status: 400,
      json: { error: '`event.at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "yesterday"' },
    });
    expect(await call(server, 'PUT', '/leads/E1', { employees: '200' })).toMatchObject({ status: 400, json: { error: '`employees` must be a number, got the text "200"' } });
    expect(await call(server, 'PUT', '/leads/E1', [1])).toMatchObject({ status: 400, json: { error: 'a profile must be a JSON object' } });
    expect(await call(server, 'PUT', '/leads/E1', { events: [] })).toMatchObject({ status: 400, json: { error: expect.stringContaining('cannot carry `events`') } });
    expect(await call(server, 'GET', '/leads/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(await call(server, 'GET', '/leads/E2')).toMatchObject({ status: 404, json: { error: expect.stringContaining('no lead "E2"') } });
    expect((await call(server, 'GET', '/leads/E1')).json.result).toMatchObject({ stage: 'Nurture', reasons: [expect.anything(), expect.anything(), expect.anything()] });
    expect((await call(server, 'GET', '/healthz')).json.leads).toBe(1);
  });
});

describe('leadscore serve: GET /healthz and hot reload', () => {
  it('describes the policy, the uptime and the number of leads', async () => {
    const server = await serve();
    await call(server, 'PUT', '/leads/E1', engineer);
    const { status, json } = await call(server, 'GET', '/healthz');
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'ok', reloadError: null, leads: 1, policy: { name: 'B2B SaaS inbound', version: null, file: 'policy.score' } });
    expect(json.policy.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(json.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('logs the policy name and a broken reload with their control characters escaped', async () => {
    // eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    const server = await serve({}, reference.replace('policy "B2B SaaS inbound"', 'policy "B2B\u009b2J\u007f"'));
    expect(server.stdout()).toContain('leadscore serving "B2B\\u009b2J\\u007f" on ');
    writeFileSync(join(server.dir, 'policy.score'), reference.replace('stage "MQL" when score >= 50', 'stage "MQL" when scroe >= 50 # \u001b]0;owned\u0007'));
    await eventually(
      () => call(server, 'GET', '/healthz').then((r) => r.json),
      (h) => h.reloadError !== null,
    );
    expect(server.stderr()).toContain('# \\u001b]0;owned\\u0007');
    expect(server.stdout() + server.stderr()).not.toMatch(raw);
  });

  it('reloads a changed policy, rejects a broken one and keeps serving the old, then takes a fixed one', async () => {
    const server = await serve();
    const health = () => call(server, 'GET', '/healthz').then((r) => r.json);
    const original = (await health()).policy.hash;
    await call(server, 'POST', '/leads/E1/events', demo);
    await call(server, 'PUT', '/leads/E1', engineer);

    writeFileSync(join(server.dir, 'policy.score'), reference.replace('when request demo add 40', 'when request demo add 10'));
    const changed = await eventually(health, (h) => h.policy.hash !== original);
    expect(changed.reloadError).toBeNull();
    expect(server.stdout()).toContain(`leadscore: reloaded policy.score: "B2B SaaS inbound" ${changed.policy.hash}\n`);
    // The stored lead is rescored with the new policy; the change it causes is reported once.
    const next = await call(server, 'POST', '/leads/E1/events', []);
    expect(next.json.transitions).toEqual([
      { kind: 'stage', from: 'MQL', to: 'Nurture' },
      { kind: 'route', from: 'Inbound SDR', to: 'Marketing' },
    ]);
    expect((await call(server, 'POST', '/leads/E1/events', [])).json.transitions).toEqual([]);

    writeFileSync(join(server.dir, 'policy.score'), reference.replace('stage "MQL" when score >= 50', 'stage "MQL" when scroe >= 50'));
    const broken = await eventually(health, (h) => h.reloadError !== null);
    expect(broken.status).toBe('degraded');
    expect(broken.policy.hash).toBe(changed.policy.hash);
    expect(broken.reloadError.message).toBe(`policy.score has errors; still serving the previous version (${changed.policy.hash})`);
    expect(broken.reloadError.diagnostics).toContain('scroe');
    expect(server.stderr()).toContain(broken.reloadError.diagnostics);
    expect((await call(server, 'POST', '/score', { id: 'E2', ...engineer })).status).toBe(200);

    writeFileSync(join(server.dir, 'policy.score'), reference);
    const fixed = await eventually(health, (h) => h.reloadError === null);
    expect(fixed.policy.hash).toBe(original);
  });

  it('reloads when a file the policy imports changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    writeFileSync(join(dir, 'lists.txt'), 'acme.com\n');
    const server = await serve({}, 'policy "Imports"\nlist competitors from "lists.txt"\nwhen domain in competitors blacklist\n', dir);
    expect((await call(server, 'POST', '/score', { email: 'a@globex.io' })).json.blacklisted).toBe(false);
    writeFileSync(join(dir, 'lists.txt'), 'acme.com\nglobex.io\n');
    await eventually(
      () => call(server, 'POST', '/score', { email: 'a@globex.io' }),
      (r) => r.json.blacklisted === true,
    );
  });
});

describe('leadscore serve --state', () => {
  it('writes the lead states on close and reads them back at start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    const stateFile = join(dir, 'state.json');
    const first = await serve({ stateFile }, reference, dir);
    await call(first, 'PUT', '/leads/E1', engineer);
    await call(first, 'POST', '/leads/E1/events', demo);
    await first.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(saved).toMatchObject({ format: 'leadscore-serve-state', leads: { E1: { profile: { id: 'E1', ...engineer }, events: [demo] } } });
    expect(existsSync(`${stateFile}.${process.pid}.tmp`)).toBe(false);

    const second = await serve({ stateFile }, reference, dir);
    expect((await call(second, 'GET', '/healthz')).json.leads).toBe(1);
    expect((await call(second, 'GET', '/leads/E1')).json.result).toMatchObject({ stage: 'MQL' });
    // The decisions were stored too: nothing is reported again.
    expect((await call(second, 'POST', '/leads/E1/events', [])).json.transitions).toEqual([]);
  });

  it('writes the states periodically while serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    const stateFile = join(dir, 'state.json');
    const server = await serve({ stateFile, snapshotIntervalMs: 20 }, reference, dir);
    await call(server, 'PUT', '/leads/E1', engineer);
    const saved = await eventually(
      async () => (existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null),
      (value) => value !== null,
    );
    expect(Object.keys(saved.leads)).toEqual(['E1']);
  });

  it('refuses to start on a state file that is not one, and leaves it alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    const stateFile = join(dir, 'state.json');
    writeFileSync(stateFile, '{"leads": 1}');
    await expect(serve({ stateFile }, reference, dir)).rejects.toThrow(
      new CliError(`${stateFile} is not a leadscore state file (it needs "format": "leadscore-serve-state" and "leads")`),
    );
    writeFileSync(stateFile, '{"format": "leadscore-serve-state", "leads": {"E1": {"profile": {}}}}');
    await expect(serve({ stateFile }, reference, dir)).rejects.toThrow(/lead "E1": not a lead state/);
    expect(readFileSync(stateFile, 'utf8')).toContain('"E1"');
  });

  it('refuses a state it cannot read back naming the lead, what is wrong and what to do', async () => {
    // Scored at a `now` after the year 9999 (before such times were refused), a lead's state recorded
    // `forgottenAt: "+010000-…"`; `serve` then refused to start with a message that named no part of it.
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    const stateFile = join(dir, 'state.json');
    const first = await serve({ stateFile }, reference, dir);
    await call(first, 'PUT', `/leads/E1?now=${now}`, { ...engineer, events: [{ type: 'visit', object: 'page', name: '/pricing', at: now }] });
    await first.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
    saved.leads.E1.forgottenAt = '+010000-01-01T04:00:00.000Z';
    writeFileSync(stateFile, JSON.stringify(saved));
    await expect(serve({ stateFile }, reference, dir)).rejects.toThrow(
      new CliError(
        `the state file ${stateFile}, lead "E1": not a lead state: "forgottenAt" must be an ISO-8601 time in the years 0000 to 9999 (UTC), got "+010000-01-01T04:00:00.000Z"; correct or remove that lead in the file (or move the file away to start with no leads), then start again`,
      ),
    );
    // Once the time is one it can read, it starts, with the lead.
    saved.leads.E1.forgottenAt = '2026-12-31T00:00:00.000Z';
    writeFileSync(stateFile, JSON.stringify(saved));
    expect((await call(await serve({ stateFile }, reference, dir), 'GET', '/healthz')).json.leads).toBe(1);
  });
});

describe('leadscore serve: slow clients and shutdown', () => {
  /** A client that sends the headers of a 100-byte body and then one byte, never the rest. */
  function trickle(url: string): { socket: Socket; answer: Promise<string> } {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.write(`PUT /leads/S1 HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`);
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const answer = new Promise<string>((resolveAnswer) => socket.on('close', () => resolveAnswer(text)));
    socket.on('error', () => undefined);
    return { socket, answer };
  }

  it('answers 408 to a client that does not send its whole request in time, and keeps serving', async () => {
    const server = await serve({ requestTimeoutMs: 300 });
    const { answer } = trickle(server.url);
    expect(await answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect((await call(server, 'GET', '/healthz')).status).toBe(200);
  });

  it('on close, cuts requests still under way after the grace period and writes the state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    const stateFile = join(dir, 'state.json');
    const server = await serve({ stateFile, shutdownGraceMs: 100 }, reference, dir);
    expect((await call(server, 'PUT', `/leads/E1?now=${now}`, engineer)).status).toBe(201);
    const slow = trickle(server.url);
    await new Promise((resolveWait) => slow.socket.once('connect', resolveWait));
    await server.close();
    expect(await slow.answer).toBe('');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ leads: { E1: { profile: { title: 'Engineer' } } } });
  });
});

describe('leadscore serve: request targets and clients that go away', () => {
  /** Sends raw bytes and resolves to the whole answer once the service closes the connection. */
  function rawRequest(url: string, text: string): Promise<string> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.write(text);
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    return new Promise((resolveAnswer) => socket.on('close', () => resolveAnswer(answer)));
  }

  it('takes a request target in absolute form, and answers 400 to one that is no URL, and keeps serving', async () => {
    const server = await serve();
    const absolute = await rawRequest(server.url, 'GET http://example.com/healthz HTTP/1.1\r\nhost: example.com\r\nconnection: close\r\n\r\n');
    expect(absolute).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*"status":"ok"/);
    const broken = await rawRequest(server.url, 'GET http://[::1 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(broken).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[^]*\{"error":"the request target is not a path or URL: \\"http:\/\/\[::1\\""\}$/);
    expect((await call(server, 'GET', '/healthz')).status).toBe(200);
    expect(server.stderr()).toBe('');
  });

  it('logs nothing when a client goes away in the middle of its body', async () => {
    const server = await serve();
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    socket.write('POST /score HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n{"id":');
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    socket.destroy();
    await eventually(
      async () => (await call(server, 'GET', '/healthz')).status,
      (status) => status === 200,
    );
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    expect(server.stderr()).toBe('');
  });
});

describe('leadscore serve on the command line', () => {
  it('refuses a policy with errors, printing its diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    writeFileSync(join(dir, 'broken.score'), 'fit:\n  when titel = "CTO" add 5\n');
    const { code, stderr } = await runCli(['serve', 'broken.score', '--port', '0'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('titel');
    expect(stderr).toContain('leadscore: broken.score has errors\n');
    expect(stderr).not.toMatch(stackTraceLine);
  });

  it('refuses a bad --port, --max-body or --max-lead-events', async () => {
    expect(await runCli(['serve', 'examples/b2b-saas.score', '--port', 'http'], { cwd: root })).toMatchObject({
      code: 1,
      stderr: 'leadscore: --port must be a port number (0–65535), got "http"\n',
    });
    expect(await runCli(['serve', 'examples/b2b-saas.score', '--max-body', 'lots'], { cwd: root })).toMatchObject({
      code: 1,
      stderr: 'leadscore: --max-body must be a size such as 1mb, 512kb or 2000 (bytes), got "lots"\n',
    });
    expect(await runCli(['serve', 'examples/b2b-saas.score', '--max-lead-events', '0'], { cwd: root })).toMatchObject({
      code: 1,
      stderr: 'leadscore: --max-lead-events must be a whole number of at least 1, got "0"\n',
    });
  });

  it('runs as the binary, and on SIGTERM stops and writes the state file, exit 0', { timeout: 30_000 }, async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'leadscore-serve-')), 'leads.json');
    const child = await serveBinary(['--state', stateFile]);
    expect(child.stdout()).toBe(`leadscore serving "B2B SaaS inbound" on ${child.url}\n`);
    const response = await fetch(`${child.url}/leads/L42?now=2026-11-23T12:00:00Z`, { method: 'PUT', body: JSON.stringify({ title: 'CTO' }) });
    expect(response.status).toBe(201);
    // A client that trickles its body does not hold the shutdown past the grace period (5 s).
    const { hostname, port } = new URL(child.url);
    const slow = connect(Number(port), hostname);
    slow.on('error', () => undefined);
    slow.write('PUT /leads/L43 HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{');
    await new Promise((resolveWait) => slow.once('connect', resolveWait));
    const stopping = Date.now();
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(20_000);
    expect(child.stderr()).toBe(`leadscore: SIGTERM, stopping and writing ${stateFile}\n`);
    expect(readFileSync(stateFile, 'utf8')).toContain('"L42"');
  });

  it('loses no acknowledged change when killed (SIGKILL): the next run replays the journal', { timeout: 30_000 }, async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'leadscore-serve-')), 'leads.json');
    const first = await serveBinary(['--state', stateFile]);
    const at = '?now=2026-11-23T12:00:00Z';
    expect((await fetch(`${first.url}/leads/K1${at}`, { method: 'PUT', body: JSON.stringify(engineer) })).status).toBe(201);
    let last: unknown;
    for (const hour of ['08', '09', '10']) {
      const response = await fetch(`${first.url}/leads/K1/events${at}`, { method: 'POST', body: JSON.stringify({ ...demo, at: `2026-11-23T${hour}:00:00Z` }) });
      expect(response.status).toBe(200);
      last = ((await response.json()) as { result: unknown }).result;
    }
    first.process.kill('SIGKILL');
    await first.exited;
    expect(existsSync(stateFile)).toBe(false);

    const second = await serve({ stateFile });
    const { status, json } = await call(second, 'GET', `/leads/K1${at}`);
    expect(status).toBe(200);
    expect(json.result).toEqual(last);
    expect(json.result.reasons.find((reason: { events?: number }) => reason.events !== undefined)).toMatchObject({ events: 3 });
  });

  it('on SIGHUP reloads at once, serving even a policy without rules', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-serve-'));
    const policy = join(dir, 'policy.score');
    writeFileSync(policy, reference);
    const child = await serveBinary([], policy);
    const health = async () => (await (await fetch(`${child.url}/healthz`)).json()) as { status: string; policy: { hash: string }; reloadError: { message: string } | null };
    const original = (await health()).policy.hash;
    writeFileSync(policy, '');
    const refused = await eventually(health, (h) => h.reloadError !== null);
    expect(refused.reloadError!.message).toContain('has no rules (emptied, or cut short); send SIGHUP to serve it anyway');
    child.process.kill('SIGHUP');
    const emptied = await eventually(health, (h) => h.reloadError === null);
    expect(emptied.policy.hash).not.toBe(original);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });

  it('says when the port is taken', async () => {
    const server = await serve();
    const port = new URL(server.url).port;
    const { code, stderr } = await runCli(['serve', 'examples/b2b-saas.score', '--port', port], { cwd: root });
    expect(code).toBe(1);
    expect(stderr).toContain(`leadscore: cannot listen on 127.0.0.1:${port}: the address is already in use\n`);
  });
});
