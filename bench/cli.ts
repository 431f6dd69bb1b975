/**
 * The CLI end to end: `leadscore score` on a JSONL file of generated leads, in a child process,
 * output to /dev/null, in one thread and with `--jobs 2`. Reports leads per second (wall time, start-up and compiling included) and
 * the child's peak resident memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { generateLeads } from '../scripts/generate-leads.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtCli = join(root, 'dist/cli/main.js');
const timeCommand = '/usr/bin/time';

export interface CliRun {
  leads: number;
  /** `--jobs`: 1 scores in the command's thread, N > 1 in N worker threads. */
  jobs: number;
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
    ...['language', 'compiler', 'runtime', 'leads', 'workspace', 'impact', 'policy-tests', 'cli', 'server'].map((folder) => newestSource(join(root, folder))),
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

async function scoreFile(path: string, leads: number, jobs: number): Promise<CliRun> {
  const args = [join(root, 'bin/leadscore.js'), 'score', join(root, 'examples/b2b-saas.score'), path, '--now', '2026-11-23T12:00:00Z', '--jobs', String(jobs)];
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
  return { leads, jobs, seconds, leadsPerSecond: leads / seconds, peakRssMb: peakKb / 1024 };
}

/**
 * Scores a tenth of `count` leads and all of them through the CLI in one thread (`--jobs 1`), then
 * all of them with `--jobs 2` (two worker threads); the temporary files are always removed.
 */
export async function measureCli(count: number, log: (line: string) => void): Promise<{ full: CliRun; tenth: CliRun; parallel: CliRun }> {
  ensureBuilt(log);
  const directory = await mkdtemp(join(tmpdir(), 'leadscore-bench-'));
  try {
    const tenthCount = Math.max(1, Math.round(count / 10));
    const tenthPath = join(directory, 'leads-tenth.jsonl');
    const fullPath = join(directory, 'leads.jsonl');
    log(`writing ${count.toLocaleString('en-US')} and ${tenthCount.toLocaleString('en-US')} leads to ${directory}`);
    await writeLeads(tenthPath, tenthCount);
    const tenth = await scoreFile(tenthPath, tenthCount, 1);
    await rm(tenthPath);
    await writeLeads(fullPath, count);
    log('--jobs 1');
    const full = await scoreFile(fullPath, count, 1);
    log('--jobs 2');
    const parallel = await scoreFile(fullPath, count, 2);
    return { full, tenth, parallel };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
