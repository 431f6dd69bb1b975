/**
 * The runtime on hostile leads for random policies: random policies of spec/random-policy.ts
 * (one statement per line, or the whole surface syntax), and leads made from each policy's valid
 * leads by putting hostile values in their fields and events: huge strings, numbers such as
 * 1e308, -0 and NaN, numbers and dates written oddly as text, impossible dates, arrays and objects
 * where values belong, `__proto__` and `constructor` keys, and leads that are no objects at all.
 * For every lead, the interpreter and the generated code give the identical result (the same JSON
 * and the same score, -0 included) and the identical explanation, or both throw a LeadError with
 * the identical message; nothing else is ever thrown.
 */
import fc from 'fast-check';
import { compile } from '../compiler/index.js';
import { LeadError, loadPolicy, type Policy, type PolicyIr } from '../runtime/index.js';
import { randomLead, randomPolicy, randomSurfaceLead, randomSurfacePolicy, renderPolicy, seededRandom } from '../spec/random-policy.js';
import { excerpt, expectThat, HostileFailure, thrown } from './failure.js';
import { anyText, oddCharacters, type Sizes } from './mutations.js';

export const hostileNow = Date.parse('2026-11-23T12:00:00Z');

/** Numbers at the edges: huge, tiny, negative zero, not a number, beyond the dates JavaScript can hold. */
const oddNumbers = [
  1e308,
  -1e308,
  1.7976931348623157e308,
  5e-324,
  -0,
  0,
  NaN,
  Infinity,
  -Infinity,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  8.64e15,
  8.64e15 + 1,
  -8.64e15 - 1,
  0.1 + 0.2,
  1e21,
  -1e-7,
];

/** Text that looks like a number, a boolean, null or a date, or almost does. */
const oddTexts = [
  'NaN',
  '-0',
  '1e308',
  '1e309',
  '-1e309',
  'Infinity',
  '0x1F',
  '0b11',
  '1_000',
  '1,000',
  '1.000,5',
  '  42 ',
  '٤٢',
  '１２',
  '',
  ' ',
  'true',
  'TRUE',
  'yes',
  'null',
  'undefined',
  '[object Object]',
  '2026-02-30',
  '2026-02-29',
  '2026-11-23T25:00:00Z',
  '2026-11-23T12:00:60Z',
  '0000-01-01',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-11-23T12:00:00+25:00',
  '2026-11-23T12:00:00.123456789Z',
  '2026-11-23 12:00',
  '2026-11-23T12:00:00',
  '23.11.2026',
  '11/23/2026',
  '31/12/2026',
  'Mon, 23 Nov 2026 12:00:00 GMT',
  '2026-W48',
  '2026-327',
  'T12:00',
  '1700000000000',
  '/pricing',
  'CTO',
  'DE',
  'open',
  'email',
];

/** Keys that are properties of every object, or look like a field but are not one. */
const oddKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length', '0', '', ' title', 'TITLE', 'title\u0000', 'events', 'id'];
const eventKeys = ['type', 'object', 'name', 'at', '__proto__', 'constructor', 'toString', 'extra', 'TYPE'];

/** An object with the given own keys, `__proto__` included as a key of its own (as JSON.parse makes it). */
const objectOf = (entries: Array<[string, unknown]>): Record<string, unknown> => Object.fromEntries(entries) as Record<string, unknown>;

/** One hostile value: scalars at the edges, long and odd text, arrays, objects and objects with prototype keys. */
export function hostileValue(sizes: Sizes): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    fc.constantFrom(...oddNumbers),
    fc.double(),
    fc.integer(),
    fc.constantFrom(...oddTexts),
    fc.constantFrom(...oddCharacters),
    anyText(20),
    fc.integer({ min: 1, max: sizes.long }).map((n) => 'x'.repeat(n)),
    fc.integer({ min: 1, max: sizes.long }).map((n) => 'CTO '.repeat(n)),
    fc.boolean(),
    fc.constantFrom(null, undefined),
  );
  const composite = fc.oneof(
    fc.array(scalar, { maxLength: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(fc.tuple(fc.constantFrom(...oddKeys, ...eventKeys), scalar), { maxLength: 3 }).map(objectOf),
    fc.constantFrom(new Date(0), new Date(Number.NaN), new Date(hostileNow), 10n, Symbol('hostile')),
  );
  return fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: composite });
}

