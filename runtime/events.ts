import type { EventMatch } from './ir.js';
import { normalizeText } from './text.js';
import { millisPerDay } from './time.js';
import { compileGlob, type Glob } from './glob.js';

/** An event as the rules see it: normalised text, and its age in days at `now`. */
export interface LeadEvent {
  verb: string;
  object: string | null;
  name: string | null;
  ageDays: number;
  /** Its position in the lead's `events`, for explanations. */
  index: number;
}

/** An event as the lead carries it; the lead validator has checked its fields. */
export interface RawEvent {
  type: string;
  object?: string | null;
  name?: string | null;
  at: string;
}

function optionalText(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = normalizeText(value);
  return text === '' ? null : text;
}

/** What the scan counts: the events that match `match` (any event without one) and are younger than `withinDays`. */
export interface ScanPattern {
  match: EventMatch | undefined;
  withinDays: number | undefined;
  /** Running totals over the matching events, in event order: `points` each, or `points × 0.5^(age / halfLifeDays)` with decay. */
  sums: ReadonlyArray<{ points: number; halfLifeDays: number | undefined }>;
}

/** A matching event: its position in the lead's `events` and its age in days. */
export interface MatchedEvent {
  index: number;
  ageDays: number;
}

/** What one scan of a lead's events found, per pattern (in the order given to the scanner). */
export interface EventTally {
  counts: Float64Array;
  /** The youngest matching event's age in days; Infinity without one. */
  youngest: Float64Array;
  /** The running totals, every pattern's `sums` one after the other. */
  sums: Float64Array;
  /** The matching events in order, when the scan was asked to record them. */
  matches: MatchedEvent[][] | undefined;
}

interface CompiledPattern {
  position: number;
  object: string | undefined;
  glob: Glob | undefined;
  within: number;
  firstSum: number;
  endSum: number;
}

/** The patterns of one verb, and which of the event's texts they read. */
interface VerbGroup {
  patterns: CompiledPattern[];
  readsObject: boolean;
  readsName: boolean;
}

/**
 * Counts a lead's events for many patterns in one pass: patterns are grouped by
 * verb, so an event is normalised once and only tried against its verb's patterns,
 * and its object and name are normalised only when one of those patterns reads them.
 */
export class EventScanner {
  private readonly anyVerb: CompiledPattern[] = [];
  private readonly byVerb = new Map<string, VerbGroup>();
  private readonly sumPoints: number[] = [];
  private readonly sumHalfLives: Array<number | undefined> = [];
  private readonly patternCount: number;

  constructor(patterns: readonly ScanPattern[]) {
    this.patternCount = patterns.length;
    patterns.forEach((pattern, position) => {
      const firstSum = this.sumPoints.length;
      for (const sum of pattern.sums) {
        this.sumPoints.push(sum.points);
        this.sumHalfLives.push(sum.halfLifeDays);
      }
      const match = pattern.match;
      const compiled: CompiledPattern = {
        position,
        object: match?.object,
        glob: match?.glob === undefined ? undefined : compileGlob(match.glob),
        within: pattern.withinDays ?? Infinity,
        firstSum,
        endSum: this.sumPoints.length,
      };
      if (!match) {
        this.anyVerb.push(compiled);
        return;
      }
      let group = this.byVerb.get(match.verb);
      if (!group) this.byVerb.set(match.verb, (group = { patterns: [], readsObject: false, readsName: false }));
      group.patterns.push(compiled);
      if (compiled.object !== undefined) group.readsObject = true;
      if (compiled.glob !== undefined) group.readsName = true;
    });
  }

  /**
   * Scans the lead's events up to `now`; later ones are ignored. `times` are their `at`,
   * parsed (by the lead validator). With `record`, also lists every pattern's matching events.
   */
  scan(events: readonly RawEvent[] | undefined, times: readonly number[], now: number, record: boolean): EventTally {
    const n = this.patternCount;
    const tally: EventTally = {
      counts: new Float64Array(n),
      youngest: new Float64Array(n).fill(Infinity),
      sums: new Float64Array(this.sumPoints.length),
      matches: record ? Array.from({ length: n }, () => []) : undefined,
    };
    if (!events || n === 0) return tally;
    const anyVerb = this.anyVerb;
    const byVerb = this.byVerb.size > 0 ? this.byVerb : undefined;
    for (let index = 0; index < events.length; index++) {
      const at = times[index]!;
      if (at > now) continue;
      const age = (now - at) / millisPerDay;
      for (let p = 0; p < anyVerb.length; p++) {
        const pattern = anyVerb[p]!;
        if (age < pattern.within) this.count(tally, pattern, age, index);
      }
      if (byVerb === undefined) continue;
      const event = events[index]!;
      const group = byVerb.get(normalizeText(event.type));
      if (group === undefined) continue;
      const object = group.readsObject ? optionalText(event.object) : null;
      const name = group.readsName ? optionalText(event.name) : null;
      const patterns = group.patterns;
      for (let p = 0; p < patterns.length; p++) {
        const pattern = patterns[p]!;
        if (pattern.object !== undefined && object !== pattern.object) continue;
        if (pattern.glob !== undefined && (name === null || !pattern.glob.test(name))) continue;
        if (age < pattern.within) this.count(tally, pattern, age, index);
      }
    }
    return tally;
  }

  private count(tally: EventTally, pattern: CompiledPattern, age: number, index: number): void {
    const position = pattern.position;
    tally.counts[position]!++;
    if (age < tally.youngest[position]!) tally.youngest[position] = age;
    for (let s = pattern.firstSum; s < pattern.endSum; s++) {
      const halfLife = this.sumHalfLives[s];
      const points = this.sumPoints[s]!;
      tally.sums[s]! += halfLife === undefined ? points : points * Math.pow(0.5, age / halfLife);
    }
    tally.matches?.[position]!.push({ index, ageDays: age });
  }
}

/** A test for one event against a pattern; without a pattern, every event matches. */
export function eventMatcher(match: EventMatch | undefined): (event: LeadEvent) => boolean {
  if (!match) return () => true;
  const { verb, object } = match;
  const glob = match.glob === undefined ? undefined : compileGlob(match.glob);
  return (event) => event.verb === verb && (object === undefined || event.object === object) && (glob === undefined || (event.name !== null && glob.test(event.name)));
}
