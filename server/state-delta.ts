// What one step changed in a lead's state, small enough to journal on every request.
import type { Decisions, LeadState, StoredEvent } from '../runtime/index.js';

/**
 * A step's change to a lead's state. A step keeps some of the state's events, in order, and
 * appends new ones, so the change is: which events were dropped, which were added, and the
 * small parts of the state (the profile only when it changed).
 */
export interface StateDelta {
  /** Positions, in the previous state's events, of those the step no longer keeps. */
  dropped?: number[];
  /** Events appended after those kept. */
  added?: StoredEvent[];
  profile?: Record<string, unknown>;
  policy: string;
  decisions: Decisions;
  forgottenAt?: string;
}

/**
 * The change from `before` to `after`, or undefined when `after`'s events are not `before`'s
 * (some of them, in order) followed by new ones. Kept events are recognised as the same objects:
 * a step filters the state's events and appends new ones, it never copies them.
 */
export function stateDelta(before: LeadState, after: LeadState): StateDelta | undefined {
  const dropped: number[] = [];
  let previous = 0;
  let kept = 0;
  for (; kept < after.events.length; kept++) {
    const event = after.events[kept];
    while (previous < before.events.length && before.events[previous] !== event) dropped.push(previous++);
    if (previous === before.events.length) break;
    previous++;
  }
  while (previous < before.events.length) dropped.push(previous++);
  const added = after.events.slice(kept);
  const previousEvents = new Set(before.events);
  if (added.some((event) => previousEvents.has(event))) return undefined;
  return {
    ...(dropped.length > 0 && { dropped }),
    ...(added.length > 0 && { added }),
    ...(after.profile !== before.profile && { profile: after.profile }),
    policy: after.policy,
    decisions: after.decisions,
    ...(after.forgottenAt !== undefined && { forgottenAt: after.forgottenAt }),
  };
}

/** The state `delta` was taken to: `before` with its changes applied. */
export function applyDelta(before: LeadState, delta: StateDelta): LeadState {
  const dropped = new Set(delta.dropped);
  const { forgottenAt: _previous, ...rest } = before;
  return {
    ...rest,
    profile: delta.profile ?? before.profile,
    events: [...before.events.filter((_, index) => !dropped.has(index)), ...(delta.added ?? [])],
    policy: delta.policy,
    decisions: delta.decisions,
    ...(delta.forgottenAt !== undefined && { forgottenAt: delta.forgottenAt }),
  };
}
