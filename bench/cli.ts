/**
 * The CLI end to end: `leadscore score` on a JSONL file of generated leads, in a child process,
 * output to /dev/null: in one thread, with `--jobs 2`, and with `--engine duckdb` on the same leads
 * as JSON Lines and as Parquet. Reports leads per second (wall time, start-up and compiling
 * included) and the child's peak resident memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { generateLeads } from '../scripts/generate-leads.js';
import { writeParquet } from './parquet.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtCli = join(root, 'dist/cli/main.js');
const timeCommand = '/usr/bin/time';

export interface CliRun {
  /** What ran: `--jobs 1`, `--engine duckdb, Parquet`, … */
  run: string;
  leads: number;
  seconds: number;
  leadsPerSecond: number;
  peakRssMb: number;
}

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__' && entry.name !== '__golden__') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` when dist/ is missing or older than a source file. */
export function ensureBuilt(log: (line: string) => void): void {
  const built = existsSync(builtCli) ? statSync(builtCli).mtimeMs : 0;
  const sources = Math.max(
    ...['language', 'compiler', 'runtime', 'leads', 'workspace', 'impact', 'policy-tests', 'cli', 'server', 'sql', 'evidence'].map((folder) => newestSource(join(root, folder))),
  );
  if (built >= sources) return;
  log('dist/ is out of date: npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build failed; the CLI cannot be measured');
}

/** Writes `count` generated leads to `path`, streaming (never more than a chunk in memory). */
async function writeLeads(path: string, count: number): Promise<void> {
  const file = createWriteStream(path);
  let chunk: string[] = [];
  for (const line of generateLeads(count)) {
    chunk.push(line);
    if (chunk.length === 1000) {
      if (!file.write(chunk.join('\n') + '\n')) await once(file, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) file.write(chunk.join('\n') + '\n');
  file.end();
  await once(file, 'finish');
}

/** Peak RSS from /proc while the process runs, for machines without GNU time. */
function pollPeakRss(pid: number): () => number {
  let peakKb = 0;
  const read = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
      if (status) peakKb = Math.max(peakKb, Number(status[1]));
    } catch {
      // The process has ended.
    }
  };
  const timer = setInterval(read, 100);
  return () => {
    clearInterval(timer);
    return peakKb;
  };
}

async function scoreFile(run: string, path: string, leads: number, options: string[]): Promise<CliRun> {
  const args = [join(root, 'bin/leadscore.js'), 'score', join(root, 'examples/b2b-saas.score'), path, '--now', '2026-11-23T12:00:00Z', ...options];
  const withTime = existsSync(timeCommand);
  const started = performance.now();
  const child = withTime
    ? spawn(timeCommand, ['-f', 'peak-rss-kb %M', process.execPath, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const stopPolling = withTime ? undefined : pollPeakRss(child.pid!);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const polledKb = stopPolling?.() ?? 0;
  const summary = stderr.match(/scored (\d+) leads?, (\d+) failed/);
  if (code !== 0 || !summary || Number(summary[1]) !== leads) throw new Error(`leadscore score failed on ${leads} leads (exit ${code}):\n${stderr.trim()}`);
  const peakKb = withTime ? Number(stderr.match(/peak-rss-kb (\d+)/)?.[1] ?? 0) : polledKb;
  return { run, leads, seconds, leadsPerSecond: leads / seconds, peakRssMb: peakKb / 1024 };
}

/** What `measureCli` measured; the DuckDB runs unless skipped. */
export interface CliRuns {
  tenth: CliRun;
  full: CliRun;
  parallel: CliRun;
  duckDb?: { jsonl: CliRun; parquet: CliRun };
}

/**
 * Scores a tenth of `count` leads and all of them through the CLI in one thread (`--jobs 1`), then
 * all of them with `--jobs 2` (two worker threads), then with `--engine duckdb` on the JSON Lines
 * and on the same leads as Parquet (a leads file and an events file); the temporary files are always removed.
 */
export async function measureCli(count: number, log: (line: string) => void, { duckDb = true } = {}): Promise<CliRuns> {
  ensureBuilt(log);
  const directory = await mkdtemp(join(tmpdir(), 'leadscore-bench-'));
  try {
    const tenthCount = Math.max(1, Math.round(count / 10));
    const tenthPath = join(directory, 'leads-tenth.jsonl');
    const fullPath = join(directory, 'leads.jsonl');
    log(`writing ${count.toLocaleString('en-US')} and ${tenthCount.toLocaleString('en-US')} leads to ${directory}`);
    await writeLeads(tenthPath, tenthCount);
    const tenth = await scoreFile('--jobs 1', tenthPath, tenthCount, ['--jobs', '1']);
    await rm(tenthPath);
    await writeLeads(fullPath, count);
    log('--jobs 1');
    const full = await scoreFile('--jobs 1', fullPath, count, ['--jobs', '1']);
    log('--jobs 2');
    const parallel = await scoreFile('--jobs 2', fullPath, count, ['--jobs', '2']);
    if (!duckDb) return { tenth, full, parallel };
    log('--engine duckdb, JSON Lines');
    const jsonl = await scoreFile('--engine duckdb, JSON Lines', fullPath, count, ['--engine', 'duckdb']);
    log('writing the leads as Parquet');
    const parquet = { leads: join(directory, 'leads.parquet'), events: join(directory, 'events.parquet') };
    await writeParquet(fullPath, parquet);
    await rm(fullPath);
    log('--engine duckdb, Parquet');
    const parquetRun = await scoreFile('--engine duckdb, Parquet', parquet.leads, count, ['--engine', 'duckdb', '--events', parquet.events]);
    return { tenth, full, parallel, duckDb: { jsonl, parquet: parquetRun } };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
