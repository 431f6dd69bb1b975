/**
 * Seeded random policies and leads, for comparing backends: every construct of
 * the language (fields of each type, lists, text matches, event patterns with
 * objects, globs, counts and windows, each/at most/decay, blacklist, rule
 * names, rules outside sections, decisions reading scores, sections, fields, events and
 * other decisions, date fields within a window, long ago, before and after a date or a time). The same seed always gives the same policy and leads.
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
  // Countries in mixed spellings: names, German names, ISO-2 and ISO-3 codes, variants, and text that is no country.
  country: ['DE', 'at', 'CH', 'US', 'FR', 'Germany', 'Deutschland', 'deu', ' Österreich ', 'Schweiz', 'USA', 'U.S.', 'Frankreich', 'Atlantis', 'uk'],
  hq: ['Germany', 'DE', 'United States of America', 'GBR', 'Great Britain', 'EMEA', 'Tschechien', 'CZ'],
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
  const lines: string[] = [
    `policy "random"`,
    'field budget: number',
    'field authority: boolean',
    'field tier: text',
    'field hq: country',
    'field created: date',
    'field seen: date',
  ];
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
  let named = 0;
  // Some rules carry a name (`as "…"`), each its own.
  const rule = (inSection: boolean) => (chance(random, 0.3) ? `${unnamedRule(inSection)} as "Rule ${++named}"` : unnamedRule(inSection));
  const unnamedRule = (inSection: boolean) => {
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
  () => `title contains any ["ceo", "VP", "head of"]`,
  () => `title starts with any ["chief", "vp"]`,
  () => `title contains any word ["CTO", "head", "Sales"]`,
  () => `title ends with any word ["it", "Analyst"]`,
  () => `email ends with any ["@acme.com", ".io"]`,
  () => `industry in ["software", "fintech"]`,
  () => `industry not in ["retail"]`,
  () => `country in dach`,
  (r) => `${pick(r, ['country', 'hq'])} ${pick(r, ['=', '!='])} ${pick(r, ['"Germany"', '"US"', '"deu"', '"United Kingdom"', '"Czechia"', '"Österreich"'])}`,
  (r) => `${pick(r, ['country', 'hq'])}${pick(r, ['', ' not'])} in ["Deutschland", "USA", "GB", "CZE"]`,
  (r) => `country ${pick(r, ['=', '!='])} hq`,
  () => `domain in big`,
  () => `domain = "startup.io"`,
  (r) => `tier ${pick(r, ['=', '!='])} "gold"`,
  (r) => `${pick(r, numberFields)} ${pick(r, ['>', '>=', '<', '<=', '=', '!='])} ${pick(r, ['50', '10k', '1.5M', '0', '-3'])}`,
  (r) => `${pick(r, numberFields)} between ${integer(r, 0, 100)} and ${integer(r, 100, 5000)}`,
  () => `employees in sizes`,
  (r) => `${pick(r, ['phone', 'title', 'budget', 'authority', 'tier', 'hq'])} is ${pick(r, ['missing', 'present'])}`,
  (r) => `authority is ${pick(r, ['true', 'false'])}`,
  (r) => `activity within ${integer(r, 1, 30)} days`,
  (r) => `visit page "/pricing*" ${integer(r, 1, 3)} times`,
  (r) => `${pick(r, dateFields)} within ${pick(r, ['1', '7', '30', '1.5', '90'])} days`,
  (r) => `${pick(r, dateFields)} more than ${pick(r, ['1', '7', '30', '0.5', '90'])} days ago`,
  (r) => `${pick(r, dateFields)} ${pick(r, ['before', 'after'])} "${pick(r, dateLiterals)}"`,
  (r) => `${pick(r, dateFields)} is ${pick(r, ['missing', 'present'])}`,
];

const dateFields = ['created', 'seen'];
/** Around the leads' `now` (2026-11-23T12:00:00Z in the differential test): whole days, moments, offsets. */
const dateLiterals = ['2026-11-23', '2026-11-16', '2026-01-01', '2026-11-23T12:00:00Z', '2026-11-20T08:30:00+02:00', '2026-11-22T12:00'];

const day = 86_400_000;

