import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compile } from '../compiler/index.js';
import type { GeneratedPolicy } from './generated-policy.js';
import type { PolicyIr } from './ir.js';
import { loadPolicy } from './load-policy.js';
import type { Policy } from './results.js';

const now = '2026-11-23T12:00:00Z';
const pwned = () => (globalThis as { pwned?: unknown }).pwned;

function compiled(source: string): PolicyIr {
  const { ir, diagnostics } = compile(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return ir!;
}

/** Scores with both backends, requires identical results, and returns the generated one's. */
function scoreBoth(ir: PolicyIr, lead: unknown) {
  const generated = loadPolicy(ir, { backend: 'generated' });
  const interpreted = loadPolicy(ir, { backend: 'interpreter' });
  const result = generated.score(lead, { now });
  expect(result).toEqual(interpreted.score(lead, { now }));
  return result;
}

// Quotes, backticks, template holes, a closing script tag, Unicode line separators: in every place a policy has text.
const hostile = `policy "x\`\${globalThis.pwned = 1}\`</script>\u2028"
field constructor: text
field __proto__: number
field toString: boolean
list weird = ["\\"); globalThis.pwned = 1; (\\"", "\`\${globalThis.pwned = 1}\`", "</script><script>globalThis.pwned = 1</script>", "a\u2028b\u2029c", "'; globalThis.pwned = 1; '"]
hasOwnProperty:
  when constructor in weird add 5
  when __proto__ > 3 add 2
  when toString is true add 1
  when visit page "*\\"); globalThis.pwned = 1; //*" add 3
valueOf:
  when title contains any weird add 4
stage "\\"; globalThis.pwned = 1; \\"" when __proto__ >= 5
stage "\`\${globalThis.pwned = 1}\` \u2028" otherwise
`;

describe('generated code with hostile policies', () => {
  afterEach(() => {
    delete (globalThis as { pwned?: unknown }).pwned;
  });

  it('treats quotes, backticks, ${…}, </script> and line separators in a policy as text', () => {
    const ir = compiled(hostile);
    const policy = loadPolicy(ir, { backend: 'generated' });
    expect(policy.backend).toBe('generated');
    const lead = JSON.parse(
      '{"id": 1, "constructor": "\\"); globalThis.pwned = 1; (\\"", "__proto__": 7, "toString": true, "title": "a\\u2028b\\u2029c",' +
        ' "events": [{"type": "visit", "object": "page", "name": "/x\\"); globalThis.pwned = 1; //y", "at": "2026-11-20"}]}',
    ) as unknown;
    const result = scoreBoth(ir, lead);
    expect(pwned()).toBeUndefined();
    expect(result.dimensions).toEqual({ hasOwnProperty: 11, valueOf: 4 });
    expect(Object.keys(result.dimensions)).toEqual(['hasOwnProperty', 'valueOf']);
    expect(result.stage).toBe('"; globalThis.pwned = 1; "');
    expect(result.policy.name).toBe('x`${globalThis.pwned = 1}`</script>\u2028');
    expect(scoreBoth(ir, { id: 2, __proto__: null }).stage).toBe('`${globalThis.pwned = 1}` \u2028');
    expect(pwned()).toBeUndefined();
  });

  it('never reads a field from a prototype: constructor, toString and __proto__ are only the lead’s own', () => {
    const ir = compiled(hostile);
    const empty = scoreBoth(ir, { id: 'a' });
    expect(empty.reasons).toEqual([]);
    // JSON.parse makes "__proto__" an own property; Object.prototype stays untouched.
    const polluting = JSON.parse('{"id": "b", "__proto__": {"title": "</script><script>globalThis.pwned = 1</script>"}}') as unknown;
    expect(() => loadPolicy(ir).score(polluting, { now })).toThrow(/`__proto__` must be a number/);
    const inherited = Object.create({ title: '</script><script>globalThis.pwned = 1</script>', toString: true }) as object;
    expect(scoreBoth(ir, inherited).reasons).toEqual([]);
    expect(({} as Record<string, unknown>)['title']).toBeUndefined();
  });

  it('gives a section named __proto__ an own key in the dimensions', () => {
    const ir = compiled('__proto__:\n  when title = "ceo" add 5\n');
    const result = scoreBoth(ir, { title: 'CEO' });
    expect(Object.getPrototypeOf(result.dimensions)).toBe(Object.prototype);
    expect(Object.keys(result.dimensions)).toEqual(['__proto__']);
    expect(JSON.stringify(result.dimensions)).toBe('{"__proto__":5}');
  });

  it('keeps hostile text written straight into a rule graph out of the source', () => {
    const ir = compiled('list l = ["a"]\nwhen download whitepaper "*x*" add 5\nwhen title in l add 1\nstage "A" when score > 3\n');
    // Lower case, as the rule graph stores text normalised; executed, any part of it would throw.
    const evil = '"); throw 1; ("\u2028`${(() => { throw 1; })()}` */ throw 1; //';
    const graph = JSON.parse(JSON.stringify(ir)) as PolicyIr;
    for (const predicate of graph.predicates) if (predicate.op === 'event' && predicate.match) Object.assign(predicate.match, { verb: evil, object: evil, glob: `*${evil}*` });
    graph.lists[0]!.values = [evil];
    graph.contributions[0]!.text = evil;
    graph.decisions.find((decision) => decision.name === 'stage')!.rows[0]!.label = evil;
    graph.inputs.push({ id: `field:${evil}`, name: evil, type: 'text', builtin: false });
    const lead = { title: evil, events: [{ type: evil, object: evil, name: `_${evil}_`, at: '2026-11-01' }] };
    const result = scoreBoth(graph, lead);
    expect(pwned()).toBeUndefined();
    expect(result.score).toBe(6);
    expect(result.reasons[0]!.rule).toBe(evil);
    expect(result.stage).toBe(evil);
    const { source } = loadPolicy(graph, { backend: 'generated' }) as GeneratedPolicy;
    expect(source).not.toContain('\u2028');
  });

  it('passes numbers without a numeral (Infinity) as values, not as source', () => {
    const ir = compiled('when open email add 5 each, at most 10\n');
    const graph = JSON.parse(JSON.stringify(ir)) as PolicyIr;
    graph.contributions[0]!.cap = Infinity;
    const lead = { events: Array.from({ length: 4 }, () => ({ type: 'open', object: 'email', at: '2026-11-01' })) };
    expect(scoreBoth(graph, lead).score).toBe(20);
  });
});

describe('the policy every result names', () => {
  it('is the name and version the policy declares, and the first 16 hex digits of the SHA-256 of its rule graph', () => {
    const ir = compiled('policy "Inbound" version "2026.11"\nwhen title = "ceo" add 5\n');
    expect(ir.policy).toEqual({ name: 'Inbound', version: '2026.11' });
    const [generated, interpreted] = [loadPolicy(ir), loadPolicy(ir, { backend: 'interpreter' })];
    const info = { name: 'Inbound', version: '2026.11', hash: createHash('sha256').update(JSON.stringify(ir)).digest('hex').slice(0, 16) };
    expect(generated.info).toEqual(info);
    expect(generated.score({}, { now }).policy).toEqual(info);
    expect(interpreted.score({}, { now }).policy).toEqual(info);
  });

  it('has a hash that changes with any change of the rule graph, and a null name and version when none is declared', () => {
    const a = loadPolicy(compiled('when title = "ceo" add 5\n')).info;
    const b = loadPolicy(compiled('when title = "ceo" add 6\n')).info;
    expect(a).toMatchObject({ name: null, version: null });
    expect(a.hash).not.toBe(b.hash);
    expect(loadPolicy(compiled('when title = "ceo" add 5\n')).info).toEqual(a);
  });
});

describe('choosing a backend', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const ir = () => compiled('when title = "ceo" add 5\n');

  it('generates code by default', () => {
    expect(loadPolicy(ir()).backend).toBe('generated');
    expect(loadPolicy(ir(), { backend: 'interpreter' }).backend).toBe('interpreter');
  });

  it('falls back to the interpreter where a Content-Security-Policy forbids generated code', () => {
    const graph = ir();
    vi.stubGlobal(
      'Function',
      class {
        constructor() {
          throw new EvalError('Refused to evaluate a string as JavaScript because unsafe-eval is not allowed');
        }
      },
    );
    const policy: Policy = loadPolicy(graph);
    expect(policy.backend).toBe('interpreter');
    expect(policy.score({ title: 'CEO' }, { now }).score).toBe(5);
    expect(() => loadPolicy(graph, { backend: 'generated' })).toThrow(EvalError);
  });

  it('explains with the same result as it scores', () => {
    const graph = compiled(`fit:\n  when open email add 5 each, at most 12\n  decay half-life 10 days\nstage "A" when fit > 1\n`);
    const policy = loadPolicy(graph);
    const lead = { id: 'x', events: [1, 2, 3, 4].map((d) => ({ type: 'open', object: 'email', at: `2026-11-0${d}` })) };
    const { rules, decisions, ...result } = policy.explain(lead, { now });
    expect(result).toEqual(policy.score(lead, { now }));
    expect(rules).toHaveLength(1);
    expect(decisions.map((decision) => decision.label)).toEqual([null, 'A', null]);
  });
});
