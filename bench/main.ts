/**
 * `npm run bench`: examples/b2b-saas.score scored by leadscore (generated code and interpreter),
 * a hand-written JavaScript function, CEL and json-rules-engine on the same generated leads;
 * compile time by policy size; the runtime's size; the HTTP service; the CLI on a million leads.
 * One process, deterministic data. See bench/README.md for what each row includes.
 *
 *   npm run bench -- [--leads N] [--cli-leads N] [--skip-cli] [--skip-duckdb] [--stage-leads N] [--skip-stages]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateLeads } from '../scripts/generate-leads.js';
import { measureCli, type CliRun } from './cli.js';
import { measureCompileTime, type CompileTiming } from './compile-time.js';
import { globSummary, measureGlobs } from './glob.js';
import { allImplementations, referenceIr, type Implementation } from './implementations.js';
import type { ServeBenchmark } from './serve.js';
import { formatNumber, formatRatio, formatTable } from './table.js';
import { checkAgreement, Disagreement, measureThroughput, outcomes, type Throughput } from './throughput.js';
import { measureStages, stagesTable } from './stages.js';

const now = Date.parse('2026-11-23T12:00:00Z');
const compileSizes = [10, 100, 1_000, 10_000];
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function count(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  const number = Number(value.replace(/[,_]/g, ''));
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${option} must be a positive whole number, got ${JSON.stringify(value)}`);
  return number;
}

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      leads: { type: 'string' },
      'cli-leads': { type: 'string' },
      'skip-cli': { type: 'boolean', default: false },
      'skip-duckdb': { type: 'boolean', default: false },
      'stage-leads': { type: 'string' },
      'skip-stages': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run bench -- [--leads N (100000)] [--cli-leads N (1000000)] [--skip-cli] [--skip-duckdb] [--stage-leads N (1000000)] [--skip-stages]\n');
    process.exit(0);
  }
  return {
    leads: count(values.leads, 100_000, '--leads'),
    cliLeads: count(values['cli-leads'], 1_000_000, '--cli-leads'),
    skipCli: values['skip-cli'],
    skipDuckDb: values['skip-duckdb'],
    stageLeads: count(values['stage-leads'], 1_000_000, '--stage-leads'),
    skipStages: values['skip-stages'],
  };
}

interface Row {
  implementation: Implementation;
  throughput: Throughput;
}

async function throughputRows(leadCount: number): Promise<Row[]> {
  log(`generating ${formatNumber(leadCount)} leads`);
  const leads = Array.from(generateLeads(leadCount), (line) => JSON.parse(line) as unknown);
  const events = leads.reduce<number>((sum, lead) => sum + (lead as { events: unknown[] }).events.length, 0);
  log(`${formatNumber(leadCount)} leads, ${formatNumber(events)} events`);
  const implementations = allImplementations(await referenceIr());
  const interpreter = implementations.find((implementation) => implementation.name === 'leadscore interpreter')!;
  const expected = await outcomes(interpreter, leads, now);
  const rows: Row[] = [];
  for (const implementation of implementations) {
    // Every lead is checked first, which also warms the implementation up before it is timed.
    log(`${implementation.name}: checking every lead against leadscore`);
    await checkAgreement(implementation, leads, expected, now);
    log(`${implementation.name}: timing`);
    rows.push({ implementation, throughput: await measureThroughput(implementation, leads, now) });
  }
  return rows;
}

function throughputTable(rows: readonly Row[]): string {
  const hand = rows.find((row) => row.implementation.name.startsWith('hand-written'))!.throughput.leadsPerSecond;
  return formatTable(
    ['implementation', 'leads/s', 'vs hand-written', 'p50 µs', 'p99 µs'],
    rows.map(({ implementation, throughput }) => [
      implementation.name,
      formatNumber(throughput.leadsPerSecond, 0),
      formatRatio(throughput.leadsPerSecond / hand),
      formatNumber(throughput.p50, 1),
      formatNumber(throughput.p99, 1),
    ]),
  );
}

function compileTable(timings: readonly CompileTiming[]): string {
  return formatTable(
    ['rules', 'compile ms', 'µs/rule', 'load generated ms', 'load interpreter ms'],
    timings.map((timing) => [
      formatNumber(timing.rules, 0),
      formatNumber(timing.compileMs, 1),
      formatNumber((timing.compileMs * 1000) / timing.rules, 0),
      formatNumber(timing.loadGeneratedMs, 1),
      formatNumber(timing.loadInterpreterMs, 1),
    ]),
  );
}

/** Calls `name`() from another bench module (`bench/NAME.ts`) if it exists; a note saying why not otherwise. */
async function optional<T>(module: string, name: string): Promise<T | string> {
  if (!existsSync(fileURLToPath(new URL(`./${module}.ts`, import.meta.url)))) return `skipped: bench/${module}.ts does not exist`;
  const exports = (await import(`./${module}.js`)) as Record<string, unknown>;
  const run = exports[name];
  if (typeof run !== 'function') return `skipped: bench/${module}.ts exports no ${name}()`;
  return (await (run as () => Promise<T> | T)()) as T;
}

