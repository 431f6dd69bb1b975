/**
 * Incremental scoring: a compact, plain-JSON state per lead that takes one
 * event (or a profile change) at a time and reports each change of a decision
 * exactly once. Every step gives exactly what `policy.score` gives for the
 * lead's profile and all its events so far; the state keeps only the events
 * some event pattern of the policy can match, and only while a pattern can
 * still count them (an event older than every window that matches it never
 * counts again, as long as time moves forward).
 */
import { eventMatcher, type LeadEvent } from './events.js';
import { decisionNames, type DecisionName } from './ir.js';
import { LeadError } from './lead-schema.js';
import type { Policy, ScoreOptions, ScoreResult } from './results.js';
import { normalizeText } from './text.js';
import { millisPerDay, parseIsoTime, timeRange, toMillis } from './time.js';

/** An event as the state keeps it: the fields the rules read, nothing else. */
export interface StoredEvent {
  type: string;
  object?: string;
  name?: string;
  at: string;
}

/** The decisions a service is notified about when they change. */
export interface Decisions {
  grade: string | null;
  stage: string | null;
  route: string | null;
  blacklisted: boolean;
}

/** One lead between events. Plain JSON: store it anywhere, parse it back, carry on. */
export interface LeadState {
  format: 'leadscore-lead-state';
  /** The content hash of the policy that last scored the lead. */
  policy: string;
  /** The lead's fields, without `events`. */
  profile: Record<string, unknown>;
  /** The events so far that the policy can use, in order of arrival. */
  events: StoredEvent[];
  /** The decisions last reported, so that each change is reported once. */
  decisions: Decisions;
  /**
   * The latest `now` at which events that stopped counting were dropped. A step at an
   * earlier `now` could need them, so it is refused; absent while nothing was dropped.
   */
  forgottenAt?: string;
}

export type Transition = { kind: DecisionName; from: string | null; to: string | null } | { kind: 'blacklisted'; from: boolean; to: boolean };

/** What every step returns: the new state, the lead's result, and the decisions that changed. */
export interface Step {
  state: LeadState;
  result: ScoreResult;
  transitions: Transition[];
}

const stateFormat = 'leadscore-lead-state';

/** What a lead has before it is first scored: transitions out of it are reported by `startLead`. */
const undecided: Decisions = { grade: null, stage: null, route: null, blacklisted: false };

/**
 * Starts the state of a lead (profile fields and, optionally, its `events` so far).
 * Its transitions are the decisions it gets, from `null` (and `blacklisted` from false).
 * Throws LeadError for an invalid lead.
 */
export function startLead(policy: Policy, given: unknown, options: ScoreOptions): Step {
  // Kept in the policy's own names, so the state does not depend on how the CRM sent it.
  const lead = policy.readLead ? policy.readLead(given) : given;
  if (!isRecord(lead)) throw new LeadError('a lead must be a JSON object');
  policy.validate(lead);
  const { events, ...profile } = lead;
  const relevant = eventLifetimes(policy);
  const kept = ((events ?? []) as StoredEvent[]).filter((event) => relevant(event) !== undefined).map(compactEvent);
  return step(policy, { format: stateFormat, policy: '', profile, events: kept, decisions: undecided }, options);
}

/** Adds one event or several, in order. Throws LeadError, and leaves the state as it was, when any is invalid. */
export function applyEvents(policy: Policy, state: LeadState, events: unknown, options: ScoreOptions): Step {
  const given = Array.isArray(events) ? events : [events];
  const list = policy.readEvent ? given.map((event) => policy.readEvent!(event)) : given;
  try {
    policy.validate({ events: list });
  } catch (error) {
    if (error instanceof LeadError && !Array.isArray(events)) throw new LeadError(error.message.replaceAll('`events[0]', '`event'));
    throw error;
  }
  const relevant = eventLifetimes(policy);
  const added = (list as StoredEvent[]).filter((event) => relevant(event) !== undefined).map(compactEvent);
  return step(policy, { ...state, events: [...keptEvents(policy, state), ...added] }, options);
}