type Edit = { key: number; value: unknown } | { key: number; remove: true };

export interface LeadRecipe {
  /** The seed of the valid lead the edits start from. */
  base: number;
  /** Changes to the lead's fields: a key of the lead or an odd key (modulo), and its new value or none. */
  edits: Edit[];
  /** Changes to its events: an event (modulo), a key of events (modulo) and its value. */
  eventEdits: Array<{ event: number; key: number; value: unknown }>;
  /** The lead replaced by something that is no lead (an array, a string, null…), rarely. */
  replaced?: { value: unknown };
}

export interface LeadsCase {
  /** Which generator writes the policy: one statement per line, or the whole surface syntax. */
  surface: boolean;
  policySeed: number;
  leads: LeadRecipe[];
}

export function leadsCase(sizes: Sizes, most = 8): fc.Arbitrary<LeadsCase> {
  const value = hostileValue(sizes);
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ key: fc.nat(), value }) },
    { weight: 1, arbitrary: fc.record({ key: fc.nat(), remove: fc.constant(true as const) }) },
  );
  const recipe: fc.Arbitrary<LeadRecipe> = fc
    .record({
      base: fc.nat(),
      edits: fc.array(edit, { maxLength: 3 }),
      eventEdits: fc.array(fc.record({ event: fc.nat(), key: fc.nat(), value }), { maxLength: 2 }),
      // Rarely: most leads should get past the lead's own shape to the fields and the scoring.
      replaced: fc.oneof(
        { weight: 15, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.record({ value: fc.oneof(value, fc.constantFrom([], [{}], 'lead', 42, null)) }) },
      ),
    })
    .map(({ replaced, ...rest }) => (replaced ? { ...rest, replaced } : rest));
  return fc.record({ surface: fc.boolean(), policySeed: fc.integer({ min: 1, max: 1_000_000 }), leads: fc.array(recipe, { minLength: 1, maxLength: most }) });
}

interface CompiledPolicy {
  text: string;
  interpreter: Policy;
  generated: Policy;
  validLead(seed: number): Record<string, unknown>;
}

/** Compiled policies by generator and seed: the shrinker and the test ask for the same ones again. */
const compiled = new Map<string, CompiledPolicy>();

