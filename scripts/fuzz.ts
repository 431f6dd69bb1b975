// The surface-syntax fuzzer, for long runs: `npm run fuzz -- --seed 1 --count 10000 [--leads 20]`.
// Policy i of the run is generated from seed S + i, so any failure can be repeated with its seed
// and `--count 1`. It stops at the first failure and prints the smallest policy (and leads) it
// can find that fails the same check. See spec/surface-fuzz.ts for the checks.
import { parseArgs } from 'node:util';
import { checkCase, describeFailure, fuzzCase, shrinkFailure } from '../spec/surface-fuzz.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '1000' },
    leads: { type: 'string', default: '20' },
  },
});
const [first, count, leadsPerPolicy] = [values.seed, values.count, values.leads].map(Number) as [number, number, number];
if (![first, count, leadsPerPolicy].every(Number.isSafeInteger) || count < 1 || leadsPerPolicy < 1) {
  console.error('usage: npm run fuzz -- --seed S --count N [--leads L]   (whole numbers; N, L at least 1)');
  process.exit(2);
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return ((user + system) / 1e6).toFixed(1);
};
let leads = 0;
for (let i = 0; i < count; i++) {
  const seed = first + i;
  const fuzz = fuzzCase(seed, leadsPerPolicy);
  leads += fuzz.leads.length;
  const failure = checkCase(fuzz);
  if (failure) {
    console.error(`seed ${seed} fails \`${failure.check}\` after ${i + 1} policies (${seconds()} s); shrinking…`);
    const smallest = shrinkFailure(fuzz, failure);
    console.log(describeFailure(smallest.fuzz, smallest.failure));
    console.log(`--- repeat with: npm run fuzz -- --seed ${seed} --count 1 --leads ${leadsPerPolicy}`);
    process.exit(1);
  }
  if ((i + 1) % 1000 === 0 && i + 1 < count) console.error(`${i + 1} policies, ${seconds()} s`);
}
console.log(`no failure: ${count} policies (seeds ${first}–${first + count - 1}), ${leads} leads, ${seconds()} s (${cpuSeconds()} s of CPU)`);
