/**
 * examples/b2b-saas.score in CEL (@marcbachmann/cel-js): one program, parsed once, that gets
 * the lead's profile values and its events and does everything CEL can express itself: text
 * normalised (trim, lowerAscii), the domain derived from the e-mail, future events dropped,
 * events matched per pattern and window (map with a filter, exists, startsWith), the weight of
 * the most recent matching event, every rule's condition, points and cap, the sections, the
 * total and the decisions.
 *
 * Plain JavaScript does only what CEL cannot:
 * - the type checks of the lead and its events and parsing each event's time (lead-check.ts);
 * - each event's age in days and its decay weight 0.5^(age / 60 days): CEL has no exponentiation;
 * - `sum(list<double>)`, registered as a CEL function: CEL has no fold over a list, so the
 *   decayed points of an `each` rule's events (computed in CEL) cannot be added up in CEL;
 * - `round2(double)`, registered as a CEL function: cel-js has no rounding, and leadscore rounds
 *   sections to cents half away from zero after stripping binary noise (1.005 → 1.01).
 */
import { Environment } from '@marcbachmann/cel-js';
import { checkProfile, eventTime, round2 } from './lead-check.js';
import type { Outcome } from './outcome.js';

const dayMillis = 86_400_000;
const halfLifeDays = 60;

/** The CEL for a profile text field as the policy compares it: trimmed, lower-cased, "" when missing or blank. */
const text = (field: string) => `(profile.${field} == null ? "" : profile.${field}.trim().lowerAscii())`;

/** The decayed points of a rule that scores once: by the most recent matching event (the greatest weight). */
const byLatest = (points: number, weights: string) => `(${weights}.size() > 0 ? ${points.toFixed(1)} * ${weights}.filter(w, ${weights}.all(o, o <= w))[0] : 0.0)`;

/** The points of an `each` rule, given each matching event's decayed points (summed in event order, as leadscore does), capped after decay. */
const eachCapped = (cap: number, points: string) => `(${points}.size() > 0 ? cel.bind(p, sum(${points}), p > ${cap.toFixed(1)} ? ${cap.toFixed(1)} : p) : 0.0)`;

/** Named steps, each visible to the ones after it (nested `cel.bind`s), then the result. */
const steps: Array<[name: string, expression: string]> = [
  ['title', text('title')],
  ['industry', text('industry')],
  ['country', text('country')],
  ['phone', text('phone')],
  ['email', text('email')],
  ['domain', `${text('domain')} != "" ? ${text('domain')} : email.lastIndexOf("@") >= 0 ? email.substring(email.lastIndexOf("@") + 1) : ""`],
  ['employees', 'profile.employees'],
  ['revenue', 'profile.revenue'],
  ['dach', '["de", "at", "ch"]'],
  [
    'seen',
    `events.map(e, e.age >= 0.0, {
      "type": e.type.trim().lowerAscii(),
      "object": e.object == null ? "" : e.object.trim().lowerAscii(),
      "name": e.name,
      "age": e.age,
      "weight": e.weight
    })`,
  ],
  ['openPoints', 'seen.map(e, e.type == "open" && e.object == "email", 5.0 * e.weight)'],
  ['clickPoints', 'seen.map(e, e.type == "click" && e.object == "email", 10.0 * e.weight)'],
  ['whitepapers', 'seen.map(e, e.type == "download" && e.object == "whitepaper", e.weight)'],
  [
    'pricingVisits',
    `seen.map(e, e.type == "visit" && e.object == "page" && e.age < 14.0
      && e.name != null && e.name.trim().lowerAscii().startsWith("/pricing"), e.weight)`,
  ],
  ['demos', 'seen.map(e, e.type == "request" && e.object == "demo", e.weight)'],
  [
    'fit',
    `round2(0.0
      + (["ceo", "cto", "cmo", "vp", "head of"].exists(t, title.contains(t)) ? 15.0 : 0.0)
      + (industry in ["software", "it services", "fintech"] ? 10.0 : 0.0)
      + (employees != null && employees >= 50.0 && employees <= 1000.0 ? 10.0 : 0.0)
      + (revenue != null && revenue >= 10000000.0 ? 10.0 : 0.0)
      + (country in dach ? 5.0 : 0.0)
      - (phone == "" ? 5.0 : 0.0)
      - (domain in ["gmail.com", "yahoo.com", "outlook.com", "web.de", "gmx.de"] ? 10.0 : 0.0))`,
  ],
  [
    'engagement',
    `round2(0.0
      + ${eachCapped(15, 'openPoints')}
      + ${eachCapped(30, 'clickPoints')}
      + ${byLatest(20, 'whitepapers')}
      + (pricingVisits.size() >= 3 ? ${byLatest(20, 'pricingVisits')} : 0.0)
      + ${byLatest(40, 'demos')}
      - (seen.exists(e, e.age < 30.0) ? 0.0 : 10.0))`,
  ],
  ['score', 'round2((seen.exists(e, e.type == "unsubscribe") ? -30.0 : 0.0) + fit + engagement)'],
  ['blacklisted', 'domain in ["acme.com", "globex.io"]'],
  ['stage', 'blacklisted ? "Blacklisted" : fit >= 40.0 && engagement >= 60.0 ? "SQL" : score >= 50.0 ? "MQL" : "Nurture"'],
];

