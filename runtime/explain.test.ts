import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from './index.js';

const examples = join(import.meta.dirname, '..', 'examples');
const policy = loadPolicy(compile(readFileSync(join(examples, 'b2b-saas.score'), 'utf8')).ir);
const leads = readFileSync(join(examples, 'leads.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string });
const lead = (id: string) => leads.find((l) => l.id === id)!;
const now = '2026-11-23T12:00:00Z';

describe('explain', () => {
  it('gives the same result as score, plus every rule and decision', () => {
    const explanation = policy.explain(lead('L1'), { now });
    const { rules, decisions, ...result } = explanation;
    expect(result).toEqual(policy.score(lead('L1'), { now }));
    expect(rules).toHaveLength(policy.ir.contributions.length);
    expect(decisions.map((d) => [d.name, d.label, d.row, d.line])).toEqual([
      ['grade', 'A', 0, 28],
      ['stage', 'SQL', 0, 33],
      ['route', 'Inbound SDR', 1, 38],
    ]);
  });

  it('shows points before decay, after decay and after the cap, event by event', () => {
    const opens = policy.explain(lead('L1'), { now }).rules.find((r) => r.rule.startsWith('when open email'))!;
    // Opens 1, 2, 3 and 40 days old: 4 × 5 = 20 before decay; 4.94 + 4.89 + 4.83 + 3.15 = 17.81 after; capped at 15.
    expect(opens).toMatchObject({ fired: true, basePoints: 20, decayedPoints: 17.81, points: 15, capped: true, section: 'engagement' });
    expect(opens.events.map((e) => [e.index, e.ageDays, e.points])).toEqual([
      [0, 1, 4.94],
      [1, 2, 4.89],
      [2, 3, 4.83],
      [3, 40, 3.15],
    ]);
  });

  it('names the one event a once-rule decays by', () => {
    const visits = policy.explain(lead('L1'), { now }).rules.find((r) => r.rule.startsWith('when visit page'))!;
    // Three visits in the window; the most recent (2 days old) decays: 20 × 0.5^(2/60) = 19.54.
    expect(visits).toMatchObject({ fired: true, basePoints: 20, decayedPoints: 19.54, points: 19.54, capped: false });
    expect(visits.events.filter((e) => e.points !== undefined)).toEqual([{ index: 6, ageDays: 2, points: 19.54 }]);
  });

  it('lists rules that did not fire, with the events they saw', () => {
    const visits = policy.explain(lead('L5'), { now }).rules.find((r) => r.rule.startsWith('when visit page'))!;
    // Only two visits fall inside the 14-day window; 3 are needed.
    expect(visits).toMatchObject({ fired: false, points: 0 });
    expect(visits.events.map((e) => e.index)).toEqual([1, 2]);
  });

  it('signs subtracted points and marks decisions made by the blacklist', () => {
    const l2 = policy.explain(lead('L2'), { now });
    expect(l2.rules.find((r) => r.rule.includes('freemail'))).toMatchObject({ fired: true, points: -10, basePoints: -10 });
    const l3 = policy.explain(lead('L3'), { now });
    expect(l3.rules.find((r) => r.effect === 'blacklist')).toMatchObject({ fired: true, points: 0 });
    expect(l3.decisions.find((d) => d.name === 'stage')).toEqual({ name: 'stage', label: 'Blacklisted', row: null, line: null, byBlacklist: true });
    expect(l3.decisions.find((d) => d.name === 'route')).toEqual({ name: 'route', label: null, row: null, line: null, byBlacklist: true });
  });
});
