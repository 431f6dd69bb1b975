// The fuzzers, for long runs.
//
//   npm run fuzz -- --target all --seconds 300     every target, the time shared between them
//   npm run fuzz -- --target compiler --seconds 60 one target: surface, compiler, runtime or readers
//   npm run fuzz -- --target runtime --seed S --path P   repeat the failure a run printed
//   npm run fuzz -- --seed 1 --count 10000 [--leads 20]  the surface-syntax fuzzer, N policies
//
// `surface` is the surface-syntax fuzzer (spec/surface-fuzz.ts): policy i of a run is generated
// from seed S + i, so a failure repeats with its seed and `--count 1`; it stops at the first
// failure and prints the smallest policy (and leads) that fails the same check. The other targets
// are the hostile suite's properties (hostile/targets.ts: mutated policies, hostile leads, mutated
// files of leads), run by fast-check from `--seed`, with larger inputs than `npm test` tries; a
// failure is shrunk and printed with the seed and path that repeat it. Exit code 1 on a failure.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { describeFailure as describeHostileFailure, fuzzSizes, runTarget, targets, type TargetName } from '../hostile/targets.js';
import { checkCase, describeFailure, fuzzCase, shrinkFailure } from '../spec/surface-fuzz.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string' },
    leads: { type: 'string', default: '20' },
    target: { type: 'string' },
    seconds: { type: 'string' },
    path: { type: 'string' },
  },
});

const usage = `usage: npm run fuzz -- [--target surface|compiler|runtime|readers|all] [--seconds N (60)] [--seed S] [--path P]
       npm run fuzz -- --seed S --count N [--leads L]   (the surface-syntax fuzzer, N policies)`;
const fail = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};

const allTargets = ['surface', 'compiler', 'runtime', 'readers'] as const;
type Name = (typeof allTargets)[number];

const first = Number(values.seed);
const leadsPerPolicy = Number(values.leads);
if (!Number.isSafeInteger(first) || !Number.isSafeInteger(leadsPerPolicy) || leadsPerPolicy < 1) fail('--seed and --leads are whole numbers (--leads at least 1)');

const started = performance.now();
const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return ((user + system) / 1e6).toFixed(1);
};

/** The surface fuzzer on `count` policies, or as many as `milliseconds` allow; false on a failure. */
function surface(limit: { count: number } | { milliseconds: number }): { ok: boolean; policies: number; leads: number } {
  const until = 'milliseconds' in limit ? performance.now() + limit.milliseconds : Infinity;
  const count = 'count' in limit ? limit.count : Infinity;
  let leads = 0;
  let i = 0;
  for (; i < count && performance.now() < until; i++) {
    const seed = first + i;
    const fuzz = fuzzCase(seed, leadsPerPolicy);
    leads += fuzz.leads.length;
    const failure = checkCase(fuzz);
    if (failure) {
      console.error(`seed ${seed} fails \`${failure.check}\` after ${i + 1} policies (${elapsed()} s); shrinking…`);
      const smallest = shrinkFailure(fuzz, failure);
      console.log(describeFailure(smallest.fuzz, smallest.failure));
      console.log(`--- repeat with: npm run fuzz -- --seed ${seed} --count 1 --leads ${leadsPerPolicy}`);
      return { ok: false, policies: i + 1, leads };
    }
    if ((i + 1) % 1000 === 0 && i + 1 < count) console.error(`${i + 1} policies, ${elapsed()} s`);
  }
  return { ok: true, policies: i, leads };
}

if (values.target === undefined && values.seconds === undefined) {
  // The surface fuzzer as it always ran: a number of policies.
  const count = Number(values.count ?? '1000');
  if (!Number.isSafeInteger(count) || count < 1) fail('--count is a whole number, at least 1');
  const run = surface({ count });
  if (!run.ok) process.exit(1);
  console.log(`no failure: ${count} policies (seeds ${first}–${first + count - 1}), ${run.leads} leads, ${elapsed()} s (${cpuSeconds()} s of CPU)`);
  process.exit(0);
}

const target = values.target ?? 'all';
if (target !== 'all' && !allTargets.includes(target as Name)) fail(`--target must be one of ${allTargets.join(', ')} or all, got ${JSON.stringify(target)}`);
const names: Name[] = target === 'all' ? [...allTargets] : [target as Name];
const seconds = Number(values.seconds ?? '60');
if (!(seconds > 0)) fail(`--seconds must be a positive number, got ${JSON.stringify(values.seconds)}`);
if (values.path !== undefined && (names.length !== 1 || names[0] === 'surface')) fail('--path repeats one failure of one target (compiler, runtime or readers), with its --seed');
if (values.count !== undefined) fail('--count goes with the surface fuzzer alone (no --target, no --seconds)');

console.error(`fuzzing ${names.join(', ')} for ${seconds} s in all, from seed ${first} (${cpus().length} CPUs: ${cpus()[0]?.model ?? 'unknown'}; Node ${process.version})`);
const share = (seconds * 1000) / names.length;
const lines: string[] = [];
let failed = false;
for (const name of names) {
  const from = performance.now();
  if (name === 'surface') {
    const run = surface({ milliseconds: share });
    failed ||= !run.ok;
    lines.push(
      `surface: ${run.policies} random policies × ${leadsPerPolicy} leads (seeds ${first}–${first + run.policies - 1}), ${run.ok ? 'no failure' : 'FAILED'}, ${((performance.now() - from) / 1000).toFixed(1)} s`,
    );
    continue;
  }
  const report = await runTarget(targets[name as TargetName] as Parameters<typeof runTarget>[0], {
    seed: first,
    sizes: fuzzSizes,
    ...(values.path !== undefined ? { path: values.path, runs: 1 } : { milliseconds: share }),
  });
  if (report.failure) {
    failed = true;
    console.log(describeHostileFailure(name as TargetName, report));
  }
  lines.push(`${name}: ${report.runs} ${targets[name as TargetName].inputs}, ${report.failure ? 'FAILED' : 'no failure'}, ${((performance.now() - from) / 1000).toFixed(1)} s`);
}
console.log(lines.join('\n'));
console.log(`${failed ? 'FAILED' : 'no failure'}: ${elapsed()} s (${cpuSeconds()} s of CPU)`);
process.exit(failed ? 1 : 0);