interface Target {
  what: string;
  met: boolean;
  figure: string;
}

function targetLines(targets: readonly Target[]): string {
  return targets.map((target) => `${target.met ? 'met   ' : 'MISSED'}  ${target.what}: ${target.figure}`).join('\n');
}

async function main(): Promise<void> {
  const settings = options();
  const out: string[] = [];
  const targets: Target[] = [];

  const rows = await throughputRows(settings.leads);
  const speed = (prefix: string) => rows.find((row) => row.implementation.name.startsWith(prefix))!.throughput.leadsPerSecond;
  const [generated, interpreter, hand, cel, rulesEngine] = ['leadscore generated', 'leadscore interpreter', 'hand-written', 'CEL', 'json-rules-engine'].map(speed) as [
    number,
    number,
    number,
    number,
    number,
  ];
  out.push(
    `Scoring examples/b2b-saas.score, ${formatNumber(settings.leads, 0)} generated leads (0–60 events each); every implementation agreed with leadscore on every lead`,
    '',
    throughputTable(rows),
    '',
  );
  out.push(...rows.map(({ implementation }) => `  ${implementation.name}: ${implementation.includes}`), '');
  targets.push(
    { what: 'generated ≥ 0.7× hand-written', met: generated / hand >= 0.7, figure: formatRatio(generated / hand) },
    { what: 'generated ≈ 10× CEL', met: generated / cel >= 10, figure: formatRatio(generated / cel) },
    { what: 'generated > 100× json-rules-engine', met: generated / rulesEngine > 100, figure: formatRatio(generated / rulesEngine) },
    { what: 'interpreter ≥ 20× json-rules-engine', met: interpreter / rulesEngine >= 20, figure: formatRatio(interpreter / rulesEngine) },
  );

  log('compile time');
  const timings = measureCompileTime(compileSizes);
  const first = timings[0]!;
  const last = timings[timings.length - 1]!;
  const growth = last.compileMs / last.rules / (first.compileMs / first.rules);
  out.push('Compile time of generated policies (fastest of several runs)', '', compileTable(timings), '');
  out.push(`  µs per rule at ${formatNumber(last.rules, 0)} rules is ${formatRatio(growth)} that at ${first.rules} (1× = linear)`, '');
  const thousand = timings.find((timing) => timing.rules === 1_000);
  if (thousand) targets.push({ what: '1,000-rule policy compiles < 200 ms', met: thousand.compileMs < 200, figure: `${formatNumber(thousand.compileMs, 1)} ms` });

  log('event-name globs');
  const globs = measureGlobs();
  out.push(globSummary(globs), '');
  targets.push({
    what: 'a glob on the longest page name scores in < 1 s',
    met: globs.every((glob) => glob.ms < 1_000),
    figure: `${formatNumber(Math.max(...globs.map((glob) => glob.ms)), 2)} ms`,
  });

  log('runtime size');
  const size = await optional<{ minified: number; gzipped: number }>('runtime-size', 'runtimeSize');
  out.push(
    typeof size === 'string'
      ? `Runtime size: ${size}`
      : `Runtime size: ${formatNumber(size.minified / 1024, 1)} KB minified, ${formatNumber(size.gzipped / 1024, 1)} KB minified+gzipped`,
    '',
  );

  log('HTTP service load test');
  const serve = await optional<ServeBenchmark>('serve', 'benchServe');
  const load = (run: { requestsPerSecond: number; p99Ms: number; errors: number; non2xx: number }) =>
    `${formatNumber(run.requestsPerSecond, 0)} requests/s, p99 ${formatNumber(run.p99Ms, 1)} ms, ${run.errors} errors, ${run.non2xx} non-2xx`;
  out.push(
    ...(typeof serve === 'string'
      ? [`HTTP service: ${serve}`]
      : [
          `HTTP service (POST /score, one lead per request, ${serve.concurrency} connections, ${serve.durationSeconds} s): ${load(serve)}`,
          `  POST /leads/:id/events, one event per request (${serve.events.durationSeconds} s): ${load(serve.events)}`,
          `  the same with --state, each event on disk before its answer: ${load(serve.durableEvents)}`,
        ]),
    '',
  );

  if (settings.skipStages) out.push('Stages: skipped (--skip-stages)', '');
  else {
    log(`stages of one thread on ${formatNumber(settings.stageLeads, 0)} leads`);
    const stages = await measureStages(settings.stageLeads, log);
    out.push(`Where one thread's time goes (score on JSON Lines), ${formatNumber(stages.leads, 0)} leads, ${formatNumber(stages.events, 0)} events`, '', stagesTable(stages), '');
    out.push(...[...stages.stages, stages.timeParsing, stages.fused].map((stage) => `  ${stage.stage}: ${stage.does}`), '');
  }

  if (settings.skipCli) out.push('CLI: skipped (--skip-cli)', '');
  else {
    log(`CLI on ${formatNumber(settings.cliLeads, 0)} leads`);
    const { full, tenth, parallel, duckDb } = await measureCli(settings.cliLeads, log, { duckDb: !settings.skipDuckDb });
    const cliRow = (run: CliRun) => [run.run, formatNumber(run.leads, 0), formatNumber(run.seconds, 1), formatNumber(run.leadsPerSecond, 0), formatNumber(run.peakRssMb, 0)];
    const runs = [tenth, full, parallel, ...(duckDb ? [duckDb.jsonl, duckDb.parquet] : [])];
    out.push(
      'CLI end to end: leadscore score examples/b2b-saas.score FILE --now … [--jobs N | --engine duckdb] > /dev/null',
      '',
      formatTable(['run', 'leads', 'seconds', 'leads/s', 'peak RSS MB'], runs.map(cliRow)),
      '',
    );
    targets.push(
      {
        what: 'CLI peak memory < 300 MB, flat with input size (--jobs 1)',
        met: full.peakRssMb < 300 && full.peakRssMb < tenth.peakRssMb * 1.5,
        figure: `${formatNumber(full.peakRssMb, 0)} MB at ${formatNumber(full.leads, 0)} leads, ${formatNumber(tenth.peakRssMb, 0)} MB at ${formatNumber(tenth.leads, 0)}`,
      },
      {
        what: 'CLI --jobs 2 ≥ 1.7× --jobs 1',
        met: parallel.leadsPerSecond / full.leadsPerSecond >= 1.7,
        figure: `${formatRatio(parallel.leadsPerSecond / full.leadsPerSecond)} (${formatNumber(parallel.leadsPerSecond, 0)} vs ${formatNumber(full.leadsPerSecond, 0)} leads/s; ${formatNumber(parallel.peakRssMb, 0)} MB peak)`,
      },
    );
    if (duckDb) {
      for (const run of [duckDb.parquet, duckDb.jsonl]) {
        targets.push({
          what: `CLI ${run.run} ≥ 3× --jobs 1`,
          met: run.leadsPerSecond / full.leadsPerSecond >= 3,
          figure: `${formatRatio(run.leadsPerSecond / full.leadsPerSecond)} (${formatNumber(run.leadsPerSecond, 0)} vs ${formatNumber(full.leadsPerSecond, 0)} leads/s; ${formatNumber(run.peakRssMb, 0)} MB peak)`,
        });
      }
    }
  }

  out.push('Targets', '', targetLines(targets));
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof Disagreement || error instanceof UsageError) process.stderr.write(`bench: ${error.message}\n`);
  else process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
