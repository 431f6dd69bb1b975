/**
 * A deterministic lead history with outcomes drawn from a known model, for trying `backtest`
 * without customer data: `npx tsx scripts/generate-history.ts 1500 examples/history`.
 *
 * Each lead is a profile and its events up to `historyNow` (and a few after it, which a backtest
 * at `historyNow` must ignore). Whether it converted is drawn from a logistic model over the
 * criteria in `historyModel`, so the criteria's true ranking is known.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../spec/random-policy.js';

/** The moment the history is cut: a backtest scores the leads as of then. */
export const historyNow = '2026-06-30T00:00:00Z';
const now = Date.parse(historyNow);
const day = 86_400_000;

/** A lead's facts that the model reads, derived once from its profile and events. */
export interface LeadFacts {
  cLevel: boolean;
  targetIndustry: boolean;
  midSize: boolean;
  dach: boolean;
  freemail: boolean;
  competitor: boolean;
  requestedDemo: boolean;
  downloadedWhitepaper: boolean;
  /** Email clicks, at most 3 counted. */
  clicks: number;
  pricingVisitsRecently: boolean;
  /** A criterion the example policy does not read, for `suggest` to find. */
  attendedWebinar: boolean;
  unsubscribed: boolean;
}

/** The log-odds weight of each criterion: the model the outcomes are drawn from. */
export const historyModel = {
  intercept: -3.4,
  requestedDemo: 1.8,
  cLevel: 1.2,
  pricingVisitsRecently: 0.9,
  downloadedWhitepaper: 0.8,
  targetIndustry: 0.7,
  midSize: 0.6,
  clicks: 0.25,
  dach: 0.3,
  attendedWebinar: 1.0,
  freemail: -1.0,
  unsubscribed: -3.0,
} as const;

const titles = ['CEO', 'CTO', 'VP Sales', 'Head of Marketing', 'Chief Revenue Officer', 'Engineer', 'Analyst', 'Marketing Manager', 'Student', 'Sales Director'];
const cLevelTitles = new Set(['CEO', 'CTO', 'VP Sales', 'Head of Marketing', 'Chief Revenue Officer']);
const industries = ['Software', 'IT Services', 'Fintech', 'Retail', 'Education', 'Healthcare', 'Manufacturing'];
const targetIndustries = new Set(['Software', 'IT Services', 'Fintech']);
const countries = ['DE', 'AT', 'CH', 'US', 'FR', 'GB', 'NL'];
const domains = ['gmail.com', 'web.de', 'nordsoft.de', 'bigcorp.ch', 'startup.io', 'example.org', 'finbank.com', 'acme.com'];
const freemail = new Set(['gmail.com', 'web.de']);

export function logOdds(facts: LeadFacts): number {
  const m = historyModel;
  if (facts.competitor) return -Infinity;
  return (
    m.intercept +
    (facts.requestedDemo ? m.requestedDemo : 0) +
    (facts.cLevel ? m.cLevel : 0) +
    (facts.pricingVisitsRecently ? m.pricingVisitsRecently : 0) +
    (facts.downloadedWhitepaper ? m.downloadedWhitepaper : 0) +
    (facts.targetIndustry ? m.targetIndustry : 0) +
    (facts.midSize ? m.midSize : 0) +
    Math.min(facts.clicks, 3) * m.clicks +
    (facts.dach ? m.dach : 0) +
    (facts.attendedWebinar ? m.attendedWebinar : 0) +
    (facts.freemail ? m.freemail : 0) +
    (facts.unsubscribed ? m.unsubscribed : 0)
  );
}

export interface History {
  /** One JSON text per lead. */
  leads: string[];
  /** `id,converted,converted_at,value` rows, the header first. */
  outcomes: string[];
  facts: LeadFacts[];
}