/** A random lead, valid for the policies above, with events before and after `now`. */
export function randomLead(random: Random, now: number, id: number): Record<string, unknown> {
  const lead: Record<string, unknown> = { id: chance(random, 0.5) ? `lead-${id}` : id };
  for (const [field, values] of Object.entries(textValues)) if (chance(random, 0.7)) lead[field] = pick(random, values);
  for (const field of numberFields) if (chance(random, 0.7)) lead[field] = pick(random, [0, 10, 50, 51, 500, 1000, 1001, 10_000, 1.5e6, 2e7, -3, 0.5]);
  if (chance(random, 0.6)) lead['authority'] = chance(random, 0.5);
  for (const field of dateFields) {
    if (!chance(random, 0.8)) continue;
    // Exactly N days before now (window boundaries), whole days (a date alone), odd moments, the future; as text or epoch milliseconds.
    const offset = pick(random, [0, 1, 7, 30, 90, 1.5, 0.5]) * day + pick(random, [0, 0, 1, -1, Math.round(random() * day)]);
    const time = Math.round(chance(random, 0.15) ? now + random() * 10 * day : now - offset);
    const kind = random();
    lead[field] = kind < 0.15 ? null : kind < 0.35 ? time : kind < 0.5 ? new Date(time).toISOString().slice(0, 10) : kind < 0.55 ? '' : new Date(time).toISOString();
  }
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

// ---- The whole surface syntax -------------------------------------------------------------
//
// `randomPolicy` above writes one statement per line with fixed names. The generator below
// writes the same constructs with everything the language lets an author vary without
// changing the meaning: soft keywords, mixed case and odd names for fields, lists, sections
// and events; line breaks (at column 1 or indented, after blank and comment lines) inside
// brackets and before `and`/`or`; comments after statements and inside conditions; blank
// lines and comments between statements and inside sections; indentation by spaces or tabs;
// declarations anywhere; `time`/`times`, `day`/`days`, `each at most` with or without the
// comma; escapes in strings; CRLF line ends. A policy is generated as a model, so that the
// fuzzer can render it with and without its layout and shrink it.

export type FieldType = 'text' | 'number' | 'boolean' | 'country' | 'date';

/** The names and values a surface policy uses; its leads are made from them. */
export interface Vocabulary {
  /** Profile fields its rules test, built-in or declared, each with the values leads draw from. */
  fields: Array<{ name: string; type: FieldType; values: Array<string | number | boolean> }>;
  lists: Array<{ name: string; type: 'text' | 'number'; values: Array<string | number> }>;
  sections: string[];
  /** Events its rules test, built-in or declared, with the names (`"…"`) leads give them. */
  events: Array<{ verb: string; object?: string; names: string[] }>;
}

/** A condition as a tree. Rendering adds the parentheses precedence needs; `group` adds more. */
export type Condition =
  { kind: 'and' | 'or'; operands: Condition[] } | { kind: 'not'; operand: Condition } | { kind: 'group'; condition: Condition } | { kind: 'atom'; tokens: string[] };

/**
 * How the gap before a token is written when it is not a single space: no space at all, spaces
 * and tabs, or a line break (allowed only inside brackets and before `and`/`or`), optionally after a comment on
 * the line it ends, a blank line and a comment line, with the next line indented by `indent`.
 */
export type Gap = 'tight' | 'wide' | { indent: string; comment?: string; blank?: boolean; commentLine?: string };

export interface Statement {
  kind: 'statement';
  /** Tokens before the condition (`when`, `stage "SQL" when`, or a whole declaration). */
  head: string[];
  condition?: Condition;
  /** Tokens after the condition (`add 5 each, at most 20`, `blacklist`). */
  tail: string[];
  /** The gap before token i of the rendered statement, where it is not a single space. */
  gaps: Record<number, Gap>;
  /** Indentation, for a statement inside a section. */
  indent?: string;
  /** A comment after the statement, on its last line. */
  comment?: string;
}
export type Line = Statement | { kind: 'comment'; text: string; indent: string } | { kind: 'blank' };
export interface SectionBlock {
  kind: 'section';
  name: string;
  comment?: string;
  items: Line[];
}
export interface SurfacePolicy {
  vocabulary: Vocabulary;
  body: Array<Line | SectionBlock>;
  /** Lines end with CRLF. */
  crlf?: boolean;
  /** The text starts with a byte-order mark. */
  bom?: boolean;
}

/** Soft keywords that start statements, and the other soft keywords: names wherever a name is expected. */
const statementWords = ['policy', 'list', 'field', 'event', 'decay', 'import', 'dates', 'numbers'];
const softNames = [...statementWords, 'half-life', 'activity', 'missing', 'present', 'true', 'false', 'from', 'version', 'before', 'after', 'more', 'than', 'ago'];
/** Mixed-case and unusual names: case matters for fields, lists and sections, not for events. */
const otherNames = [
  'Policy',
  'LIST',
  'Field',
  'Event',
  'Import',
  'Half-Life',
  'Version',
  'When',
  'Budget',
  'TIER',
  'leadSource',
  'lead-source',
  'plan_2',
  'x',
  '_private',
  'constructor',
  '__proto__',
  'toString',
];
/** Words that cannot name a field or section, but can name a list or an event. */
const decisionWords = ['grade', 'stage', 'route'];
/** Words of test files, which are names in a policy. */
const testWords = ['test', 'expect', 'lead', 'events', 'now', 'rule', 'blacklisted', 'score'];

const builtinText: Record<string, string[]> = {
  title: ['CEO', 'cto', 'VP Sales', 'Head of IT', '  Analyst ', ''],
  domain: ['acme.com', 'startup.io', 'Globex.io'],
  industry: ['Software', 'fintech', 'Retail'],
};
const builtinNumbers = ['employees', 'revenue'];
const builtinEvents: Vocabulary['events'] = [
  { verb: 'open', object: 'email', names: ['Welcome', 'Newsletter 3'] },
  { verb: 'visit', object: 'page', names: ['/pricing', '/pricing/enterprise', '/docs'] },
  { verb: 'download', object: 'whitepaper', names: ['guide'] },
  { verb: 'request', object: 'demo', names: [] },
  { verb: 'attend', object: 'webinar', names: ['Analytics 101'] },
  { verb: 'unsubscribe', names: [] },
];
/** Countries as leads and policies write them; the last is no country (a lead may hold it, a policy may not). */
const countryPool = ['DE', 'deu', 'Germany', 'Deutschland', 'AT', 'Österreich', 'Schweiz', 'USA', 'U.S.', 'United States', 'UK', 'Great Britain', 'Czechia', 'Atlantis'];
const textPool = ['gold', 'Silver', ' bronze ', 'CTO', 'VP Sales', 'say "hi"', 'back\\slash', 'x # y', 'tab\there', 'a\nb'];
const numberPool = [0, 1, 5, 10, 50, 51, 500, 1000, 1500, 2e6, -3, 0.5];
/** Dates around the fuzzer's `now` (2026-11-23T12:00:00Z): window boundaries, whole days, the future, epoch milliseconds. */
const datePool: Array<string | number> = ['2026-11-23T12:00:00Z', '2026-11-16T12:00:00Z', '2026-11-16', '2026-01-01', '2025-12-31T23:00:00Z', '2026-12-01', 1795132800000];
const dateLiteralPool = ['2026-11-16', '2026-01-01', '2026-11-20T08:30:00+02:00', '2026-11-22T12:00'];
const numberWritings: Record<number, string[]> = { 1000: ['1000', '1k', '1.0k'], 1500: ['1500', '1.5k'], 2e6: ['2M', '2000000', '2.0M'], 0.5: ['0.5'], [-3]: ['-3'] };

const shuffle = <T>(random: Random, items: readonly T[]): T[] => {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
};

/** A string literal for `value`; with `extra`, some letters needlessly escaped (`\C` is `C`). */
function stringLiteral(random: Random, value: string, extra: boolean): string {
  let text = '';
  for (const ch of value) {
    if (ch === '"' || ch === '\\') text += `\\${ch}`;
    else if (ch === '\n') text += '\\n';
    else if (ch === '\t') text += '\\t';
    else if (extra && /[A-Za-mo-su-z]/.test(ch) && chance(random, 0.1)) text += `\\${ch}`;
    else text += ch;
  }
  return `"${text}"`;
}

function numberLiteral(random: Random, value: number): string {
  return pick(random, numberWritings[value] ?? [String(value)]);
}

/** A word as an author may write an event word: in any case. */
function anyCase(random: Random, word: string): string {
  if (chance(random, 0.7)) return word;
  return chance(random, 0.5) ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1);
}

