/**
 * Event-name globs on a long name: the time `visit page "GLOB"` takes to score a lead whose one
 * event has the longest page name a lead may hold (65,536 characters) that (almost) matches, by
 * each backend, for the worst globs. A backtracking regular expression took seconds for `*a*b*c*`
 * on an 8 KB name; runtime/glob.ts takes time linear in the name (runtime/events.test.ts matches
 * a 1 MiB name). `npm run bench` reports the slowest; bench/glob.test.ts holds a generous bound.
 */
import { compile } from '../compiler/index.js';
import { loadPolicy, type Backend } from '../runtime/index.js';

const now = Date.parse('2026-11-23T12:00:00Z');

/** The longest text a lead's value or event name may be (runtime/lead-schema.ts, `maxTextLength`). */
export const longestName = 65_536;

/** Each glob with the worst name for it: long runs of what it looks for, the last part missing or at the very end. */
export function globCases(length: number): Array<{ glob: string; name: string }> {
  const of = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return [
    { glob: '*a*b*c*', name: of('ab') },
    { glob: '*a*b*c*', name: `${of('ab').slice(1)}c` },
    { glob: '*a*a*a*a*b', name: of('a') },
    { glob: '*a*a*a*a*b', name: `${of('a').slice(1)}b` },
    { glob: `*${'a'.repeat(100)}b*`, name: of('a') },
    { glob: `*${'ab'.repeat(50)}c*`, name: of('ab') },
    { glob: `/pricing*${'x'.repeat(20)}*`, name: `/pricing${of('x').slice(8)}` },
  ];
}

export interface GlobTiming {
  glob: string;
  nameLength: number;
  backend: Backend;
  matched: boolean;
  /** The fastest of `repeats` scorings of the lead. */
  ms: number;
}

export function measureGlobs(length = longestName, repeats = 3): GlobTiming[] {
  const timings: GlobTiming[] = [];
  for (const { glob, name } of globCases(length)) {
    const { ir } = compile(`when visit page "${glob}" add 5`);
    if (!ir) throw new Error(`the glob policy for ${glob} does not compile`);
    const lead = { id: 'long', events: [{ type: 'visit', object: 'page', name, at: '2026-11-22T12:00:00Z' }] };
    for (const backend of ['generated', 'interpreter'] as const) {
      const policy = loadPolicy(ir, { backend });
      let ms = Infinity;
      let matched = false;
      for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        matched = policy.score(lead, { now }).score === 5;
        ms = Math.min(ms, performance.now() - start);
      }
      timings.push({ glob: glob.length > 24 ? `${glob.slice(0, 20)}…` : glob, nameLength: name.length, backend, matched, ms });
    }
  }
  return timings;
}

/** The slowest case, as `npm run bench` prints it. */
export function globSummary(timings: readonly GlobTiming[]): string {
  const slowest = timings.reduce((a, b) => (b.ms > a.ms ? b : a));
  return `Event-name globs on a ${slowest.nameLength.toLocaleString('en-US')}-character page name (the longest a lead holds), ${timings.length / 2} worst cases × 2 backends: slowest ${slowest.ms.toFixed(2)} ms (${slowest.glob}, ${slowest.backend})`;
}
