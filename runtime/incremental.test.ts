import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { applyEvents, checkLeadState, LeadError, loadPolicy, refresh, startLead, updateProfile, type LeadState } from './index.js';
import { leadOf } from './support.js';

const reference = readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8');
const policyOf = (text: string) => {
  const { ir, diagnostics } = compile(text);
  if (!ir) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return loadPolicy(ir);
};
const b2b = policyOf(reference);
/** The reference policy without `no activity`, so that not every event matters. */
const patternsOnly = policyOf(reference.replace(/^.*no activity.*$/m, ''));

const day = 86_400_000;
const start = Date.parse('2026-11-01T12:00:00Z');
const at = (days: number) => new Date(start + days * day).toISOString();

/** Fit 20 (software, 200 employees, a phone): a demo request alone (40) makes an MQL until it decays. */
const engineer = { id: 'E1', email: 'erin@nordsoft.io', title: 'Engineer', industry: 'Software', employees: 200, country: 'US', phone: '+1 555' };
const demo = { type: 'request', object: 'demo', at: at(0) };

describe('startLead', () => {
  it('scores the lead as policy.score does and reports its first decisions from null', () => {
    const lead = { ...engineer, events: [demo] };
    const { state, result, transitions } = startLead(b2b, lead, { now: at(0) });
    expect(result).toEqual(b2b.score(lead, { now: at(0) }));
    expect(result.stage).toBe('MQL');
    expect(transitions).toEqual([
      { kind: 'grade', from: null, to: 'C' },
      { kind: 'stage', from: null, to: 'MQL' },
      { kind: 'route', from: null, to: 'Inbound SDR' },
    ]);
    expect(state.profile).toEqual(engineer);
    expect(state.decisions).toEqual({ grade: 'C', stage: 'MQL', route: 'Inbound SDR', blacklisted: false });
  });

  it('keeps a state that survives a JSON round trip unchanged', () => {
    const { state } = startLead(b2b, { ...engineer, events: [{ ...demo, campaign: 'x', name: ' ' }] }, { now: at(0) });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.events).toEqual([demo]);
  });

  it('keeps only the events a pattern of the policy can match', () => {
    const webinar = { type: 'attend', object: 'webinar', at: at(0) };
    const lead = { ...engineer, events: [webinar, demo] };
    expect(startLead(patternsOnly, lead, { now: at(0) }).state.events).toEqual([demo]);
    // `no activity` counts every event, so the reference policy keeps them all.
    expect(startLead(b2b, lead, { now: at(0) }).state.events).toEqual([webinar, demo]);
  });

  it('refuses an invalid lead with a LeadError', () => {
    expect(() => startLead(b2b, { ...engineer, employees: 'many' }, { now: at(0) })).toThrow(/`employees` must be a number/);
    expect(() => startLead(b2b, [engineer], { now: at(0) })).toThrow(LeadError);
  });
});

describe('applyEvents', () => {
  const first = startLead(b2b, engineer, { now: at(0) });

  it('reports a stage change once, and nothing for an event that changes no decision', () => {
    expect(first.result.stage).toBe('Nurture');
    const afterDemo = applyEvents(b2b, first.state, demo, { now: at(0) });
    expect(afterDemo.transitions).toEqual([
      { kind: 'stage', from: 'Nurture', to: 'MQL' },
      { kind: 'route', from: 'Marketing', to: 'Inbound SDR' },
    ]);
    const afterOpen = applyEvents(b2b, afterDemo.state, { type: 'open', object: 'email', at: at(0) }, { now: at(0) });
    expect(afterOpen.transitions).toEqual([]);
    expect(afterOpen.result).toEqual(b2b.score({ ...engineer, events: [demo, { type: 'open', object: 'email', at: at(0) }] }, { now: at(0) }));
  });

  it('takes several events at once, in order', () => {
    const visits = [1, 2, 3].map((d) => ({ type: 'visit', object: 'page', name: '/pricing', at: at(d) }));
    const { result, state } = applyEvents(b2b, first.state, visits, { now: at(4) });
    expect(state.events).toEqual(visits);
    expect(result.reasons.find((reason) => reason.rule.includes('/pricing'))?.events).toBe(3);
  });

  it('reports that a lead became blacklisted', () => {
    const competitor = startLead(b2b, { ...engineer, email: 'x@acme.com' }, { now: at(0) });
    expect(competitor.transitions).toContainEqual({ kind: 'blacklisted', from: false, to: true });
    expect(applyEvents(b2b, competitor.state, demo, { now: at(0) }).transitions).toEqual([]);
  });

  it('refuses an invalid event with a message that names it, and the state stays usable', () => {
    const before = JSON.stringify(first.state);
    expect(() => applyEvents(b2b, first.state, { type: 'open', at: 'yesterday' }, { now: at(0) })).toThrow(
      '`event.at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "yesterday"',
    );
    expect(() => applyEvents(b2b, first.state, [demo, { at: at(0) }], { now: at(0) })).toThrow('`events[1]` has no `type`');
    expect(() => applyEvents(b2b, first.state, 'open', { now: at(0) })).toThrow(LeadError);
    expect(JSON.stringify(first.state)).toBe(before);
    expect(applyEvents(b2b, first.state, demo, { now: at(0) }).result.stage).toBe('MQL');
  });

  it('counts an event from the future once its time has come', () => {
    const later = applyEvents(b2b, first.state, { ...demo, at: at(5) }, { now: at(0) });
    expect(later.result.stage).toBe('Nurture');
    expect(refresh(b2b, later.state, { now: at(5) }).transitions).toContainEqual({ kind: 'stage', from: 'Nurture', to: 'MQL' });
  });
});