/** A random policy in the whole surface syntax, as a model (see `renderPolicy`). */
export function randomSurfacePolicy(random: Random): SurfacePolicy {
  const used = new Set<string>();
  const fresh = (pool: readonly string[]) => {
    const choices = pool.filter((name) => !used.has(name));
    const name = pick(random, choices.length > 0 ? choices : ['spare_' + used.size]);
    used.add(name);
    return name;
  };
  const namePool = () => {
    const roll = random();
    return roll < 0.4 ? statementWords : roll < 0.65 ? softNames : roll < 0.85 ? otherNames : testWords.filter((w) => w !== 'score');
  };
  const anyName = () => (chance(random, 0.5) ? [...statementWords, ...decisionWords] : [...softNames, ...otherNames, ...decisionWords, ...testWords]);

  // Fields: declared ones with soft-keyword and odd names, and a few built-in ones.
  const fields: Vocabulary['fields'] = [];
  const declarations: Statement[] = [];
  for (let i = integer(random, 2, 5); i > 0; i--) {
    // (A field called `events` compiles, but a lead's `events` are its events.)
    const name = fresh(namePool().filter((n) => n !== 'events'));
    const type = pick(random, ['text', 'number', 'boolean', 'date'] as const);
    const values =
      type === 'text'
        ? shuffle(random, textPool).slice(0, 4)
        : type === 'number'
          ? shuffle(random, numberPool).slice(0, 5)
          : type === 'date'
            ? shuffle(random, datePool).slice(0, 4)
            : [true, false];
    fields.push({ name, type, values });
    declarations.push(statement(['field', name, ':', type]));
  }
  for (const name of shuffle(random, Object.keys(builtinText)).slice(0, 2)) fields.push({ name, type: 'text', values: builtinText[name]! });
  fields.push({ name: pick(random, builtinNumbers), type: 'number', values: numberPool });
  if (chance(random, 0.5)) fields.push({ name: 'country', type: 'country', values: countryPool });

  // Sections: never a field's name. Lists and events may share names with fields and sections.
  const sections = Array.from({ length: integer(random, 1, 3) }, () => fresh(namePool()));
  const listNames = new Set<string>();
  const lists: Vocabulary['lists'] = [];
  for (let i = integer(random, 1, 3); i > 0; i--) {
    const name = pick(
      random,
      anyName().filter((n) => !listNames.has(n)),
    );
    listNames.add(name);
    const type = chance(random, 0.7) ? 'text' : 'number';
    const values = type === 'text' ? shuffle(random, textPool).slice(0, integer(random, 1, 4)) : shuffle(random, numberPool).slice(0, integer(random, 1, 4));
    lists.push({ name, type, values });
    const entries = values.flatMap((value, k) => [...(k > 0 ? [','] : []), typeof value === 'string' ? stringLiteral(random, value, true) : numberLiteral(random, value)]);
    declarations.push(statement(['list', name, '=', '[', ...entries, ...(chance(random, 0.3) ? [','] : []), ']']));
  }
  const events: Vocabulary['events'] = [...builtinEvents];
  const verbs = new Set<string>();
  for (let i = integer(random, 1, 4); i > 0; i--) {
    // (`score` alone is the total, never an event.)
    const verb = pick(
      random,
      anyName().filter((v) => v !== 'score' && v !== 'When' && !verbs.has(v.toLowerCase())),
    );
    verbs.add(verb.toLowerCase());
    const objects = chance(random, 0.4) ? [] : shuffle(random, [...anyName().filter((o) => o !== 'When'), 'webinar', 'app']).slice(0, integer(random, 1, 2));
    const names = chance(random, 0.5) ? ['Alpha', 'beta 2'] : [];
    if (objects.length === 0) events.push({ verb: verb.toLowerCase(), names });
    for (const object of objects) events.push({ verb: verb.toLowerCase(), object: object.toLowerCase(), names });
    declarations.push(statement(['event', verb, ...objects.flatMap((object, k) => [...(k > 0 ? [','] : []), object])]));
  }
  const vocabulary: Vocabulary = { fields, lists, sections, events };

  const conditions = new ConditionWriter(random, vocabulary);
  let named = 0;
  // Some rules carry a name (`as "…"`), each its own, in any quoting.
  const rule = (): Statement => {
    const written = unnamedRule();
    if (chance(random, 0.25)) written.tail.push('as', stringLiteral(random, `Rule ${++named} "as" # x`, true));
    return written;
  };
  const unnamedRule = (): Statement => {
    const roll = random();
    if (roll < 0.35) {
      const [condition, capped] = [conditions.eventPattern(), chance(random, 0.5)];
      const each = chance(random, 0.5) ? ['each', ...(capped ? [...(chance(random, 0.7) ? [','] : []), 'at', 'most', String(integer(random, 5, 60))] : [])] : [];
      return statement(['when'], condition, [pick(random, ['add', 'subtract']), String(integer(random, 1, 30) + pick(random, [0, 0.5, 0.25])), ...each]);
    }
    if (roll < 0.42) return statement(['when'], conditions.condition(0, false), ['blacklist']);
    return statement(['when'], conditions.condition(0, false), [pick(random, ['add', 'subtract']), String(integer(random, 1, 25))]);
  };

  const body: Array<Line | SectionBlock> = [];
  const blocks: Array<Array<Line | SectionBlock>> = [];
  if (chance(random, 0.7)) {
    const header = ['policy', stringLiteral(random, pick(random, ['random', 'Surface "syntax"', 'a # b']), true)];
    if (chance(random, 0.5)) header.push('version', stringLiteral(random, '2026.11', false));
    blocks.push([statement(header)]);
  }
  for (const declaration of declarations) blocks.push([declaration]);
  for (const name of sections) {
    const items: Line[] = [];
    const count = integer(random, 1, 5);
    const decayAt = chance(random, 0.5) ? integer(random, 0, count) : -1;
    for (let i = 0; i <= count; i++) {
      if (i === decayAt) items.push(statement(['decay', 'half-life', String(integer(random, 3, 90)), pick(random, ['days', 'days', 'day'])]));
      if (i < count) items.push(rule());
    }
    blocks.push([{ kind: 'section', name, items }]);
  }
  for (let i = integer(random, 0, 3); i > 0; i--) blocks.push([rule()]);
  // Declarations, sections and rules outside sections go in any order; decision rows go
  // anywhere between them, in their order.
  const rows = decisionRows(random, conditions, sections);
  for (const block of shuffle(random, blocks)) {
    while (rows.length > 0 && chance(random, 0.25)) body.push(rows.shift()!);
    body.push(...block);
  }
  body.push(...rows);

  // Layout: indentation, comments, blank lines, line breaks.
  const withLayout: Array<Line | SectionBlock> = [];
  for (const element of body) {
    if (chance(random, 0.15)) withLayout.push({ kind: 'blank' });
    if (chance(random, 0.15)) withLayout.push({ kind: 'comment', text: pick(random, ['note', 'when x add 1', 'policy "x"', 'list: [']), indent: pick(random, ['', '  ', '\t']) });
    if (element.kind === 'section') {
      if (chance(random, 0.3)) element.comment = 'section';
      const items: Line[] = [];
      for (const item of element.items) {
        if (chance(random, 0.12)) items.push({ kind: 'blank' });
        if (chance(random, 0.12)) items.push({ kind: 'comment', text: 'inside', indent: pick(random, ['', '  ', '    ', '\t']) });
        if (item.kind === 'statement') {
          item.indent = pick(random, ['  ', '  ', '    ', '\t', ' ']);
          layOut(random, item);
        }
        items.push(item);
      }
      element.items = items;
    } else if (element.kind === 'statement') layOut(random, element);
    withLayout.push(element);
  }
  return { vocabulary, body: withLayout, ...(chance(random, 0.1) && { crlf: true }), ...(chance(random, 0.05) && { bom: true }) };
}

