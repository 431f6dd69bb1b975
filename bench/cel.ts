/**
 * examples/b2b-saas.score in CEL (@marcbachmann/cel-js), parsed once. CEL decides every rule,
 * its points, caps and decay (points × the precomputed decay weights), the sections and the
 * decisions; plain JavaScript computes the facts it cannot (see lead-facts.ts) and rounds the
 * sections to cents between the two programs (CEL has no rounding function).
 */
import { Environment } from '@marcbachmann/cel-js';
import { round2 } from './lead-check.js';
import { leadFacts } from './lead-facts.js';
import type { Outcome } from './outcome.js';

const sections = `{
  "fit":
      (title != null && ["ceo", "cto", "cmo", "vp", "head of"].exists(t, title.contains(t)) ? 15.0 : 0.0)
    + (industry != null && industry in ["software", "it services", "fintech"] ? 10.0 : 0.0)
    + (employees != null && employees >= 50.0 && employees <= 1000.0 ? 10.0 : 0.0)
    + (revenue != null && revenue >= 10000000.0 ? 10.0 : 0.0)
    + (country != null && country in ["de", "at", "ch"] ? 5.0 : 0.0)
    - (phone == null ? 5.0 : 0.0)
    - (domain != null && domain in ["gmail.com", "yahoo.com", "outlook.com", "web.de", "gmx.de"] ? 10.0 : 0.0),
  "engagement":
      (openEmail.count >= 1.0 ? (5.0 * openEmail.weights > 15.0 ? 15.0 : 5.0 * openEmail.weights) : 0.0)
    + (clickEmail.count >= 1.0 ? (10.0 * clickEmail.weights > 30.0 ? 30.0 : 10.0 * clickEmail.weights) : 0.0)
    + (downloadWhitepaper.count >= 1.0 ? 20.0 * downloadWhitepaper.latestWeight : 0.0)
    + (pricingVisits14Days.count >= 3.0 ? 20.0 * pricingVisits14Days.latestWeight : 0.0)
    + (requestDemo.count >= 1.0 ? 40.0 * requestDemo.latestWeight : 0.0)
    - (activity30Days == 0.0 ? 10.0 : 0.0),
  "direct": unsubscribe.count >= 1.0 ? -30.0 : 0.0,
  "blacklisted": domain != null && domain in ["acme.com", "globex.io"]
}`;

const decisions = `cel.bind(stage,
  blacklisted ? "Blacklisted" : fit >= 40.0 && engagement >= 60.0 ? "SQL" : score >= 50.0 ? "MQL" : "Nurture",
  {
    "grade": fit >= 40.0 ? "A" : fit >= 25.0 ? "B" : fit >= 10.0 ? "C" : "D",
    "stage": stage,
    "route": blacklisted ? dyn(null)
      : country != null && country in ["de", "at", "ch"] && employees != null && employees > 1000.0 ? "Enterprise DACH"
      : stage == "SQL" || stage == "MQL" ? "Inbound SDR"
      : "Marketing"
  })`;

type Program = (context: Record<string, unknown>) => unknown;

/** Returns a scorer with both programs parsed once. */
export function celScorer(): (lead: unknown, now: number) => Outcome {
  const environment = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  const sectionsProgram = environment.parse(sections) as unknown as Program;
  const decisionsProgram = environment.parse(decisions) as unknown as Program;
  return (lead, now) => {
    const facts = leadFacts(lead, now);
    const totals = sectionsProgram(facts as unknown as Record<string, unknown>) as { fit: number; engagement: number; direct: number; blacklisted: boolean };
    const fit = round2(totals.fit);
    const engagement = round2(totals.engagement);
    const score = round2(totals.direct + fit + engagement);
    const decided = decisionsProgram({ fit, engagement, score, blacklisted: totals.blacklisted, country: facts.country, employees: facts.employees }) as {
      grade: string;
      stage: string;
      route: string | null;
    };
    return { score, dimensions: { fit, engagement }, grade: decided.grade, stage: decided.stage, route: decided.route, blacklisted: totals.blacklisted };
  };
}
