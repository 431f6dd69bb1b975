/**
 * examples/b2b-saas.score in json-rules-engine: one engine rule per policy rule and per decision
 * row. The engine decides which rules fire (its `in`, comparison and `equal` operators, plus one
 * custom operator for "text contains any of", which is plain JavaScript) and which row of each
 * decision matches first (each row's rule requires that no earlier row matched; the route reads
 * the stage through named conditions). Plain JavaScript computes what the engine cannot express,
 * in lead-facts.ts: text normalised, the derived domain, per-pattern event counts and decay
 * weights (the engine cannot iterate over events); and, because the engine has no arithmetic,
 * it multiplies the fired rules' points by the decay weights, caps, sums and rounds the sections.
 * Two runs per lead: the rules, then the decisions (they read the rounded sections). Every run is
 * asynchronous and is awaited lead by lead.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { round2 } from './lead-check.js';
import { leadFacts, type EventTotals, type LeadFacts } from './lead-facts.js';
import type { Outcome } from './outcome.js';

interface PointsEvent {
  section: 'fit' | 'engagement' | null;
  /** Signed points; with `per`, per unit of that fact. */
  points: number;
  per?: 'weights' | 'latestWeight';
  totals?: EventPattern;
  cap?: number;
  blacklist?: true;
  /** The rule's place in the policy: sections are summed in this order, as leadscore sums them. */
  order?: number;
}

type EventPattern = 'openEmail' | 'clickEmail' | 'downloadWhitepaper' | 'pricingVisits14Days' | 'requestDemo' | 'unsubscribe';

const fact = (name: string, operator: string, value: unknown) => ({ fact: name, operator, value });

function rule(conditions: TopLevelCondition, params: PointsEvent | { decision: string; label: string | null }): RuleProperties {
  return { conditions, event: { type: 'fired', params } };
}

const scoringRules: RuleProperties[] = [
  rule({ all: [fact('title', 'containsAnyText', ['ceo', 'cto', 'cmo', 'vp', 'head of'])] }, { section: 'fit', points: 15 }),
  rule({ all: [fact('industry', 'in', ['software', 'it services', 'fintech'])] }, { section: 'fit', points: 10 }),
  rule({ all: [fact('employees', 'greaterThanInclusive', 50), fact('employees', 'lessThanInclusive', 1000)] }, { section: 'fit', points: 10 }),
  rule({ all: [fact('revenue', 'greaterThanInclusive', 10_000_000)] }, { section: 'fit', points: 10 }),
  rule({ all: [fact('country', 'in', ['de', 'at', 'ch'])] }, { section: 'fit', points: 5 }),
  rule({ all: [fact('phone', 'equal', null)] }, { section: 'fit', points: -5 }),
  rule({ all: [fact('domain', 'in', ['gmail.com', 'yahoo.com', 'outlook.com', 'web.de', 'gmx.de'])] }, { section: 'fit', points: -10 }),
  rule({ all: [fact('openEmailCount', 'greaterThanInclusive', 1)] }, { section: 'engagement', points: 5, per: 'weights', totals: 'openEmail', cap: 15 }),
  rule({ all: [fact('clickEmailCount', 'greaterThanInclusive', 1)] }, { section: 'engagement', points: 10, per: 'weights', totals: 'clickEmail', cap: 30 }),
  rule({ all: [fact('downloadWhitepaperCount', 'greaterThanInclusive', 1)] }, { section: 'engagement', points: 20, per: 'latestWeight', totals: 'downloadWhitepaper' }),
  rule({ all: [fact('pricingVisits14DaysCount', 'greaterThanInclusive', 3)] }, { section: 'engagement', points: 20, per: 'latestWeight', totals: 'pricingVisits14Days' }),
  rule({ all: [fact('requestDemoCount', 'greaterThanInclusive', 1)] }, { section: 'engagement', points: 40, per: 'latestWeight', totals: 'requestDemo' }),
  rule({ all: [fact('activity30Days', 'equal', 0)] }, { section: 'engagement', points: -10 }),
  rule({ all: [fact('domain', 'in', ['acme.com', 'globex.io'])] }, { section: null, points: 0, blacklist: true }),
  rule({ all: [fact('unsubscribeCount', 'greaterThanInclusive', 1)] }, { section: null, points: -30 }),
];
scoringRules.forEach((scoringRule, order) => ((scoringRule.event.params as PointsEvent).order = order));

/** A decision's rows in policy order: the label and its condition (null for `otherwise`). */
type Rows = Array<[label: string | null, condition: TopLevelCondition | null]>;

/**
 * A decision as engine rules: the first row that matches wins, so each row's rule also requires
 * that no earlier row matched (`not` of their conditions) and exactly one row fires. Each row is
 * also registered as a named condition `<decision>=<label>`, for rows of later decisions that
 * read this one (the route reads the stage).
 */