function statement(head: string[], condition?: Condition, tail: string[] = []): Statement {
  return { kind: 'statement', head, ...(condition && { condition }), tail, gaps: {} };
}

/** Decision rows: grade reads sections, scores, fields and events; stage reads grade; route reads stage. */
function decisionRows(random: Random, conditions: ConditionWriter, sections: string[]): Statement[] {
  const rows: Statement[] = [];
  const row = (decision: string, label: string, condition?: Condition) => statement([decision, stringLiteral(random, label, true), condition ? 'when' : 'otherwise'], condition);
  const threshold = () => String(integer(random, -20, 80));
  const total = () => pick(random, [...sections, 'score']);
  const compare = (left: string) => atom(left, pick(random, ['>=', '>', '<', '<=', '=', '!=']), threshold());
  rows.push(row('grade', 'A', compare(total())));
  rows.push(row('grade', 'B', new ConditionJoin(random).join([compare(total()), conditions.condition(1, true)])));
  if (chance(random, 0.8)) rows.push(row('grade', 'C', undefined));
  rows.push(row('stage', 'SQL', { kind: 'and', operands: [compare(total()), atom('grade', '=', '"A"')] }));
  rows.push(row('stage', 'MQL', new ConditionJoin(random).join([compare(total()), conditions.condition(1, true)])));
  if (chance(random, 0.7)) rows.push(row('stage', 'Nurture', undefined));
  rows.push(
    row('route', 'Sales', {
      kind: 'or',
      operands: [atom('stage', '=', '"SQL"'), { kind: 'group', condition: { kind: 'and', operands: [atom('stage', '=', '"MQL"'), conditions.condition(1, true)] } }],
    }),
  );
  if (chance(random, 0.7)) rows.push(row('route', 'Marketing', undefined));
  return rows;
}