/** `count` leads with their outcomes; the same count and seed always give the same history. */
export function generateHistory(count: number, seed = 20260630): History {
  // mulberry32: successive draws are independent enough that one lead's facts are not correlated by the generator.
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const history: History = { leads: [], outcomes: ['id,converted,converted_at,value'], facts: [] };
  for (let i = 0; i < count; i++) {
    const id = `H${String(i + 1).padStart(5, '0')}`;
    const domain = pick(domains);
    const title = pick(titles);
    const industry = pick(industries);
    const country = pick(countries);
    const employees = Math.floor(Math.exp(random() * Math.log(20_000)));
    const lead: Record<string, unknown> = { id, email: `contact${i + 1}@${domain}`, title, industry, employees, country };
    if (random() < 0.7) lead['phone'] = '+49 30 1234567';
    // Engaged leads do more of everything: a latent interest drives the events.
    const interest = random();
    const events: Array<Record<string, string>> = [];
    const add = (type: string, object: string | undefined, name: string | undefined, at: number) => {
      const event: Record<string, string> = { type, at: new Date(at).toISOString() };
      if (object) event['object'] = object;
      if (name) event['name'] = name;
      events.push(event);
    };
    const past = () => now - random() * 150 * day;
    for (let n = Math.floor(random() * 8 * interest); n > 0; n--) add('open', 'email', undefined, past());
    for (let n = Math.floor(random() * 5 * interest); n > 0; n--) add('click', 'email', undefined, past());
    if (random() < 0.35 * interest + 0.05) add('download', 'whitepaper', 'lead-scoring-guide', past());
    const pricingVisits = random() < 0.4 * interest ? 1 + Math.floor(random() * 5) : 0;
    for (let n = pricingVisits; n > 0; n--) add('visit', 'page', '/pricing', now - random() * 12 * day);
    if (random() < 0.25 * interest) add('request', 'demo', undefined, past());
    if (random() < 0.15) add('attend', 'webinar', 'Scoring 101', past());
    if (random() < 0.04) add('unsubscribe', undefined, undefined, past());
    // Some leads were still active after the cut: a backtest must not see these.
    if (random() < 0.2) add('request', 'demo', undefined, now + (1 + random() * 60) * day);
    events.sort((a, b) => Date.parse(a['at']!) - Date.parse(b['at']!));
    lead['events'] = events;
    const seen = events.filter((event) => Date.parse(event['at']!) <= now);
    const facts: LeadFacts = {
      cLevel: cLevelTitles.has(title),
      targetIndustry: targetIndustries.has(industry),
      midSize: employees >= 50 && employees <= 1000,
      dach: ['DE', 'AT', 'CH'].includes(country),
      freemail: freemail.has(domain),
      competitor: domain === 'acme.com',
      requestedDemo: seen.some((event) => event['type'] === 'request'),
      downloadedWhitepaper: seen.some((event) => event['type'] === 'download'),
      clicks: seen.filter((event) => event['type'] === 'click').length,
      pricingVisitsRecently: pricingVisits >= 3,
      attendedWebinar: seen.some((event) => event['type'] === 'attend'),
      unsubscribed: seen.some((event) => event['type'] === 'unsubscribe'),
    };
    const converted = random() < 1 / (1 + Math.exp(-logOdds(facts)));
    const convertedAt = converted ? new Date(now + (7 + random() * 120) * day).toISOString().slice(0, 10) : '';
    const value = converted ? String(Math.round(5_000 + random() * 95_000)) : '';
    history.leads.push(JSON.stringify(lead));
    history.outcomes.push(`${id},${converted},${convertedAt},${value}`);
    history.facts.push(facts);
  }
  return history;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [count = '1500', folder = 'examples/history'] = process.argv.slice(2);
  if (!/^\d+$/.test(count)) {
    process.stderr.write('usage: npx tsx scripts/generate-history.ts COUNT [FOLDER]\n');
    process.exit(2);
  }
  const history = generateHistory(Number(count));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'leads.jsonl'), `${history.leads.join('\n')}\n`);
  writeFileSync(join(folder, 'outcomes.csv'), `${history.outcomes.join('\n')}\n`);
  process.stderr.write(`wrote ${count} leads and their outcomes to ${folder}/leads.jsonl and ${folder}/outcomes.csv\n`);
}
