/** Agreement and speed of one implementation on a set of parsed leads. */
import { outcomeOf, type Implementation } from './implementations.js';
import { difference, type Outcome, type Rejected } from './outcome.js';

export interface Throughput {
  leadsPerSecond: number;
  /** Per-lead latency in microseconds. */
  p50: number;
  p99: number;
}

export class Disagreement extends Error {}

/** Throws a Disagreement naming the first leads (up to 5) where `implementation` differs from `expected`. */
export async function checkAgreement(implementation: Implementation, leads: readonly unknown[], expected: ReadonlyArray<Outcome | Rejected>, now: number): Promise<void> {
  const problems: string[] = [];
  let count = 0;
  for (let i = 0; i < leads.length; i++) {
    const problem = difference(expected[i]!, await outcomeOf(implementation, leads[i], now));
    if (problem === null) continue;
    count++;
    if (problems.length < 5) problems.push(`  lead ${i + 1} (${JSON.stringify((leads[i] as { id?: unknown }).id)}): ${problem}`);
  }
  if (count > 0) throw new Disagreement(`${implementation.name} disagrees with leadscore on ${count} of ${leads.length} leads:\n${problems.join('\n')}`);
}

/** The outcomes a reference implementation gives, lead by lead. */
export async function outcomes(implementation: Implementation, leads: readonly unknown[], now: number): Promise<Array<Outcome | Rejected>> {
  const result: Array<Outcome | Rejected> = [];
  for (const lead of leads) result.push(await outcomeOf(implementation, lead, now));
  return result;
}

/** Scores every lead once, timing each call; asynchronous implementations are awaited lead by lead. */
export async function measureThroughput(implementation: Implementation, leads: readonly unknown[], now: number): Promise<Throughput> {
  const latencies = new Float64Array(leads.length);
  const score = implementation.score;
  const started = performance.now();
  if (implementation.async) {
    for (let i = 0; i < leads.length; i++) {
      const before = performance.now();
      await score(leads[i], now);
      latencies[i] = performance.now() - before;
    }
  } else {
    for (let i = 0; i < leads.length; i++) {
      const before = performance.now();
      score(leads[i], now);
      latencies[i] = performance.now() - before;
    }
  }
  const elapsed = performance.now() - started;
  latencies.sort();
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 1000;
  return { leadsPerSecond: (leads.length / elapsed) * 1000, p50: percentile(0.5), p99: percentile(0.99) };
}