function atom(...tokens: string[]): Condition {
  return { kind: 'atom', tokens };
}

class ConditionJoin {
  constructor(private readonly random: Random) {}
  join(operands: Condition[]): Condition {
    return { kind: chance(this.random, 0.5) ? 'and' : 'or', operands };
  }
}

/** Conditions over a vocabulary: field tests, list tests, event patterns, `no … for`, and, or, not, parentheses. */
class ConditionWriter {
  constructor(
    private readonly random: Random,
    private readonly vocabulary: Vocabulary,
  ) {}

  condition(depth: number, inDecision: boolean): Condition {
    const random = this.random;
    if (depth < 3 && chance(random, depth === 0 ? 0.55 : 0.3)) {
      const operands = Array.from({ length: integer(random, 2, 3) }, () => this.condition(depth + 1, inDecision));
      const joined: Condition = { kind: chance(random, 0.5) ? 'and' : 'or', operands };
      return chance(random, 0.5) ? { kind: 'group', condition: joined } : joined;
    }
    if (depth < 3 && chance(random, 0.12))
      return { kind: 'not', operand: chance(random, 0.2) ? { kind: 'not', operand: this.condition(depth + 1, inDecision) } : this.condition(depth + 1, inDecision) };
    if (chance(random, 0.1)) return { kind: 'group', condition: this.condition(depth + 1, inDecision) };
    const roll = random();
    if (roll < 0.3) return this.eventPattern();
    if (roll < 0.36) return this.noEvent();
    return this.fieldTest();
  }