const result = `{
  "score": score,
  "fit": fit,
  "engagement": engagement,
  "blacklisted": blacklisted,
  "grade": fit >= 40.0 ? "A" : fit >= 25.0 ? "B" : fit >= 10.0 ? "C" : "D",
  "stage": stage,
  "route": blacklisted ? dyn(null)
    : country in dach && employees != null && employees > 1000.0 ? "Enterprise DACH"
    : stage == "SQL" || stage == "MQL" ? "Inbound SDR"
    : "Marketing"
}`;

const program = steps.reduceRight((body, [name, expression]) => `cel.bind(${name}, ${expression},\n${body})`, result);

interface Decided {
  score: number;
  fit: number;
  engagement: number;
  blacklisted: boolean;
  grade: string;
  stage: string;
  route: string | null;
}

type Program = (context: Record<string, unknown>) => unknown;

/** An event as CEL gets it: its text as given, its age in days and its decay weight. */
interface CelEvent {
  type: string;
  object: string | null;
  name: string | null;
  age: number;
  weight: number;
}

/** What CEL reads: the profile values the policy uses (null when absent) and the events. */
export function celInput(lead: unknown, now: number): { profile: Record<string, unknown>; events: CelEvent[] } {
  checkProfile(lead);
  const events: CelEvent[] = [];
  for (const event of lead.events ?? []) {
    const age = (now - eventTime(event)) / dayMillis;
    events.push({ type: event.type, object: event.object ?? null, name: event.name ?? null, age, weight: Math.pow(0.5, age / halfLifeDays) });
  }
  const profile = {
    title: lead['title'] ?? null,
    industry: lead['industry'] ?? null,
    country: lead['country'] ?? null,
    phone: lead['phone'] ?? null,
    email: lead['email'] ?? null,
    domain: lead['domain'] ?? null,
    employees: lead['employees'] ?? null,
    revenue: lead['revenue'] ?? null,
  };
  return { profile, events };
}

/** Returns a scorer with the program parsed once. */
export function celScorer(): (lead: unknown, now: number) => Outcome {
  const environment = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
    .registerFunction('sum(list<double>): double', (values: number[]) => {
      let total = 0;
      for (const value of values) total += value;
      return total;
    })
    .registerFunction('round2(double): double', round2);
  const scoreLead = environment.parse(program) as unknown as Program;
  return (lead, now) => {
    const decided = scoreLead(celInput(lead, now)) as Decided;
    return {
      score: decided.score,
      dimensions: { fit: decided.fit, engagement: decided.engagement },
      grade: decided.grade,
      stage: decided.stage,
      route: decided.route,
      blacklisted: decided.blacklisted,
    };
  };
}
