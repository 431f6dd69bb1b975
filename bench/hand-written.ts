/**
 * examples/b2b-saas.score written by hand in plain JavaScript, the way a good engineer would:
 * one pass over the events, sets for the lists, no allocations per event. The limit the
 * leadscore backends are measured against. Same semantics: text compared trimmed and
 * lower-cased, events after `now` ignored, windows `age < N days`, per-event decay for `each`
 * rules and decay by the most recent matching event for rules that score once, caps after
 * decay, sections rounded to cents before the total and the decisions.
 */
import { checkProfile, eventTime, leadDomain, normalized, round2 } from './lead-check.js';
import type { Outcome } from './outcome.js';

const dayMillis = 86_400_000;
const halfLifeDays = 60;
const seniorTitles = ['ceo', 'cto', 'cmo', 'vp', 'head of'];
const targetIndustries = new Set(['software', 'it services', 'fintech']);
const dach = new Set(['de', 'at', 'ch']);
const freemail = new Set(['gmail.com', 'yahoo.com', 'outlook.com', 'web.de', 'gmx.de']);
const competitors = new Set(['acme.com', 'globex.io']);

const decay = (ageDays: number) => Math.pow(0.5, ageDays / halfLifeDays);

export function scoreByHand(lead: unknown, now: number): Outcome {
  checkProfile(lead);
  const title = normalized(lead['title']);
  const industry = normalized(lead['industry']);
  const country = normalized(lead['country']);
  const employees = (lead['employees'] as number | null | undefined) ?? null;
  const revenue = (lead['revenue'] as number | null | undefined) ?? null;
  const domain = leadDomain(lead);
  const inDach = country !== null && dach.has(country);

  let fit = 0;
  if (title !== null && seniorTitles.some((senior) => title.includes(senior))) fit += 15;
  if (industry !== null && targetIndustries.has(industry)) fit += 10;
  if (employees !== null && employees >= 50 && employees <= 1000) fit += 10;
  if (revenue !== null && revenue >= 10_000_000) fit += 10;
  if (inDach) fit += 5;
  if (normalized(lead['phone']) === null) fit -= 5;
  if (domain !== null && freemail.has(domain)) fit -= 10;

  let opens = 0;
  let openPoints = 0;
  let clicks = 0;
  let clickPoints = 0;
  let whitepaperAge = Infinity;
  let pricingVisits = 0;
  let pricingAge = Infinity;
  let demoAge = Infinity;
  let activeLately = false;
  let unsubscribed = false;
  for (const event of lead.events ?? []) {
    const at = eventTime(event);
    if (at > now) continue;
    const age = (now - at) / dayMillis;
    if (age < 30) activeLately = true;
    const type = event.type.trim().toLowerCase();
    const object = normalized(event.object);
    if (type === 'open' && object === 'email') {
      opens++;
      openPoints += 5 * decay(age);
    } else if (type === 'click' && object === 'email') {
      clicks++;
      clickPoints += 10 * decay(age);
    } else if (type === 'download' && object === 'whitepaper') {
      if (age < whitepaperAge) whitepaperAge = age;
    } else if (type === 'visit' && object === 'page' && age < 14 && normalized(event.name)?.startsWith('/pricing')) {
      pricingVisits++;
      if (age < pricingAge) pricingAge = age;
    } else if (type === 'request' && object === 'demo') {
      if (age < demoAge) demoAge = age;
    } else if (type === 'unsubscribe') unsubscribed = true;
  }

  let engagement = 0;
  if (opens > 0) engagement += Math.min(openPoints, 15);
  if (clicks > 0) engagement += Math.min(clickPoints, 30);
  if (whitepaperAge !== Infinity) engagement += 20 * decay(whitepaperAge);
  if (pricingVisits >= 3) engagement += 20 * decay(pricingAge);
  if (demoAge !== Infinity) engagement += 40 * decay(demoAge);
  if (!activeLately) engagement -= 10;

  fit = round2(fit);
  engagement = round2(engagement);
  const blacklisted = domain !== null && competitors.has(domain);
  const score = round2((unsubscribed ? -30 : 0) + fit + engagement);
  const grade = fit >= 40 ? 'A' : fit >= 25 ? 'B' : fit >= 10 ? 'C' : 'D';
  const stage = blacklisted ? 'Blacklisted' : fit >= 40 && engagement >= 60 ? 'SQL' : score >= 50 ? 'MQL' : 'Nurture';
  const route = blacklisted ? null : inDach && employees !== null && employees > 1000 ? 'Enterprise DACH' : stage === 'SQL' || stage === 'MQL' ? 'Inbound SDR' : 'Marketing';
  return { score, dimensions: { fit, engagement }, grade, stage, route, blacklisted };
}