  /** `VERB [OBJECT] ["glob"] [K times] [within N days]`, or `activity within N days`. */
  eventPattern(): Condition {
    const random = this.random;
    if (chance(random, 0.05)) return atom('activity', 'within', String(integer(random, 1, 30)), this.days(2));
    const event = pick(random, this.vocabulary.events);
    const tokens = [anyCase(random, event.verb)];
    if (event.object && chance(random, 0.85)) tokens.push(anyCase(random, event.object));
    if (event.names.length > 0 && chance(random, 0.35)) tokens.push(stringLiteral(random, `${pick(random, event.names).slice(0, 3)}*`, true));
    if (chance(random, 0.2)) {
      const count = integer(random, 1, 3);
      tokens.push(String(count), count === 1 ? pick(random, ['time', 'times']) : 'times');
    }
    if (chance(random, 0.3)) {
      const days = integer(random, 1, 90);
      tokens.push('within', String(days), this.days(days));
    }
    return atom(...tokens);
  }

  private days(count: number): string {
    return count === 1 ? pick(this.random, ['day', 'days']) : 'days';
  }

  private noEvent(): Condition {
    const random = this.random;
    const days = integer(random, 1, 60);
    if (chance(random, 0.3)) return atom('no', 'activity', 'for', String(days), this.days(days));
    const event = pick(random, this.vocabulary.events);
    return atom('no', anyCase(random, event.verb), ...(event.object ? [anyCase(random, event.object)] : []), 'for', String(days), this.days(days));
  }

  private listOperand(type: 'text' | 'number'): string[] {
    const random = this.random;
    const lists = this.vocabulary.lists.filter((list) => list.type === type);
    if (lists.length > 0 && chance(random, 0.6)) return [pick(random, lists).name];
    const pool: ReadonlyArray<string | number> = type === 'text' ? textPool : numberPool;
    const values = shuffle(random, pool).slice(0, integer(random, 1, 3));
    return ['[', ...values.flatMap((value, k) => [...(k > 0 ? [','] : []), typeof value === 'string' ? stringLiteral(random, value, true) : numberLiteral(random, value)]), ']'];
  }

