/**
 * Criteria a policy lacks: profile values and event kinds whose leads convert clearly more (or
 * less) often than the rest, each with its counts, written as a rule a person can copy into the
 * policy and check. Only text and yes/no values are tried (a number needs a range a person
 * chooses), and only those with enough leads on both sides to mean something.
 */
import { wilsonInterval } from './statistics.js';

export interface Candidate {
  /** The rule to copy: `when industry = "manufacturing" subtract 10`. */
  rule: string;
  /** The profile field or the event, as the leads name it. */
  source: { field: string; value: string } | { event: string };
  leads: number;
  conversions: number;
  /** The conversion rate of the other leads. */
  otherRate: number;
  /** This group's rate over the other leads' rate. */
  lift: number;
  /** Two-proportion z statistic: beyond ±3 the difference is very unlikely to be chance. */
  z: number;
  /** Whether a rule of the policy already reads this field or this event. */
  covered: boolean;
}

export interface CandidateOptions {
  /** Fewer leads than this with (or without) a value say too little. */
  minLeads?: number;
  /** |z| at least this. */
  minZ?: number;
  /** How many to list, strongest first. */
  limit?: number;
  /** Points per unit of log odds (from the fit), and the grid points are rounded to. */
  pointsPerLogOdds: number;
  grid: number;
  /** Fields and event names a rule of the policy reads, lower case. */
  covered: { fields: ReadonlySet<string>; events: ReadonlySet<string> };
}

const ignoredFields = new Set(['id', 'events', 'email', 'phone', 'name', 'first_name', 'last_name']);

/** Each lead's features: `field=value` for text and yes/no values, `event:type object` for each kind of event it had by `now`. */
function featuresOf(lead: unknown, now: number): Set<string> {
  const features = new Set<string>();
  if (typeof lead !== 'object' || lead === null) return features;
  for (const [field, value] of Object.entries(lead)) {
    if (ignoredFields.has(field.toLowerCase())) continue;
    if (typeof value === 'string' && value.trim() !== '' && value.length <= 80) features.add(`${field}=${value.trim().toLowerCase()}`);
    else if (typeof value === 'boolean') features.add(`${field}=${value}`);
  }
  const events = (lead as { events?: unknown }).events;
  if (Array.isArray(events)) {
    for (const event of events) {
      if (typeof event !== 'object' || event === null) continue;
      const { type, object, at } = event as { type?: unknown; object?: unknown; at?: unknown };
      if (typeof type !== 'string' || !(Date.parse(String(at)) <= now)) continue;
      features.add(`event:${[type, typeof object === 'string' ? object : ''].join(' ').trim().toLowerCase()}`);
    }
  }
  return features;
}

const quote = (text: string) => JSON.stringify(text);

/** Candidate criteria, strongest first. */
export function candidateCriteria(leads: ReadonlyArray<{ lead: unknown; converted: boolean }>, now: Date, options: CandidateOptions): Candidate[] {
  const { minLeads = 30, minZ = 3, limit = 10 } = options;
  const counts = new Map<string, { leads: number; conversions: number }>();
  let conversions = 0;
  for (const { lead, converted } of leads) {
    if (converted) conversions++;
    for (const feature of featuresOf(lead, now.getTime())) {
      const count = counts.get(feature) ?? counts.set(feature, { leads: 0, conversions: 0 }).get(feature)!;
      count.leads++;
      if (converted) count.conversions++;
    }
  }
  const total = leads.length;
  const candidates: Candidate[] = [];
  for (const [feature, count] of counts) {
    const others = total - count.leads;
    if (count.leads < minLeads || others < minLeads) continue;
    const rate = count.conversions / count.leads;
    const otherRate = (conversions - count.conversions) / others;
    const pooled = conversions / total;
    const spread = Math.sqrt(pooled * (1 - pooled) * (1 / count.leads + 1 / others));
    const z = spread === 0 ? 0 : (rate - otherRate) / spread;
    if (Math.abs(z) < minZ) continue;
    // Half a lead added to each cell keeps the odds ratio finite when a group never (or always) converts.
    const oddsRatio =
      ((count.conversions + 0.5) / (count.leads - count.conversions + 0.5)) * ((others - (conversions - count.conversions) + 0.5) / (conversions - count.conversions + 0.5));
    const points = Math.max(options.grid, Math.round(Math.abs(Math.log(oddsRatio) * options.pointsPerLogOdds) / options.grid) * options.grid);
    const effect = z > 0 ? `add ${points}` : `subtract ${points}`;
    const isEvent = feature.startsWith('event:');
    const event = feature.slice('event:'.length);
    const [field, value] = isEvent ? ['', ''] : [feature.slice(0, feature.indexOf('=')), feature.slice(feature.indexOf('=') + 1)];
    const condition = isEvent ? event : value === 'true' || value === 'false' ? `${field} is ${value}` : `${field} = ${quote(value)}`;
    candidates.push({
      rule: `when ${condition} ${effect}`,
      source: isEvent ? { event } : { field, value },
      leads: count.leads,
      conversions: count.conversions,
      otherRate,
      lift: otherRate === 0 ? Infinity : rate / otherRate,
      z,
      covered: isEvent ? options.covered.events.has(event) : options.covered.fields.has(field.toLowerCase()),
    });
  }
  return candidates.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, limit);
}

/** A candidate's evidence in words: `24.1% of 320 converted (95%: …) against 15.0% of the others; z = 3.9`. */
export function candidateEvidence(candidate: Candidate): string {
  const interval = wilsonInterval(candidate.conversions, candidate.leads)!;
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  return `${percent(candidate.conversions / candidate.leads)} of ${candidate.leads} converted (95%: ${percent(interval.low)}–${percent(interval.high)}) against ${percent(candidate.otherRate)} of the others; z = ${candidate.z.toFixed(1)}`;
}