function policyFor(surface: boolean, seed: number): CompiledPolicy {
  const key = `${surface ? 'surface' : 'plain'} ${seed}`;
  const known = compiled.get(key);
  if (known) return known;
  const random = seededRandom(seed);
  let text: string;
  let validLead: (leadSeed: number) => Record<string, unknown>;
  if (surface) {
    const policy = randomSurfacePolicy(random);
    text = renderPolicy(policy);
    validLead = (leadSeed) => randomSurfaceLead(seededRandom(leadSeed), policy.vocabulary, hostileNow, leadSeed);
  } else {
    text = randomPolicy(random);
    validLead = (leadSeed) => randomLead(seededRandom(leadSeed), hostileNow, leadSeed);
  }
  const result = compile(text);
  // The generators write valid policies (spec/differential.test.ts and spec/surface-fuzz.test.ts check it).
  if (!result.ir) throw new HostileFailure(`random policy ${key} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const ir: PolicyIr = result.ir;
  const entry = { text, interpreter: loadPolicy(ir, { backend: 'interpreter' }), generated: loadPolicy(ir, { backend: 'generated' }), validLead };
  if (compiled.size > 200) compiled.clear();
  compiled.set(key, entry);
  return entry;
}

/** The lead a recipe makes for a policy. */
export function leadOf(policy: { validLead(seed: number): Record<string, unknown> }, recipe: LeadRecipe): unknown {
  if (recipe.replaced) return recipe.replaced.value;
  const entries = Object.entries(policy.validLead(recipe.base));
  const keys = [...entries.map(([key]) => key), ...oddKeys];
  for (const edit of recipe.edits) {
    const key = keys[edit.key % keys.length]!;
    const others = entries.filter(([k]) => k !== key);
    entries.length = 0;
    entries.push(...others);
    if (!('remove' in edit)) entries.push([key, edit.value]);
  }
  const lead = objectOf(entries);
  const events = lead['events'];
  if (Array.isArray(events) && recipe.eventEdits.length > 0) {
    const copy = events.map((event: unknown) => (typeof event === 'object' && event !== null && !Array.isArray(event) ? { ...event } : event)) as unknown[];
    for (const edit of recipe.eventEdits) {
      const at = edit.event % (copy.length + 1);
      if (at === copy.length) copy.push(edit.value);
      else {
        const event = copy[at];
        if (typeof event === 'object' && event !== null && !Array.isArray(event))
          copy[at] = objectOf([...Object.entries(event).filter(([k]) => k !== eventKeys[edit.key % eventKeys.length]), [eventKeys[edit.key % eventKeys.length]!, edit.value]]);
        else copy[at] = edit.value;
      }
    }
    lead['events'] = copy;
  }
  return lead;
}

type Outcome = { result: string; score: number } | { leadError: string };

function outcome(policy: Policy, lead: unknown, what: string): Outcome {
  try {
    const result = policy.score(lead, { now: hostileNow });
    const explanation = policy.explain(lead, { now: hostileNow });
    return { result: `${JSON.stringify(result)}\n${JSON.stringify(explanation)}`, score: result.score };
  } catch (error) {
    if (error instanceof LeadError) return { leadError: error.message };
    throw new HostileFailure(`the ${what} threw something other than a LeadError: ${thrown(error)}`);
  }
}

/** The property: for every lead, both backends give the identical result or the identical LeadError. */
export function checkLeadsCase(c: LeadsCase): void {
  const policy = policyFor(c.surface, c.policySeed);
  for (const [i, recipe] of c.leads.entries()) {
    const lead = leadOf(policy, recipe);
    const shown = () => `lead ${i} ${excerpt(safeJson(lead), 600)} for the policy\n${excerpt(policy.text, 3000)}`;
    let interpreted: Outcome;
    let generated: Outcome;
    try {
      interpreted = outcome(policy.interpreter, lead, 'interpreter');
      generated = outcome(policy.generated, lead, 'generated code');
    } catch (error) {
      if (error instanceof HostileFailure) throw new HostileFailure(`${error.message}\n${shown()}`);
      throw error;
    }
    const same =
      'leadError' in interpreted
        ? 'leadError' in generated && generated.leadError === interpreted.leadError
        : 'result' in generated && generated.result === interpreted.result && Object.is(generated.score, interpreted.score);
    expectThat(
      same,
      () => `the backends disagree on ${shown()}\n  interpreter ${excerpt(JSON.stringify(interpreted), 1500)}\n  generated   ${excerpt(JSON.stringify(generated), 1500)}`,
    );
  }
}

/** A lead as JSON for a report, whatever it holds (bigints, symbols and dates included). */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : typeof inner === 'symbol' ? inner.toString() : inner)) ?? String(value);
  } catch {
    return String(value);
  }
}

export function describeLeadsCase(c: LeadsCase): string {
  const policy = policyFor(c.surface, c.policySeed);
  return `${c.surface ? 'surface' : 'plain'} policy ${c.policySeed}, ${c.leads.length} leads:\n${c.leads.map((recipe) => excerpt(safeJson(leadOf(policy, recipe)), 400)).join('\n')}`;
}
