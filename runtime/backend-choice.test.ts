import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from './index.js';
import { generatedBackendLimit } from './load-policy.js';

const rules = (count: number) => `fit:\n${Array.from({ length: count }, (_, i) => `  when employees > ${i} add 1`).join('\n')}\n`;

describe('the backend auto picks', () => {
  it('is the generated code for a policy of usual size', () => {
    expect(loadPolicy(compile(rules(10)).ir!).backend).toBe('generated');
  });

  it('is the interpreter beyond the limit, scoring as the generated code does', { timeout: 60_000 }, () => {
    const count = generatedBackendLimit / 2 + 1;
    const { ir } = compile(rules(count));
    expect(ir!.contributions.length + ir!.predicates.length).toBeGreaterThan(generatedBackendLimit);
    const auto = loadPolicy(ir);
    expect(auto.backend).toBe('interpreter');
    const generated = loadPolicy(ir, { backend: 'generated' });
    const lead = { id: 'a', employees: 1234 };
    const now = '2026-11-23T12:00:00Z';
    expect(auto.score(lead, { now }).score).toBe(1234);
    expect(generated.score(lead, { now })).toEqual(auto.score(lead, { now }));
  });
});
