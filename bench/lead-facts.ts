/**
 * What json-rules-engine cannot express, computed in plain JavaScript before it runs: text
 * normalised (trim, lower case; the engine has no string functions), the derived e-mail domain,
 * and the events summed up per pattern of the policy: how many match (after `now`, within the
 * window), the sum of their decay weights 0.5^(age / 60 days) and the weight of the most recent
 * one, and how many events of any type fall in the last 30 days. The engine cannot iterate over a
 * list of events, and has no arithmetic. The engine then decides which rules fire and the decisions.
 */
import { checkProfile, eventTime, leadDomain, normalized } from './lead-check.js';

const dayMillis = 86_400_000;
const halfLifeDays = 60;

/** Matching events: how many, the sum of their decay weights, and the weight of the most recent (0 when none). */
export interface EventTotals {
  count: number;
  weights: number;
  latestWeight: number;
}

export interface LeadFacts {
  title: string | null;
  industry: string | null;
  country: string | null;
  phone: string | null;
  domain: string | null;
  employees: number | null;
  revenue: number | null;
  openEmail: EventTotals;
  clickEmail: EventTotals;
  downloadWhitepaper: EventTotals;
  /** Visits of `/pricing*` pages in the last 14 days. */
  pricingVisits14Days: EventTotals;
  requestDemo: EventTotals;
  unsubscribe: EventTotals;
  /** Events of any type in the last 30 days. */
  activity30Days: number;
}

const none = (): EventTotals => ({ count: 0, weights: 0, latestWeight: 0 });

function add(totals: EventTotals, weight: number): void {
  totals.count++;
  totals.weights += weight;
  if (weight > totals.latestWeight) totals.latestWeight = weight;
}

/** Checks the lead (as the hand-written function does) and computes its facts; throws InvalidLead. */
export function leadFacts(lead: unknown, now: number): LeadFacts {
  checkProfile(lead);
  const facts: LeadFacts = {
    title: normalized(lead['title']),
    industry: normalized(lead['industry']),
    country: normalized(lead['country']),
    phone: normalized(lead['phone']),
    domain: leadDomain(lead),
    employees: (lead['employees'] as number | null | undefined) ?? null,
    revenue: (lead['revenue'] as number | null | undefined) ?? null,
    openEmail: none(),
    clickEmail: none(),
    downloadWhitepaper: none(),
    pricingVisits14Days: none(),
    requestDemo: none(),
    unsubscribe: none(),
    activity30Days: 0,
  };
  for (const event of lead.events ?? []) {
    const at = eventTime(event);
    if (at > now) continue;
    const age = (now - at) / dayMillis;
    const weight = Math.pow(0.5, age / halfLifeDays);
    if (age < 30) facts.activity30Days++;
    const type = event.type.trim().toLowerCase();
    const object = normalized(event.object);
    if (type === 'open' && object === 'email') add(facts.openEmail, weight);
    else if (type === 'click' && object === 'email') add(facts.clickEmail, weight);
    else if (type === 'download' && object === 'whitepaper') add(facts.downloadWhitepaper, weight);
    else if (type === 'visit' && object === 'page' && age < 14 && normalized(event.name)?.startsWith('/pricing')) add(facts.pricingVisits14Days, weight);
    else if (type === 'request' && object === 'demo') add(facts.requestDemo, weight);
    else if (type === 'unsubscribe') add(facts.unsubscribe, weight);
  }
  return facts;
}
