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
