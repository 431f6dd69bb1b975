import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { LeadError, loadPolicy } from '../runtime/index.js';
import { globCases, globSummary, longestName, measureGlobs } from './glob.js';

describe('event-name globs on the longest page name a lead holds', () => {
  it('score in linear time: every worst case, by both backends, well under a second (bound: 2 s, for a loaded machine)', { timeout: 60_000 }, () => {
    const timings = measureGlobs(longestName, 1);
    expect(timings).toHaveLength(globCases(10).length * 2);
    for (const timing of timings) expect(timing.ms, `${timing.glob} (${timing.backend})`).toBeLessThan(2_000);
    // Some cases match at the very end: a matcher that gave up early would get them wrong.
    expect(timings.map((timing) => timing.matched)).toEqual(globCases(10).flatMap((_, i) => (i === 1 || i === 3 || i === 6 ? [true, true] : [false, false])));
    expect(globSummary(timings)).toMatch(/^Event-name globs on a 65,536-character page name .*: slowest \d+\.\d\d ms/);
  });

  it('is the longest name a lead may hold: one character more is the lead’s error', () => {
    const policy = loadPolicy(compile('when visit page "*a*" add 5').ir!);
    const lead = (length: number) => ({ id: 1, events: [{ type: 'visit', object: 'page', name: 'a'.repeat(length), at: '2026-11-22T12:00:00Z' }] });
    expect(policy.score(lead(longestName), { now: Date.parse('2026-11-23T12:00:00Z') }).score).toBe(5);
    expect(() => policy.score(lead(longestName + 1), { now: Date.parse('2026-11-23T12:00:00Z') })).toThrow(LeadError);
  });
});