function firstMatch(decision: string, rows: Rows): { rules: RuleProperties[]; conditions: Map<string, TopLevelCondition> } {
  const rules: RuleProperties[] = [];
  const conditions = new Map<string, TopLevelCondition>();
  const earlier: TopLevelCondition[] = [];
  for (const [label, condition] of rows) {
    const matches: TopLevelCondition = { all: [...earlier.map((previous) => ({ not: previous })), ...(condition ? [condition] : [])] };
    rules.push(rule(matches, { decision, label }));
    conditions.set(`${decision}=${label}`, matches);
    if (condition) earlier.push(condition);
  }
  return { rules, conditions };
}

const named = (name: string): TopLevelCondition => ({ condition: name });

const grade = firstMatch('grade', [
  ['A', { all: [fact('fit', 'greaterThanInclusive', 40)] }],
  ['B', { all: [fact('fit', 'greaterThanInclusive', 25)] }],
  ['C', { all: [fact('fit', 'greaterThanInclusive', 10)] }],
  ['D', null],
]);

const stage = firstMatch('stage', [
  ['Blacklisted', { all: [fact('blacklisted', 'equal', true)] }],
  ['SQL', { all: [fact('fit', 'greaterThanInclusive', 40), fact('engagement', 'greaterThanInclusive', 60)] }],
  ['MQL', { all: [fact('score', 'greaterThanInclusive', 50)] }],
  ['Nurture', null],
]);

const route = firstMatch('route', [
  [null, { all: [fact('blacklisted', 'equal', true)] }],
  ['Enterprise DACH', { all: [fact('country', 'in', ['de', 'at', 'ch']), fact('employees', 'greaterThan', 1000)] }],
  ['Inbound SDR', { any: [named('stage=SQL'), named('stage=MQL')] }],
  ['Marketing', null],
]);

function engine(rules: RuleProperties[], conditions: ReadonlyMap<string, TopLevelCondition> = new Map()): Engine {
  const result = new Engine(rules, { allowUndefinedFacts: true });
  for (const [name, condition] of conditions) result.setCondition(name, condition);
  // Plain JavaScript: the engine's own `contains` tests membership of an array, not of text.
  result.addOperator<string | null, string[]>('containsAnyText', (value, needles) => typeof value === 'string' && needles.some((needle) => value.includes(needle)));
  return result;
}

/** The facts as the engine reads them: flat names, event totals as `<pattern>Count`. */
function engineFacts(facts: LeadFacts): Record<string, unknown> {
  return {
    title: facts.title,
    industry: facts.industry,
    country: facts.country,
    phone: facts.phone,
    domain: facts.domain,
    employees: facts.employees,
    revenue: facts.revenue,
    openEmailCount: facts.openEmail.count,
    clickEmailCount: facts.clickEmail.count,
    downloadWhitepaperCount: facts.downloadWhitepaper.count,
    pricingVisits14DaysCount: facts.pricingVisits14Days.count,
    requestDemoCount: facts.requestDemo.count,
    unsubscribeCount: facts.unsubscribe.count,
    activity30Days: facts.activity30Days,
  };
}

/** The label of the row that fired, per decision. */
function decided(events: Array<{ params?: Record<string, unknown> }>): Map<string, string | null> {
  const labels = new Map<string, string | null>();
  for (const { params } of events) {
    const { decision, label } = params as { decision: string; label: string | null };
    if (labels.has(decision)) throw new Error(`two rows of ${decision} fired`);
    labels.set(decision, label);
  }
  return labels;
}

/** Returns an asynchronous scorer with its two engines built once. */
export function rulesEngineScorer(): (lead: unknown, now: number) => Promise<Outcome> {
  const scoring = engine(scoringRules);
  const deciding = engine([...grade.rules, ...stage.rules, ...route.rules], new Map([...stage.conditions]));
  return async (lead, now) => {
    const facts = leadFacts(lead, now);
    const { events } = await scoring.run(engineFacts(facts));
    // The engine reports events in the order their rules finished; sum in the policy's order.
    const fired = events.map((event) => event.params as unknown as PointsEvent).sort((a, b) => a.order! - b.order!);
    let fit = 0;
    let engagement = 0;
    let direct = 0;
    let blacklisted = false;
    for (const points of fired) {
      if (points.blacklist) {
        blacklisted = true;
        continue;
      }
      let value = points.points;
      if (points.per && points.totals) value *= (facts[points.totals] as EventTotals)[points.per];
      if (points.cap !== undefined) value = Math.min(value, points.cap);
      if (points.section === 'fit') fit += value;
      else if (points.section === 'engagement') engagement += value;
      else direct += value;
    }
    fit = round2(fit);
    engagement = round2(engagement);
    const score = round2(direct + fit + engagement);
    const labels = decided((await deciding.run({ fit, engagement, score, blacklisted, country: facts.country, employees: facts.employees })).events);
    return { score, dimensions: { fit, engagement }, grade: labels.get('grade') ?? null, stage: labels.get('stage') ?? null, route: labels.get('route') ?? null, blacklisted };
  };
}
