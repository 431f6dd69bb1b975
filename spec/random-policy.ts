/**
 * Seeded random policies and leads, for comparing backends: every construct of
 * the language (fields of each type, lists, text matches, event patterns with
 * objects, globs, counts and windows, each/at most/decay, blacklist, rules
 * outside sections, decisions reading scores, sections, fields, events and
 * other decisions). The same seed always gives the same policy and leads.
 */

export type Random = () => number;

/** A small fixed-seed generator (mulberry32): identical on every machine. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;
const integer = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const textValues: Record<string, string[]> = {
  title: ['CEO', 'cto', 'VP Sales', 'Head of IT', 'Engineer', 'Student', '  Analyst ', ''],
  industry: ['Software', 'IT Services', 'fintech', 'Retail', 'Education'],
  country: ['DE', 'at', 'CH', 'US', 'FR'],
  phone: ['+49 30 1234', ''],
  email: ['ada@acme.com', 'bob@GMAIL.com', 'eve@web.de', 'x@startup.io', 'no-at-sign', 'a@b@c.org'],
  domain: ['acme.com', 'startup.io', 'Globex.io', ''],
  tier: ['gold', 'Silver', 'bronze', ''],
};
const numberFields = ['employees', 'revenue', 'budget'];
const events: Array<[verb: string, object: string | undefined, names: string[]]> = [
  ['open', 'email', ['Welcome', 'Newsletter 3']],
  ['click', 'email', ['Welcome']],
  ['visit', 'page', ['/pricing', '/pricing/enterprise', '/blog/a', '/docs']],
  ['download', 'whitepaper', ['guide', 'Dashboard guide']],
  ['download', 'ebook', ['ebook 1']],
  ['request', 'demo', ['security demo']],
  ['attend', 'webinar', ['Analytics 101', 'Security 2']],
  ['unsubscribe', undefined, []],
  ['reply', 'email', []],
];

/** A random valid policy. */
export function randomPolicy(random: Random): string {
  const lines: string[] = [`policy "random"`, 'field budget: number', 'field authority: boolean', 'field tier: text'];
  lines.push('list big = ["acme.com", "globex.io"]', 'list dach = ["DE", "AT", "CH"]', 'list sizes = [10, 50, 500]');
  const sections = ['fit', 'engagement', 'topic'].slice(0, integer(random, 1, 3));
  const condition = (depth: number): string => {
    if (depth < 2 && chance(random, 0.25)) {
      const joiner = pick(random, [' and ', ' or ']);
      return `(${condition(depth + 1)}${joiner}${condition(depth + 1)})`;
    }
    if (depth < 2 && chance(random, 0.08)) return `not ${condition(depth + 1)}`;
    return pick(random, profileConditions)(random);
  };
  const rule = (inSection: boolean) => {
    if (chance(random, 0.45)) {
      const [verb, object, names] = pick(random, events);
      let pattern = verb + (object && chance(random, 0.8) ? ` ${object}` : '');
      if (names.length > 0 && object && pattern.includes(object) && chance(random, 0.3)) pattern += ` "${pick(random, names).slice(0, 3)}*"`;
      if (chance(random, 0.2)) pattern += ` ${integer(random, 2, 3)} times`;
      if (chance(random, 0.3)) pattern += ` within ${integer(random, 1, 90)} days`;
      const points = integer(random, 1, 30) + pick(random, [0, 0.5, 0.25]);
      const each = chance(random, 0.5) ? ` each${chance(random, 0.6) ? `, at most ${integer(random, 5, 60)}` : ''}` : '';
      return `${inSection ? '  ' : ''}when ${pattern} ${pick(random, ['add', 'subtract'])} ${points}${each}`;
    }
    if (chance(random, 0.08)) return `${inSection ? '  ' : ''}when ${condition(0)} blacklist`;
    if (chance(random, 0.08)) return `${inSection ? '  ' : ''}when no ${pick(random, ['activity', 'open email', 'visit page'])} for ${integer(random, 1, 60)} days subtract 7`;
    return `${inSection ? '  ' : ''}when ${condition(0)} ${pick(random, ['add', 'subtract'])} ${integer(random, 1, 25)}`;
  };
  for (const section of sections) {
    lines.push('', `${section}:`);
    for (let i = integer(random, 1, 6); i > 0; i--) lines.push(rule(true));
    if (chance(random, 0.5)) lines.push(`  decay half-life ${integer(random, 3, 90)} days`);
  }
  lines.push('');
  for (let i = integer(random, 0, 3); i > 0; i--) lines.push(rule(false));
  const section = () => pick(random, sections);
  const threshold = () => integer(random, -20, 80);
  lines.push('', `grade "A" when ${section()} >= ${threshold()}`, `grade "B" when score >= ${threshold()} or ${condition(1)}`, 'grade "C" otherwise');
  lines.push(
    `stage "SQL" when ${section()} >= ${threshold()} and grade = "A"`,
    `stage "MQL" when score >= ${threshold()}${sections.length > 1 ? ` or ${sections[0]} > ${sections[1]}` : ''}`,
  );
  if (chance(random, 0.7)) lines.push('stage "Nurture" otherwise');
  lines.push(`route "Sales" when stage = "SQL" or (stage = "MQL" and country in dach)`, `route "Events" when attend webinar within 30 days`);
  if (chance(random, 0.7)) lines.push('route "Marketing" otherwise');
  return lines.join('\n') + '\n';
}