/**
 * Changes profile fields: each field of `changes` replaces the lead's, and a field set to
 * null is removed. Throws LeadError, and leaves the state as it was, when a value has the wrong type.
 */
export function updateProfile(policy: Policy, state: LeadState, given: unknown, options: ScoreOptions): Step {
  const changes = policy.readLead ? policy.readLead(given) : given;
  if (!isRecord(changes)) throw new LeadError('a profile change must be a JSON object');
  if (Object.hasOwn(changes, 'events')) throw new LeadError('a profile change cannot carry `events`; apply them as events');
  // Built from entries, never by assignment: a field named `__proto__` stays a field.
  const merged = new Map(Object.entries(state.profile));
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) merged.delete(field);
    else merged.set(field, value);
  }
  const profile = Object.fromEntries(merged);
  policy.validate(profile);
  return step(policy, { ...state, profile, events: keptEvents(policy, state) }, options);
}

/** Rescores at a later `now` with nothing new: windows close and points decay, which may change a decision. */
export function refresh(policy: Policy, state: LeadState, options: ScoreOptions): Step {
  return step(policy, { ...state, events: keptEvents(policy, state) }, options);
}

/** The lead as `policy.score` takes it: its profile with its kept events. */
export function leadOf(state: LeadState): Record<string, unknown> {
  return { ...state.profile, events: state.events };
}

/**
 * Checks that a value read back from storage is a lead state, naming the first part that is not
 * as a state holds it. Does not check the profile or events against a policy: the next step does that.
 */
export function checkLeadState(value: unknown): LeadState {
  const problem = leadStateProblem(value);
  if (problem !== undefined) throw new LeadError(`not a lead state: ${problem}`);
  return value as LeadState;
}

function leadStateProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `a lead state is an object with "format": "${stateFormat}", "policy", "profile", "events" and "decisions"`;
  const state = value as Partial<LeadState>;
  if (state.format !== stateFormat) return `"format" must be "${stateFormat}"`;
  if (typeof state.policy !== 'string') return '"policy" must be text (the hash of the policy that last scored the lead)';
  if (!isRecord(state.profile)) return '"profile" must be an object';
  if (!Array.isArray(state.events)) return '"events" must be an array';
  // A time is read back only when it lies in the years 0000–9999 (UTC): a state written by a release that let `now` stray outside them.
  const time = (at: unknown) => (typeof at === 'string' && !Number.isNaN(parseIsoTime(at)) ? undefined : `must be an ISO-8601 time in ${timeRange}, got ${JSON.stringify(at)}`);
  for (const [index, event] of state.events.entries()) {
    if (!isRecord(event) || typeof event['type'] !== 'string') return `"events"[${index}] must be an event with a "type" and an "at"`;
    const at = time(event['at']);
    if (at !== undefined) return `"events"[${index}].at ${at}`;
  }
  const decisions = state.decisions as Partial<Decisions> | undefined;
  if (!isRecord(decisions)) return '"decisions" must be an object';
  for (const name of decisionNames) if (decisions[name] !== null && typeof decisions[name] !== 'string') return `"decisions".${name} must be text or null`;
  if (typeof decisions.blacklisted !== 'boolean') return '"decisions".blacklisted must be true or false';
  if (state.forgottenAt !== undefined) return time(state.forgottenAt) && `"forgottenAt" ${time(state.forgottenAt)}`;
  return undefined;
}

function step(policy: Policy, state: LeadState, options: ScoreOptions): Step {
  const now = toMillis(options.now);
  if (state.forgottenAt !== undefined && now < parseIsoTime(state.forgottenAt)) {
    throw new LeadError(
      `this lead's state dropped, at ${state.forgottenAt}, events that no longer counted then; it cannot be scored at the earlier ${new Date(now).toISOString()}`,
    );
  }
  const result = policy.score(leadOf(state), options);
  const decisions: Decisions = { grade: result.grade, stage: result.stage, route: result.route, blacklisted: result.blacklisted };
  return {
    state: { ...state, ...withoutExpired(policy, state.events, now, state.forgottenAt), policy: policy.info.hash, decisions },
    result,
    transitions: transitions(state.decisions, decisions),
  };
}

