/**
 * examples/b2b-saas.score in json-rules-engine: one engine rule per policy rule and per decision
 * row, run on the facts of lead-facts.ts (plain JavaScript computes what the engine cannot: text
 * normalised, the derived domain, per-pattern event counts and decay weights). The engine
 * decides which rules fire; their events carry the points, and because the engine has no
 * arithmetic, plain JavaScript multiplies them by the decay weights, applies the caps, sums and
 * rounds the sections and picks the first matching row of each decision. Three runs per lead:
 * the rules, then grade and stage (they read the sections), then route (it reads the stage).
 * Every run is asynchronous and is awaited lead by lead.
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

function rule(conditions: TopLevelCondition, params: PointsEvent | { decision: string; row: number; label: string | null }): RuleProperties {
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

const always: TopLevelCondition = { all: [fact('always', 'equal', true)] };

const gradeAndStageRules: RuleProperties[] = [
  rule({ all: [fact('fit', 'greaterThanInclusive', 40)] }, { decision: 'grade', row: 0, label: 'A' }),
  rule({ all: [fact('fit', 'greaterThanInclusive', 25)] }, { decision: 'grade', row: 1, label: 'B' }),
  rule({ all: [fact('fit', 'greaterThanInclusive', 10)] }, { decision: 'grade', row: 2, label: 'C' }),
  rule(always, { decision: 'grade', row: 3, label: 'D' }),
  rule({ all: [fact('blacklisted', 'equal', true)] }, { decision: 'stage', row: 0, label: 'Blacklisted' }),
  rule({ all: [fact('fit', 'greaterThanInclusive', 40), fact('engagement', 'greaterThanInclusive', 60)] }, { decision: 'stage', row: 1, label: 'SQL' }),
  rule({ all: [fact('score', 'greaterThanInclusive', 50)] }, { decision: 'stage', row: 2, label: 'MQL' }),
  rule(always, { decision: 'stage', row: 3, label: 'Nurture' }),
];

const routeRules: RuleProperties[] = [
  rule({ all: [fact('blacklisted', 'equal', true)] }, { decision: 'route', row: 0, label: null }),
  rule({ all: [fact('country', 'in', ['de', 'at', 'ch']), fact('employees', 'greaterThan', 1000)] }, { decision: 'route', row: 1, label: 'Enterprise DACH' }),
  rule({ any: [fact('stage', 'equal', 'SQL'), fact('stage', 'equal', 'MQL')] }, { decision: 'route', row: 2, label: 'Inbound SDR' }),
  rule(always, { decision: 'route', row: 3, label: 'Marketing' }),
];

function engine(rules: RuleProperties[]): Engine {
  const result = new Engine(rules, { allowUndefinedFacts: true });
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

/** The label of the first row (lowest index) that matched, per decision. */
function firstRows(events: Array<{ params?: Record<string, unknown> }>): Map<string, string | null> {
  const best = new Map<string, { row: number; label: string | null }>();
  for (const { params } of events) {
    const { decision, row, label } = params as { decision: string; row: number; label: string | null };
    const current = best.get(decision);
    if (!current || row < current.row) best.set(decision, { row, label });
  }
  return new Map([...best].map(([decision, { label }]) => [decision, label]));
}

/** Returns an asynchronous scorer with its three engines built once. */
export function rulesEngineScorer(): (lead: unknown, now: number) => Promise<Outcome> {
  const scoring = engine(scoringRules);
  const gradeAndStage = engine(gradeAndStageRules);
  const routing = engine(routeRules);
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
    const decided = firstRows((await gradeAndStage.run({ fit, engagement, score, blacklisted, always: true })).events);
    const stage = decided.get('stage') ?? null;
    const route = firstRows((await routing.run({ blacklisted, country: facts.country, employees: facts.employees, stage, always: true })).events).get('route') ?? null;
    return { score, dimensions: { fit, engagement }, grade: decided.get('grade') ?? null, stage, route, blacklisted };
  };
}
