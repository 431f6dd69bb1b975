import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { generatePolicy } from './policy-generator.js';

describe('generatePolicy', () => {
  it.each([10, 100, 1000])('writes a %i-rule policy that compiles without errors and loads', (rules) => {
    const { ir, diagnostics } = compile(generatePolicy(rules), { fileName: 'generated.score' });
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(ir!.contributions).toHaveLength(rules);
    expect(ir!.decisions.map((decision) => decision.name)).toEqual(['grade', 'stage', 'route']);
    const policy = loadPolicy(ir!);
    expect(policy.score({ id: 'L1', events: [{ type: 'open', object: 'email', at: '2026-11-20T00:00:00Z' }] }, { now: '2026-11-23T12:00:00Z' }).id).toBe('L1');
  });

  it('uses every kind of rule the language has', () => {
    const text = generatePolicy(1000);
    for (const phrase of [
      'each, at most',
      'times within',
      'no ',
      'between',
      'contains any',
      'starts with',
      'is missing',
      'is true',
      'not (',
      'decay half-life',
      'blacklist',
      '"/pricing*"',
    ])
      expect(text, phrase).toContain(phrase);
  });

  it('gives the same text for the same size', () => {
    expect(generatePolicy(100)).toBe(generatePolicy(100));
    expect(generatePolicy(100)).not.toBe(generatePolicy(101));
  });
});