/** The decisions that differ, in the order grade, stage, route, blacklisted. */
function transitions(before: Decisions, after: Decisions): Transition[] {
  const changes: Transition[] = [];
  for (const kind of decisionNames) {
    if (before[kind] !== after[kind]) changes.push({ kind, from: before[kind], to: after[kind] });
  }
  if (before.blacklisted !== after.blacklisted) changes.push({ kind: 'blacklisted', from: before.blacklisted, to: after.blacklisted });
  return changes;
}

/** The state's events; after a policy change, only those the new policy can use. */
function keptEvents(policy: Policy, state: LeadState): StoredEvent[] {
  if (state.policy === policy.info.hash) return state.events;
  const lifetime = eventLifetimes(policy);
  return state.events.filter((event) => lifetime(event) !== undefined);
}

/**
 * The events without those no pattern can count again: each is older than every window of
 * the patterns that match it (the same test, `age < window`, as scoring). Ages only grow
 * while time moves forward, so dropping them changes no later result; `forgottenAt` says
 * from when that holds.
 */
function withoutExpired(policy: Policy, events: StoredEvent[], now: number, forgottenAt: string | undefined): { events: StoredEvent[]; forgottenAt?: string } {
  const lifetime = eventLifetimes(policy);
  const kept = events.filter((event) => {
    const days = lifetime(event);
    return days === undefined || days === Infinity || !((now - parseIsoTime(event.at)) / millisPerDay >= days);
  });
  if (kept.length === events.length) return { events, ...(forgottenAt !== undefined && { forgottenAt }) };
  return { events: kept, forgottenAt: new Date(now).toISOString() };
}

function compactEvent(event: StoredEvent): StoredEvent {
  const compact: StoredEvent = { type: event.type, at: event.at };
  // Missing, null and blank are the same to the rules.
  if (typeof event.object === 'string' && event.object.trim() !== '') compact.object = event.object;
  if (typeof event.name === 'string' && event.name.trim() !== '') compact.name = event.name;
  return compact;
}

/**
 * Per policy: for how many days after its time an event can count — the longest window of
 * the patterns that match it, Infinity when one has no window — or undefined when no
 * pattern matches it, so it never matters.
 */
const lifetimes = new WeakMap<Policy, (event: StoredEvent) => number | undefined>();

function eventLifetimes(policy: Policy): (event: StoredEvent) => number | undefined {
  let lifetime = lifetimes.get(policy);
  if (!lifetime) {
    const patterns: Array<{ matches: (event: LeadEvent) => boolean; days: number }> = [];
    for (const predicate of policy.ir.predicates) {
      // `activity` (no match) counts every event.
      if (predicate.op === 'event' || predicate.op === 'no-event') {
        patterns.push({ matches: eventMatcher(predicate.match), days: predicate.withinDays ?? Infinity });
      }
    }
    lifetime = (event) => {
      const seen = asLeadEvent(event);
      let days: number | undefined;
      for (const pattern of patterns) if (pattern.matches(seen) && !(pattern.days <= (days ?? -1))) days = pattern.days;
      return days;
    };
    lifetimes.set(policy, lifetime);
  }
  return lifetime;
}

/** The event as the matchers see it; its age plays no part in matching. */
function asLeadEvent(event: StoredEvent): LeadEvent {
  const text = (value: unknown) => (typeof value === 'string' && normalizeText(value) !== '' ? normalizeText(value) : null);
  return { verb: normalizeText(event.type), object: text(event.object), name: text(event.name), ageDays: 0, index: 0 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
