import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTestFile } from '../language/test-syntax/index.js';
import { loadPolicy } from '../runtime/index.js';
import { compile } from '../compiler/index.js';
import { renderDiagnostics } from '../compiler/render.js';
import { runTestFile } from './index.js';

/**
 * What a person sees for a broken test file: the rendered diagnostics, kept as
 * golden files in __golden__ (the test files themselves are written here, so that
 * `leadscore test` in the repository never picks them up).
 */
const golden = (name: string) => join(import.meta.dirname, '__golden__', name);

const syntaxErrors = `# A test file with a mistake on almost every line.
now 2026-11-23T12:00:00Z

test "CTO with a demo request"
  lead
    title CTO
    employees 10m
    company 'Acme'
    events
      request demo yesterday
      open email 0 times 1 day ago
  expect stage SQL
  expect rule at line 21 fire

expect score 10

test "no lead"
  expect score 1
`;

const policyErrors = `now 2026-11-23T12:00:00Z

test "typos against examples/b2b-saas.score"
  lead
    titel "CTO"
    employees "200"
    events
      open email at 2026-11-31T12:00:00Z
  expect engagment 10
  expect rule at line 16 fired
  expect rule "Demo request" fired

test "forgot now"
  now 2026-11-23T25:00:00Z
  lead
    title "CTO"
  expect score 15
`;

describe('rendered diagnostics of broken test files (golden files)', () => {
  it('syntax: every broken line reported, with carets', async () => {
    const { diagnostics } = parseTestFile(syntaxErrors);
    const rendered = renderDiagnostics(diagnostics, syntaxErrors, { fileName: 'b2b-saas.test.score' });
    await expect(rendered).toMatchFileSnapshot(golden('syntax-errors.txt'));
  });

  it('against the policy: unknown fields and sections, wrong types, bad times, lines without rules, unknown rule names', async () => {
    const parsed = parseTestFile(policyErrors);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['LT1006']);
    const policy = loadPolicy(compile(readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8')).ir);
    const { diagnostics } = runTestFile(parsed.file, policyErrors, () => policy);
    const rendered = renderDiagnostics(diagnostics, policyErrors, { fileName: 'b2b-saas.test.score' });
    await expect(rendered).toMatchFileSnapshot(golden('policy-errors.txt'));
  });
});
