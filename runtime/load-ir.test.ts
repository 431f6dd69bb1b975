import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { IrError, loadPolicy, type PolicyIr } from './index.js';
import { checkIr, irVersion } from './rule-graph.js';

const policy = `
list dach = ["DE", "AT", "CH"]
fit:
  when country in dach and employees > 100 add 10
engagement:
  when open email add 5 each, at most 15
  decay half-life 30 days
stage "SQL" when fit >= 10
route "Sales" when stage = "SQL"
`;

/** A fresh, valid rule graph as plain JSON, to break in one place per test. */
function graph(): Record<string, any> {
  const { ir, diagnostics } = compile(policy);
  expect(diagnostics).toEqual([]);
  return JSON.parse(JSON.stringify(ir)) as Record<string, any>;
}

function rejection(value: unknown): string {
  try {
    checkIr(value);
  } catch (error) {
    expect(error).toBeInstanceOf(IrError);
    return (error as Error).message;
  }
  throw new Error('checkIr accepted the rule graph');
}

const predicate = (ir: Record<string, any>, op: string, value?: string) =>
  (ir['predicates'] as Array<Record<string, any>>).find((p) => p['op'] === op && (value === undefined || p['value'] === value))!;
const decision = (ir: Record<string, any>, name: string) => (ir['decisions'] as Array<Record<string, any>>).find((d) => d['name'] === name)!;