const profileConditions: Array<(random: Random) => string> = [
  (r) => `title contains any ["ceo", "VP", "head of"]`,
  (r) => `title starts with any ["chief", "vp"]`,
  (r) => `email ends with any ["@acme.com", ".io"]`,
  (r) => `industry in ["software", "fintech"]`,
  (r) => `industry not in ["retail"]`,
  (r) => `country in dach`,
  (r) => `domain in big`,
  (r) => `domain = "startup.io"`,
  (r) => `tier ${pick(r, ['=', '!='])} "gold"`,
  (r) => `${pick(r, numberFields)} ${pick(r, ['>', '>=', '<', '<=', '=', '!='])} ${pick(r, ['50', '10k', '1.5M', '0', '-3'])}`,
  (r) => `${pick(r, numberFields)} between ${integer(r, 0, 100)} and ${integer(r, 100, 5000)}`,
  (r) => `employees in sizes`,
  (r) => `${pick(r, ['phone', 'title', 'budget', 'authority', 'tier'])} is ${pick(r, ['missing', 'present'])}`,
  (r) => `authority is ${pick(r, ['true', 'false'])}`,
  (r) => `activity within ${integer(r, 1, 30)} days`,
  (r) => `visit page "/pricing*" ${integer(r, 1, 3)} times`,
];

const day = 86_400_000;

/** A random lead, valid for the policies above, with events before and after `now`. */
export function randomLead(random: Random, now: number, id: number): Record<string, unknown> {
  const lead: Record<string, unknown> = { id: chance(random, 0.5) ? `lead-${id}` : id };
  for (const [field, values] of Object.entries(textValues)) if (chance(random, 0.7)) lead[field] = pick(random, values);
  for (const field of numberFields) if (chance(random, 0.7)) lead[field] = pick(random, [0, 10, 50, 51, 500, 1000, 1001, 10_000, 1.5e6, 2e7, -3, 0.5]);
  if (chance(random, 0.6)) lead['authority'] = chance(random, 0.5);
  if (chance(random, 0.1)) lead['title'] = null;
  if (chance(random, 0.85)) {
    const list: Array<Record<string, unknown>> = [];
    for (let i = integer(random, 0, 25); i > 0; i--) {
      const [verb, object, names] = pick(random, events);
      const event: Record<string, unknown> = { type: chance(random, 0.1) ? ` ${verb.toUpperCase()} ` : verb };
      if (object !== undefined && chance(random, 0.9)) event['object'] = chance(random, 0.1) ? object.toUpperCase() : object;
      if (names.length > 0 && chance(random, 0.7)) event['name'] = pick(random, names);
      // Mostly the past, sometimes the future (ignored), at whole days, hours and odd milliseconds.
      const offset = (random() * 120 - 5) * day;
      event['at'] = new Date(Math.round(now - offset)).toISOString();
      list.push(event);
    }
    lead['events'] = list;
  }
  return lead;
}