  private fieldTest(): Condition {
    const random = this.random;
    const field = pick(random, this.vocabulary.fields);
    const value = () => pick(random, field.values);
    if (chance(random, 0.1)) return atom(field.name, 'is', pick(random, ['missing', 'present']));
    switch (field.type) {
      case 'boolean':
        return atom(field.name, 'is', pick(random, ['true', 'false']));
      case 'country': {
        const countries = countryPool.slice(0, -1);
        if (chance(random, 0.5)) return atom(field.name, pick(random, ['=', '!=']), stringLiteral(random, pick(random, countries), false));
        const values = shuffle(random, countries).slice(0, integer(random, 1, 3));
        return atom(
          field.name,
          ...(chance(random, 0.3) ? ['not'] : []),
          'in',
          '[',
          ...values.flatMap((value, k) => [...(k > 0 ? [','] : []), stringLiteral(random, value, false)]),
          ']',
        );
      }
      case 'date': {
        const roll = random();
        const days = pick(random, [1, 7, 30, 1.5]);
        if (roll < 0.35) return atom(field.name, 'within', String(days), this.days(days));
        if (roll < 0.6) return atom(field.name, 'more', 'than', String(days), this.days(days), 'ago');
        return atom(field.name, pick(random, ['before', 'after']), stringLiteral(random, pick(random, dateLiteralPool), false));
      }
      case 'number': {
        const roll = random();
        if (roll < 0.2) {
          const low = integer(random, -5, 100);
          return atom(
            field.name,
            'between',
            String(low),
            'and',
            numberLiteral(
              random,
              pick(
                random,
                [low, low + 1, 1000, 1500].filter((n) => n >= low),
              ),
            ),
          );
        }
        if (roll < 0.35) return atom(field.name, ...(chance(random, 0.3) ? ['not'] : []), 'in', ...this.listOperand('number'));
        return atom(field.name, pick(random, ['>', '>=', '<', '<=', '=', '!=']), numberLiteral(random, value() as number));
      }
      default: {
        const roll = random();
        const text = () => stringLiteral(random, (value() as string) || 'x', true);
        if (roll < 0.25) return atom(field.name, pick(random, ['=', '!=']), text());
        if (roll < 0.45) return atom(field.name, ...(chance(random, 0.3) ? ['not'] : []), 'in', ...this.listOperand('text'));
        const match = pick(random, [['contains'], ['starts', 'with'], ['ends', 'with']]);
        if (roll < 0.7) return atom(field.name, ...match, text());
        return atom(field.name, ...match, 'any', ...this.listOperand('text'));
      }
    }
  }
}

/** Picks line breaks, comments and spacing for a statement, where the language allows them. */
function layOut(random: Random, statement: Statement): void {
  const tokens = statementTokens(statement);
  const legal = legalBreaks(tokens);
  const rate = chance(random, 0.5) ? 0.35 : 0.08;
  // Breaks go more often just before a word that starts statements and a word or two after it,
  // so that lines such as `policy > 1)`, `event webinar` and `policy "x*"` start and end there.
  let sinceStatementWord = Infinity;
  for (let i = 1; i < tokens.length; i++) {
    sinceStatementWord = statementWords.includes(tokens[i]!) || decisionWords.includes(tokens[i]!) ? 0 : sinceStatementWord + 1;
    if (legal[i] && chance(random, sinceStatementWord === 0 ? 0.6 : sinceStatementWord <= 3 ? 0.3 : rate)) {
      const gap: Gap = { indent: pick(random, ['', '  ', '    ', '\t', '      ']) };
      if (chance(random, 0.15)) gap.comment = pick(random, ['why', 'and more', '(']);
      if (chance(random, 0.08)) gap.blank = true;
      if (chance(random, 0.08)) gap.commentLine = 'a line of comment';
      statement.gaps[i] = gap;
    } else if (canBeTight(tokens, i) && chance(random, 0.15)) statement.gaps[i] = 'tight';
    else if (chance(random, 0.03)) statement.gaps[i] = 'wide';
  }
  if (chance(random, 0.15)) statement.comment = pick(random, ['after', 'when x add 1', '"quoted"']);
}

/** The statement's tokens: head, condition (with the parentheses it needs) and tail. */
export function statementTokens(statement: Statement): string[] {
  return [...statement.head, ...(statement.condition ? conditionTokens(statement.condition, 'top') : []), ...statement.tail];
}

function conditionTokens(condition: Condition, context: 'top' | 'or' | 'and' | 'not'): string[] {
  const wrap = (tokens: string[]) => ['(', ...tokens, ')'];
  switch (condition.kind) {
    case 'atom':
      return condition.tokens;
    case 'group':
      return wrap(conditionTokens(condition.condition, 'top'));
    case 'not':
      return ['not', ...conditionTokens(condition.operand, 'not')];
    case 'and':
    case 'or': {
      if (condition.operands.length === 1) return conditionTokens(condition.operands[0]!, context);
      const kind = condition.kind;
      const inner = condition.operands.flatMap((operand, k) => [...(k > 0 ? [kind] : []), ...conditionTokens(operand, kind)]);
      const needs = context === 'not' || (kind === 'or' && context === 'and');
      return needs ? wrap(inner) : inner;
    }
  }
}