describe('updateProfile', () => {
  const first = startLead(b2b, { ...engineer, events: [demo] }, { now: at(0) });

  it('replaces fields, removes those set to null, and reports what changes', () => {
    const { state, result, transitions } = updateProfile(b2b, first.state, { title: 'CTO', phone: null }, { now: at(0) });
    const { phone: _removed, ...rest } = engineer;
    expect(state.profile).toEqual({ ...rest, title: 'CTO' });
    expect(result).toEqual(b2b.score({ ...rest, title: 'CTO', events: [demo] }, { now: at(0) }));
    expect(transitions).toEqual([{ kind: 'grade', from: 'C', to: 'B' }]);
  });

  it('keeps a field named __proto__ as a field', () => {
    const { state } = updateProfile(b2b, first.state, JSON.parse('{"__proto__": {"x": 1}}'), { now: at(0) });
    expect(Object.getPrototypeOf(state.profile)).toBe(Object.prototype);
    expect(Object.hasOwn(state.profile, '__proto__')).toBe(true);
  });

  it('refuses a change of the wrong type, or one with events', () => {
    expect(() => updateProfile(b2b, first.state, { employees: '200' }, { now: at(0) })).toThrow('`employees` must be a number, got the text "200"');
    expect(() => updateProfile(b2b, first.state, { events: [] }, { now: at(0) })).toThrow(/cannot carry `events`/);
    expect(() => updateProfile(b2b, first.state, null, { now: at(0) })).toThrow(LeadError);
  });
});

describe('refresh', () => {
  it('reports a decision that time changes: the demo request decays below MQL', () => {
    const { state } = startLead(b2b, { ...engineer, events: [demo] }, { now: at(0) });
    const day20 = refresh(b2b, state, { now: at(20) });
    expect(day20.transitions).toEqual([]);
    const day25 = refresh(b2b, day20.state, { now: at(25) });
    expect(day25.result.score).toBeLessThan(50);
    expect(day25.transitions).toEqual([
      { kind: 'stage', from: 'MQL', to: 'Nurture' },
      { kind: 'route', from: 'Inbound SDR', to: 'Marketing' },
    ]);
    expect(refresh(b2b, day25.state, { now: at(26) }).transitions).toEqual([]);
  });

  it('rescores with a new policy and reports the changes it causes once', () => {
    const { state } = startLead(patternsOnly, { ...engineer, events: [demo] }, { now: at(0) });
    const weakerDemo = policyOf(reference.replace('when request demo add 40', 'when request demo add 10'));
    const reloaded = refresh(weakerDemo, state, { now: at(0) });
    expect(reloaded.state.policy).not.toBe(state.policy);
    expect(reloaded.transitions).toEqual([
      { kind: 'stage', from: 'MQL', to: 'Nurture' },
      { kind: 'route', from: 'Inbound SDR', to: 'Marketing' },
    ]);
    expect(refresh(weakerDemo, reloaded.state, { now: at(0) }).transitions).toEqual([]);
  });

  it('drops the events a new policy cannot use', () => {
    const webinar = { type: 'attend', object: 'webinar', at: at(0) };
    const { state } = startLead(b2b, { ...engineer, events: [webinar, demo] }, { now: at(0) });
    expect(refresh(patternsOnly, state, { now: at(0) }).state.events).toEqual([demo]);
  });
});

