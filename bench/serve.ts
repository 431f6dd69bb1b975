/**
 * Load test of `leadscore serve` on loopback with autocannon: requests per second and p99 latency at
 * a fixed concurrency, and how many requests failed. The service runs in a child process, so that
 * the load generator does not share its event loop.
 *
 *   npx tsx bench/serve.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');
const now = '2026-11-23T12:00:00Z';

export interface ServeBenchmark {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  concurrency: number;
  durationSeconds: number;
  /** The same load on `POST /leads/:id/events`: one event per request, spread over 1,000 leads. */
  events: EventsBenchmark;
  /** The events load with `--state`: each event journaled and on disk before its answer. */
  durableEvents: EventsBenchmark;
}

interface EventsBenchmark {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  durationSeconds: number;
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** A realistic lead: the first acceptance lead, a CTO with ten events. */
function sampleLead(): string {
  return readFileSync(join(root, 'examples', 'leads.jsonl'), 'utf8').split('\n')[0]!;
}

/** Starts `leadscore serve` on a free port in a child process and resolves to its address. */
async function startChild(stateFile?: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve-child', ...(stateFile ? [stateFile] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const url = /on (http:\/\/\S+)$/.exec(line)?.[1];
    if (url) return { url, child };
  }
  throw new Error('the service stopped before it said where it listens');
}

async function serveChild(stateFile: string | undefined): Promise<void> {
  const { startServer } = await import('../server/index.js');
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: Readable.from([]),
    cwd: root,
    stdoutIsTty: false,
    stderrIsTty: false,
    clock: () => new Date(now),
  };
  await startServer({ policy: 'examples/b2b-saas.score', port: 0, host: '127.0.0.1', maxBodyBytes: 1024 * 1024, ...(stateFile !== undefined && { stateFile }) }, io);
}

export async function benchServe(connections = 50, durationSeconds = 10): Promise<ServeBenchmark> {
  const { url, child } = await startChild();
  try {
    const score = await autocannon({
      url: `${url}/score?now=${now}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: sampleLead(),
      connections,
      duration: durationSeconds,
    });
    const eventsSeconds = Math.max(1, Math.round(durationSeconds / 2));
    const events = await eventsLoad(url, connections, eventsSeconds);
    return {
      requestsPerSecond: score.requests.average,
      p99Ms: score.latency.p99,
      errors: score.errors + score.timeouts,
      non2xx: score.non2xx,
      concurrency: connections,
      durationSeconds,
      events,
      durableEvents: await durableEventsLoad(connections, eventsSeconds),
    };
  } finally {
    child.kill();
  }
}

/** One event per request on `POST /leads/:id/events`, spread over 1,000 leads. */
async function eventsLoad(url: string, connections: number, durationSeconds: number): Promise<EventsBenchmark> {
  let counter = 0;
  const events = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => {
          counter++;
          const event = { type: counter % 3 === 0 ? 'click' : 'open', object: 'email', at: now };
          return { ...request, path: `/leads/L${counter % 1000}/events?now=${now}`, body: JSON.stringify(event) };
        },
      },
    ],
  });
  return { requestsPerSecond: events.requests.average, p99Ms: events.latency.p99, errors: events.errors + events.timeouts, non2xx: events.non2xx, durationSeconds };
}

/** The events load on a service started with `--state` in a temporary folder. */
async function durableEventsLoad(connections: number, durationSeconds: number): Promise<EventsBenchmark> {
  const folder = mkdtempSync(join(tmpdir(), 'leadscore-bench-state-'));
  const { url, child } = await startChild(join(folder, 'leads.json'));
  try {
    return await eventsLoad(url, connections, durationSeconds);
  } finally {
    child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = process.argv.indexOf('--serve-child');
  if (child >= 0) await serveChild(process.argv[child + 1]);
  else process.stdout.write(`${JSON.stringify(await benchServe(), null, 2)}\n`);
}