describe('checkIr', () => {
  it('accepts the rule graph of every policy in examples/, also read back from JSON', () => {
    const dir = join(import.meta.dirname, '..', 'examples');
    const files = readdirSync(dir).filter((name) => name.endsWith('.score') && !name.endsWith('.test.score'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const { ir } = compile(readFileSync(join(dir, file), 'utf8'));
      expect(ir, file).toBeDefined();
      expect(checkIr(ir)).toBe(ir);
      expect(() => loadPolicy(JSON.parse(JSON.stringify(ir)))).not.toThrow();
    }
  });

  it('rejects what is not a JSON object', () => {
    for (const value of [null, undefined, 42, 'leadscore-ir', [], [graph()], true]) {
      expect(rejection(value)).toBe('a rule graph is a JSON object');
    }
  });

  it('rejects another format, naming the one expected', () => {
    expect(rejection({ ...graph(), format: 'json-rules-engine' })).toBe('this is not a leadscore rule graph (its "format" is "json-rules-engine", expected "leadscore-ir")');
    const { format: _format, ...withoutFormat } = graph();
    expect(rejection(withoutFormat)).toMatch(/its "format" is null/);
  });

  it('rejects another IR version, saying which version this runtime accepts and who compiled it', () => {
    const message = rejection({ ...graph(), version: irVersion + 1, compiler: '9.0.0' });
    expect(message).toContain(`IR version ${irVersion + 1}`);
    expect(message).toContain('by leadscore 9.0.0');
    expect(message).toContain(`this runtime accepts IR version ${irVersion} only`);
    expect(rejection({ ...graph(), version: '1' })).toContain('IR version "1"');
    const { version: _version, compiler: _compiler, ...unversioned } = graph();
    expect(rejection(unversioned)).toMatch(/IR version null \(compiled by an unknown compiler\)/);
  });

  it('rejects schema violations, naming the path', () => {
    const missing = graph();
    delete missing['contributions'][0]['points'];
    expect(rejection(missing)).toBe("malformed rule graph: contributions.0 must have required property 'points'");

    const negative = graph();
    negative['sections'][1]['decay']['halfLifeDays'] = -30;
    expect(rejection(negative)).toBe('malformed rule graph: sections.1.decay.halfLifeDays must be > 0');

    const unknown = graph();
    unknown['contributions'][1]['weight'] = 2;
    expect(rejection(unknown)).toBe('malformed rule graph: contributions.1 has an unknown property `weight`');

    const effect = graph();
    effect['contributions'][0]['effect'] = 'multiply';
    expect(rejection(effect)).toBe('malformed rule graph: contributions.0.effect must be "add" or "subtract" or "blacklist"');

    const op = graph();
    op['predicates'][0]['op'] = 'xor';
    expect(rejection(op)).toMatch(/^malformed rule graph: predicates\.0\b/);

    const list = graph();
    delete list['lists'];
    expect(rejection(list)).toBe("malformed rule graph: the rule graph must have required property 'lists'");
  });

  it('reports several schema violations at once', () => {
    const ir = graph();
    delete ir['contributions'][0]['points'];
    ir['sections'][1]['decay']['halfLifeDays'] = 0;
    const message = rejection(ir);
    expect(message).toContain('contributions.0');
    expect(message).toContain('sections.1.decay.halfLifeDays');
  });
});

describe('checkIr: references', () => {
  it('rejects a predicate that refers to an unknown predicate', () => {
    const ir = graph();
    predicate(ir, 'and')['args'] = ['p0', 'p99'];
    expect(rejection(ir)).toMatch(/^predicate p\d+ refers to p99, which is not defined before it$/);
  });

  it('rejects a predicate that refers to a later one', () => {
    const ir = graph();
    const predicates = ir['predicates'] as unknown[];
    const and = predicate(ir, 'and');
    predicates.splice(predicates.indexOf(and), 1);
    predicates.unshift(and);
    expect(rejection(ir)).toMatch(/^predicate p\d+ refers to p\d+, which is not defined before it$/);
  });

  it('rejects a predicate on an unknown list', () => {
    const ir = graph();
    predicate(ir, 'in')['list'] = 'list:emea';
    expect(rejection(ir)).toMatch(/^predicate p\d+ refers to the unknown list list:emea$/);
  });

  it('rejects a predicate that reads an unknown value', () => {
    const field = graph();
    predicate(field, 'compare')['value'] = 'field:budget';
    expect(rejection(field)).toMatch(/^predicate p\d+ reads field:budget, which is not defined$/);

    const section = graph();
    predicate(section, 'compare')['value'] = 'section:product';
    expect(rejection(section)).toMatch(/reads section:product, which is not defined/);

    const decision = graph();
    decision['decisions'] = (decision['decisions'] as Array<{ name: string }>).filter((d) => d.name !== 'stage');
    expect(rejection(decision)).toMatch(/reads decision:stage, which is not defined/);
  });

  it('rejects a derived value or an explicit override that reads an unknown input', () => {
    const from = graph();
    from['derived'][0]['from'] = 'field:mail';
    expect(rejection(from)).toBe('derived value derived:domain reads field:mail, which is not an input');

    const explicit = graph();
    explicit['derived'][0]['explicit'] = 'field:website_domain';
    expect(rejection(explicit)).toBe('derived value derived:domain reads field:website_domain, which is not an input');
  });

  it('rejects a contribution on an unknown predicate or section', () => {
    const when = graph();
    when['contributions'][0]['when'] = 'p42';
    expect(rejection(when)).toBe('contribution c0 refers to the unknown predicate p42');

    const section = graph();
    section['contributions'][0]['section'] = 'fitness';
    expect(rejection(section)).toBe('contribution c0 adds to the unknown section "fitness"');
  });

  it('rejects each or decay on a predicate that is not an event pattern', () => {
    const each = graph();
    each['contributions'][0]['mode'] = 'each';
    expect(rejection(each)).toMatch(/^contribution c0 scores per event or decays, but p\d+ is not an event predicate$/);

    const decay = graph();
    decay['contributions'][0]['decay'] = true;
    expect(rejection(decay)).toMatch(/^contribution c0 scores per event or decays, but p\d+ is not an event predicate$/);
  });

  it('rejects a decision row on an unknown predicate', () => {
    const ir = graph();
    decision(ir, 'route')['rows'][0]['when'] = 'p77';
    expect(rejection(ir)).toBe('a route row refers to the unknown predicate p77');
  });

  it('rejects a rule that reads a total or a decision, which are not known while rules run', () => {
    const ir = graph();
    ir['contributions'][0]['when'] = predicate(ir, 'compare', 'section:fit')['id'];
    expect(rejection(ir)).toBe('contribution c0 reads section:fit, which is only known after the rules have run');

    const nested = graph();
    const predicates = nested['predicates'] as unknown[];
    predicates.push({ ...predicate(nested, 'and'), id: 'p-late', args: ['p0', predicate(nested, 'compare', 'decision:stage')['id']] });
    nested['contributions'][0]['when'] = 'p-late';
    expect(rejection(nested)).toBe('contribution c0 reads decision:stage, which is only known after the rules have run');
  });

  it('rejects a decision that reads a decision not decided before it', () => {
    const ir = graph();
    (ir['decisions'] as unknown[]).reverse();
    expect(ir['decisions'][0]['name']).toBe('route');
    expect(rejection(ir)).toBe('the route decision reads decision:stage, which is not decided before it');

    const itself = graph();
    decision(itself, 'stage')['rows'].push({ label: 'Again', when: predicate(itself, 'compare', 'decision:stage')['id'], range: decision(itself, 'stage')['rows'][0]['range'] });
    expect(rejection(itself)).toBe('the stage decision reads decision:stage, which is not decided before it');
  });

  it('rejects things defined twice', () => {
    const predicates = graph();
    predicates['predicates'][1]['id'] = predicates['predicates'][0]['id'];
    expect(rejection(predicates)).toMatch(/^predicate p0 is defined twice$/);

    const sections = graph();
    sections['sections'][1]['name'] = 'fit';
    expect(rejection(sections)).toBe('section "fit" is defined twice');

    const lists = graph();
    lists['lists'].push(lists['lists'][0]);
    expect(rejection(lists)).toBe('two lists share an id');

    const decisions = graph();
    decision(decisions, 'grade')['name'] = 'stage';
    expect(rejection(decisions)).toMatch(/^decision stage is defined twice$/);
  });

  it('loadPolicy checks the graph the same way', () => {
    const ir = graph();
    ir['contributions'][0]['section'] = 'fitness';
    expect(() => loadPolicy(ir)).toThrow(IrError);
    expect(() => loadPolicy(ir)).toThrow('contribution c0 adds to the unknown section "fitness"');
    expect(loadPolicy(graph() as PolicyIr).score({ country: 'de', employees: 500 }, { now: '2026-06-01T00:00:00Z' })).toMatchObject({
      score: 10,
      stage: 'SQL',
      route: 'Sales',
    });
  });
});

/** A policy with a condition on a value of every type, for the type checks. */
const typedPolicy = `
field budget: number
field authority: boolean
field created: date
list dach = ["DE", "AT", "CH"]
fit:
  when title contains any ["CEO", "VP"] add 10
  when budget > 5 add 3
  when authority is true add 2
  when created within 30 days add 1
  when industry = "software" add 4
  when country in dach add 5
  when domain in ["acme.com"] add 1
  when visit page "/pricing*" add 5
stage "SQL" when fit >= 10 and fit > score
route "Sales" when stage = "SQL"
`;

function typedGraph(): Record<string, any> {
  const { ir, diagnostics } = compile(typedPolicy);
  expect(diagnostics).toEqual([]);
  return JSON.parse(JSON.stringify(ir)) as Record<string, any>;
}

const input = (ir: Record<string, any>, name: string) => (ir['inputs'] as Array<Record<string, any>>).find((i) => i['name'] === name)!;
const list = (ir: Record<string, any>, id: string) => (ir['lists'] as Array<Record<string, any>>).find((l) => l['id'] === id)!;
const indexOf = (ir: Record<string, any>, node: Record<string, any>) => (ir['predicates'] as unknown[]).indexOf(node);

/** The refusal of an ill-typed graph, the same from checkIr and from loading it with either backend. */
function typeRejection(ir: Record<string, any>): string {
  const message = rejection(ir);
  expect(message).toMatch(/^ill-typed rule graph: /);
  for (const backend of ['interpreter', 'generated'] as const) expect(() => loadPolicy(ir, { backend }), backend).toThrow(message);
  return message.slice('ill-typed rule graph: '.length);
}

describe('checkIr: types', () => {
  it('accepts a graph with a condition on a value of every type', () => {
    expect(() => checkIr(typedGraph())).not.toThrow();
  });

  it('rejects a text operator on a value that is not text', () => {
    // The generated backend threw `f14.includes is not a function` on the first lead with a budget.
    const number = typedGraph();
    const contains = predicate(number, 'text');
    contains['value'] = 'field:budget';
    expect(typeRejection(number)).toBe(`predicates.${indexOf(number, contains)}.value: \`contains\` reads text, but field:budget is a number`);

    const word = typedGraph();
    Object.assign(predicate(word, 'text'), { value: 'field:country', word: true, match: 'starts-with' });
    expect(typeRejection(word)).toMatch(/^predicates\.\d+\.value: `starts with word` reads text, but field:country is a country$/);

    // A stage row may read the score, but not look inside it.
    const total = typedGraph();
    const threshold = predicate(total, 'compare', 'section:fit');
    delete threshold['operator'];
    delete threshold['operand'];
    Object.assign(threshold, { op: 'text', match: 'ends-with', list: 'list:#0' });
    expect(typeRejection(total)).toMatch(/`ends with` reads text, but section:fit is a number$/);
  });

  it('rejects a comparison of numbers on a value that is not a number', () => {
    const text = typedGraph();
    predicate(text, 'compare', 'field:budget')['value'] = 'field:industry';
    expect(typeRejection(text)).toMatch(/^predicates\.\d+\.value: `>` reads a number, but field:industry is text$/);

    const decision = typedGraph();
    predicate(decision, 'compare', 'decision:stage')['operator'] = '<';
    expect(typeRejection(decision)).toMatch(/`<` reads a number, but decision:stage is text$/);

    const between = typedGraph();
    Object.assign(predicate(between, 'compare', 'field:budget'), { op: 'between', low: 1, high: 2, value: 'field:created' });
    delete predicate(between, 'between')['operator'];
    delete predicate(between, 'between')['operand'];
    expect(typeRejection(between)).toMatch(/`between` reads a number, but field:created is a date$/);

    const boolean = typedGraph();
    predicate(boolean, 'compare', 'field:industry')['value'] = 'field:authority';
    expect(typeRejection(boolean)).toMatch(/`=` reads text, a number or a country, but field:authority is true or false$/);
  });

  it('rejects an operand or a second value of another type', () => {
    const operand = typedGraph();
    predicate(operand, 'compare', 'field:budget')['operand'] = '5';
    expect(typeRejection(operand)).toMatch(/^predicates\.\d+\.operand: field:budget is a number, but "5" is text$/);

    const unnormalised = typedGraph();
    predicate(unnormalised, 'compare', 'field:industry')['operand'] = 'Software';
    expect(typeRejection(unnormalised)).toMatch(/operand: field:industry is text, but "Software" is not trimmed and in lower case, as text is compared$/);

    const country = typedGraph();
    Object.assign(predicate(country, 'compare', 'field:industry'), { value: 'field:country', operand: 'germany' });
    expect(typeRejection(country)).toMatch(/operand: field:country is a country, but "germany" is no ISO 3166-1 alpha-2 code in capitals, such as "DE"$/);

    const other = typedGraph();
    predicate(other, 'compare-values')['other'] = 'field:title';
    expect(typeRejection(other)).toMatch(/^predicates\.\d+\.other: section:fit is a number, but field:title is text$/);
  });

  it('rejects a list of another type than the value, and entries of another type than the list', () => {
    const text = typedGraph();
    predicate(text, 'in', 'field:country')['value'] = 'field:industry';
    expect(typeRejection(text)).toMatch(/^predicates\.\d+\.list: field:industry is text, but list:dach holds countries$/);

    const numbers = typedGraph();
    list(numbers, 'list:#0')['type'] = 'number';
    expect(typeRejection(numbers)).toBe('lists.0.values.0: list:#0 holds numbers, but "ceo" is text; predicates.0.list: field:title is text, but list:#0 holds numbers');

    const entry = typedGraph();
    list(entry, 'list:dach')['values'][2] = 'Switzerland';
    expect(typeRejection(entry)).toBe('lists.1.values.2: list:dach holds countries, but "Switzerland" is no ISO 3166-1 alpha-2 code in capitals, such as "DE"');

    const mixed = typedGraph();
    list(mixed, 'list:#1')['values'].push(42);
    expect(typeRejection(mixed)).toBe('lists.2.values.1: list:#1 holds text, but 42 is a number');
  });

  it('rejects `is true` on a value that is not true or false, and `is missing` on a total', () => {
    const text = typedGraph();
    predicate(text, 'is')['value'] = 'field:title';
    expect(typeRejection(text)).toMatch(/`is true` reads true or false, but field:title is text$/);

    const total = typedGraph();
    const threshold = predicate(total, 'compare', 'section:fit');
    delete threshold['operator'];
    delete threshold['operand'];
    Object.assign(threshold, { op: 'is', test: 'missing' });
    expect(typeRejection(total)).toMatch(/^predicates\.\d+\.value: section:fit always has a value, so `is missing` tests nothing$/);
  });

  it('rejects a date test on a value that is not a date', () => {
    for (const [op, words] of [
      ['date-within', 'within N days'],
      ['date-ago', 'more than N days ago'],
    ]) {
      const ir = typedGraph();
      Object.assign(predicate(ir, 'date-within'), { op, value: 'field:budget' });
      expect(typeRejection(ir)).toMatch(new RegExp(`\`${words}\` reads a date, but field:budget is a number$`));
    }
    const compare = typedGraph();
    const within = predicate(compare, 'date-within');
    delete within['days'];
    Object.assign(within, { op: 'date-compare', operator: '<', time: '2026-01-01T00:00:00.000Z', value: 'field:title' });
    expect(typeRejection(compare)).toMatch(/`before` reads a date, but field:title is text$/);
  });

  it('rejects an event pattern that is not normalised, which would match no event', () => {
    for (const part of ['verb', 'object', 'glob']) {
      const ir = typedGraph();
      const event = predicate(ir, 'event');
      event['match'][part] = ` ${String(event['match'][part]).toUpperCase()}`;
      expect(typeRejection(ir)).toMatch(new RegExp(`^predicates\\.\\d+\\.match\\.${part}: " [A-Z/*]+" is not trimmed and in lower case, as events are matched$`));
    }
  });

  it('rejects a derived value read from a total, a decision, or a field that is not text', () => {
    // The generated backend read `score` before the rules had computed it, and threw.
    for (const late of ['score', 'section:fit', 'decision:stage']) {
      const ir = typedGraph();
      ir['derived'][0]['from'] = late;
      expect(rejection(ir)).toBe(`derived value derived:domain reads ${late}, which is not an input`);
    }
    const number = typedGraph();
    number['derived'][0]['explicit'] = 'field:budget';
    expect(typeRejection(number)).toBe('derived.0.explicit: derived:domain is the domain of an e-mail address, read from a text field, but field:budget is a number');

    const retyped = typedGraph();
    input(retyped, 'email')['type'] = 'number';
    expect(typeRejection(retyped)).toBe('derived.0.from: derived:domain is the domain of an e-mail address, read from a text field, but field:email is a number');
  });

  it('rejects an input defined twice, or whose id does not name its field', () => {
    const twice = typedGraph();
    twice['inputs'].push({ ...input(twice, 'budget'), type: 'text' });
    expect(rejection(twice)).toBe('input field:budget is defined twice');

    const renamed = typedGraph();
    input(renamed, 'budget')['name'] = 'spend';
    expect(rejection(renamed)).toBe('input field:budget reads the field "spend"; its id must be field:spend');
  });

  it('reports at most five type problems, and how many more there are', () => {
    const ir = typedGraph();
    for (const node of ir['predicates'] as Array<Record<string, any>>) if (node['op'] === 'compare' || node['op'] === 'text') node['value'] = 'field:authority';
    list(ir, 'list:dach')['values'] = [1];
    list(ir, 'list:#1')['values'] = [2];
    const message = typeRejection(ir);
    expect(message.split('; ')).toHaveLength(6);
    expect(message).toMatch(/; and \d+ more$/);
  });
});

describe('runtime/', () => {
  it('imports nothing from language/ or compiler/, and no package but ajv', () => {
    const dir = import.meta.dirname;
    const sources = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    expect(sources).toContain('load-policy.ts');
    const specifiers: string[] = [];
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(/(?:^|\s)(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
        specifiers.push(`${file}: ${match[1] ?? match[2] ?? match[3]}`);
      }
    }
    expect(specifiers.length).toBeGreaterThan(10);
    const outside = specifiers.filter((entry) => {
      const specifier = entry.slice(entry.indexOf(': ') + 2);
      return !(specifier.startsWith('./') && !specifier.slice(2).includes('/')) && specifier !== 'ajv';
    });
    expect(outside).toEqual([]);
  });
});