describe('events that can no longer count', () => {
  // In the reference policy a webinar counts only for `no activity for 30 days`; a demo request forever.
  const webinar = { type: 'attend', object: 'webinar', at: at(0) };

  it('are dropped once older than every window that matches them, and the result stays that of scoring from scratch', () => {
    let step = startLead(b2b, { ...engineer, events: [webinar, demo] }, { now: at(1) });
    expect(step.state.events).toHaveLength(2);
    step = refresh(b2b, step.state, { now: at(29.9) });
    expect(step.state.events).toHaveLength(2);
    expect(step.state.forgottenAt).toBeUndefined();
    step = refresh(b2b, step.state, { now: at(30) });
    expect(step.state.events).toEqual([demo]);
    expect(step.state.forgottenAt).toBe(at(30));
    for (const days of [30, 31, 400]) {
      const later = refresh(b2b, step.state, { now: at(days) });
      expect(later.result).toEqual(b2b.score({ ...engineer, events: [webinar, demo] }, { now: at(days) }));
    }
  });

  it('make a step at an earlier now fail with a LeadError, since the dropped events would count then', () => {
    const { state } = refresh(b2b, startLead(b2b, { ...engineer, events: [webinar] }, { now: at(0) }).state, { now: at(45) });
    expect(state.events).toEqual([]);
    expect(() => refresh(b2b, state, { now: at(44) })).toThrow(LeadError);
    expect(() => refresh(b2b, state, { now: at(44) })).toThrow(/dropped, at 2026-12-16T12:00:00.000Z, events that no longer counted then/);
    expect(refresh(b2b, state, { now: at(45) }).result.score).toBe(b2b.score({ ...engineer, events: [webinar] }, { now: at(45) }).score);
  });

  it('are kept while a pattern without a window matches them', () => {
    const { state } = refresh(b2b, startLead(b2b, { ...engineer, events: [demo] }, { now: at(0) }).state, { now: at(1000) });
    expect(state.events).toEqual([demo]);
  });
});

describe('checkLeadState and leadOf', () => {
  it('accepts a stored state and refuses anything else', () => {
    const { state } = startLead(b2b, { ...engineer, events: [demo] }, { now: at(0) });
    const stored: unknown = JSON.parse(JSON.stringify(state));
    expect(checkLeadState(stored)).toEqual(state);
    expect(leadOf(state)).toEqual({ ...engineer, events: [demo] });
    for (const bad of [null, [], {}, { ...state, format: 'x' }, { ...state, events: {} }, { ...state, decisions: { ...state.decisions, blacklisted: 'no' } }]) {
      expect(() => checkLeadState(bad as LeadState)).toThrow(/not a lead state/);
    }
  });

  it('names the part of a stored state that is wrong', () => {
    const { state } = startLead(b2b, { ...engineer, events: [demo] }, { now: at(0) });
    const refusal = (bad: unknown) => {
      try {
        checkLeadState(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(LeadError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal([])).toBe('not a lead state: a lead state is an object with "format": "leadscore-lead-state", "policy", "profile", "events" and "decisions"');
    expect(refusal({ ...state, format: 'x' })).toBe('not a lead state: "format" must be "leadscore-lead-state"');
    expect(refusal({ ...state, policy: 3 })).toBe('not a lead state: "policy" must be text (the hash of the policy that last scored the lead)');
    expect(refusal({ ...state, profile: [] })).toBe('not a lead state: "profile" must be an object');
    expect(refusal({ ...state, events: [demo, { at: demo.at }] })).toBe('not a lead state: "events"[1] must be an event with a "type" and an "at"');
    expect(refusal({ ...state, events: [{ ...demo, at: 'soon' }] })).toBe('not a lead state: "events"[0].at must be an ISO-8601 time in the years 0000 to 9999 (UTC), got "soon"');
    expect(refusal({ ...state, decisions: { ...state.decisions, route: 5 } })).toBe('not a lead state: "decisions".route must be text or null');
    expect(refusal({ ...state, decisions: { ...state.decisions, blacklisted: 'no' } })).toBe('not a lead state: "decisions".blacklisted must be true or false');
    // What a `now` after the year 9999 wrote before it was refused: `serve` then could not restart.
    expect(refusal({ ...state, forgottenAt: '+010000-01-01T04:00:00.000Z' })).toBe(
      'not a lead state: "forgottenAt" must be an ISO-8601 time in the years 0000 to 9999 (UTC), got "+010000-01-01T04:00:00.000Z"',
    );
    expect(checkLeadState({ ...state, forgottenAt: at(3) })).toEqual({ ...state, forgottenAt: at(3) });
  });

  it('refuses a step at a `now` outside the years 0000 to 9999 (UTC), so that no state records a time it cannot read back', () => {
    const { state } = startLead(b2b, { ...engineer, events: [demo] }, { now: at(0) });
    for (const now of ['9999-12-31T23:00:00-05:00', Date.UTC(10000, 0, 1), new Date(-62_167_219_200_001)]) {
      expect(() => refresh(b2b, state, { now })).toThrow(RangeError);
      expect(() => startLead(b2b, engineer, { now })).toThrow(RangeError);
    }
    // The latest time there is expires every event with a window, and the state still reads back.
    const visit = { type: 'visit', object: 'page', name: '/pricing', at: at(0) };
    const last = refresh(b2b, startLead(b2b, { ...engineer, events: [visit] }, { now: at(0) }).state, { now: '9999-12-31T23:59:59.999Z' }).state;
    expect(last.forgottenAt).toBe('9999-12-31T23:59:59.999Z');
    expect(checkLeadState(JSON.parse(JSON.stringify(last)))).toEqual(last);
  });
});