/** For each token, whether a line break may go before it: inside `[`/`(`, or before `and`/`or`. */
export function legalBreaks(tokens: readonly string[]): boolean[] {
  const legal: boolean[] = [];
  let depth = 0;
  for (const token of tokens) {
    legal.push(depth > 0 || token === 'and' || token === 'or');
    if (token === '(' || token === '[') depth++;
    else if (token === ')' || token === ']') depth--;
  }
  legal[0] = false;
  return legal;
}

const punctuation = new Set(['(', ')', '[', ']', ',', ':', '=', '!=', '>', '>=', '<', '<=']);
const operators = new Set(['=', '!=', '>', '>=', '<', '<=']);

/** Whether two tokens may be written without a space between them and still read as two. */
function canBeTight(tokens: readonly string[], i: number): boolean {
  const [before, after] = [tokens[i - 1]!, tokens[i]!];
  if (!punctuation.has(before) && !punctuation.has(after)) return false;
  if (operators.has(before) && operators.has(after)) return false;
  // `3` then `)` is fine; a `-3` after a word would join it (`lead-3`), a word after a number would too.
  return !(after.startsWith('-') && /[\w]$/.test(before));
}

/** Renders a policy; with `layout: false`, one statement per line, every gap a single space, no comments. */
export function renderPolicy(policy: SurfacePolicy, options: { layout?: boolean } = {}): string {
  const layout = options.layout ?? true;
  const lines: string[] = [];
  const emit = (line: Line, inSection: boolean) => {
    if (line.kind === 'blank') {
      if (layout) lines.push('');
    } else if (line.kind === 'comment') {
      if (layout) lines.push(`${line.indent}# ${line.text}`);
    } else {
      const indent = inSection ? (layout ? (line.indent ?? '  ') : '  ') : '';
      lines.push(indent + renderStatement(line, layout) + (layout && line.comment ? `  # ${line.comment}` : ''));
    }
  };
  for (const element of policy.body) {
    if (element.kind === 'section') {
      lines.push(`${element.name}:${layout && element.comment ? ` # ${element.comment}` : ''}`);
      for (const item of element.items) emit(item, true);
    } else emit(element, false);
  }
  const text = lines.join('\n') + '\n';
  if (!layout) return text;
  return (policy.bom ? '\ufeff' : '') + (policy.crlf ? text.replace(/\n/g, '\r\n') : text);
}

function renderStatement(statement: Statement, layout: boolean): string {
  const tokens = statementTokens(statement);
  const legal = legalBreaks(tokens);
  let text = tokens[0] ?? '';
  for (let i = 1; i < tokens.length; i++) {
    const gap = layout ? statement.gaps[i] : undefined;
    if (gap === 'tight' && canBeTight(tokens, i)) text += tokens[i];
    else if (gap === 'wide') text += ` \t  ${tokens[i]}`;
    else if (gap && gap !== 'tight' && legal[i]) {
      text += `${gap.comment ? `  # ${gap.comment}` : ' '}\n${gap.blank ? '\n' : ''}${gap.commentLine ? `${gap.indent}# ${gap.commentLine}\n` : ''}${gap.indent}${tokens[i]}`;
    } else text += ` ${tokens[i]}`;
  }
  return text;
}

/** A random lead for a surface policy: its fields (sometimes missing or null) and its events, in any case. */
export function randomSurfaceLead(random: Random, vocabulary: Vocabulary, now: number, id: number): Record<string, unknown> {
  const lead: Record<string, unknown> = { id: chance(random, 0.5) ? `lead-${id}` : id };
  for (const field of vocabulary.fields) {
    if (chance(random, 0.15)) continue;
    let value: unknown = chance(random, 0.05) ? null : pick(random, field.values);
    if (typeof value === 'string' && chance(random, 0.2)) value = chance(random, 0.5) ? value.toUpperCase() : ` ${value} `;
    Object.defineProperty(lead, field.name, { value, enumerable: true, writable: true, configurable: true });
  }
  if (chance(random, 0.9)) {
    const list: Array<Record<string, unknown>> = [];
    for (let i = integer(random, 0, 20); i > 0; i--) {
      const event = pick(random, vocabulary.events);
      const entry: Record<string, unknown> = { type: anyCase(random, event.verb) };
      if (event.object !== undefined && chance(random, 0.9)) entry['object'] = anyCase(random, event.object);
      if (event.names.length > 0 && chance(random, 0.7)) entry['name'] = pick(random, event.names);
      entry['at'] = new Date(Math.round(now - (random() * 120 - 5) * day)).toISOString();
      list.push(entry);
    }
    lead['events'] = list;
  }
  return lead;
}
