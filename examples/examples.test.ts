import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';

const here = import.meta.dirname;
const readJsonl = (file: string) =>
  readFileSync(join(here, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('examples', () => {
  for (const file of readdirSync(here).filter((name) => name.endsWith('.score') && !name.endsWith('.test.score'))) {
    it(`${file} compiles without diagnostics`, () => {
      const result = compile(readFileSync(join(here, file), 'utf8'));
      expect(result.diagnostics).toEqual([]);
      expect(result.ir).toBeDefined();
    });
  }

  it('the reference policy scores the acceptance leads exactly', () => {
    const { ir } = compile(readFileSync(join(here, 'b2b-saas.score'), 'utf8'));
    const policy = loadPolicy(ir);
    const expected = readJsonl('expected.jsonl');
    const actual = readJsonl('leads.jsonl').map((lead) => {
      const { reasons: _reasons, policy: _policy, ...result } = policy.score(lead, { now: '2026-11-23T12:00:00Z' });
      return result;
    });
    expect(actual).toEqual(expected);
  });

  // The C-level rule matches whole words: a substring test would give "Sales Director" (direCTOr)
  // the C-level points, and a title without an abbreviation ("Chief Revenue Officer") none.
  it('gives the C-level points to whole-word titles only', () => {
    const source = readFileSync(join(here, 'b2b-saas.score'), 'utf8');
    const policy = loadPolicy(compile(source).ir!);
    const fit = (title: string) => policy.score({ id: title, title }, { now: '2026-11-23T12:00:00Z' }).reasons.filter((reason) => reason.line === 8).length;
    expect(['CTO', 'cto ', 'CTO & Co-Founder', 'VP Sales', 'SVP, Head of Marketing', 'Chief Revenue Officer'].map(fit)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(['Sales Director', 'Director of IT', 'Doctor', 'Headcount Planner'].map(fit)).toEqual([0, 0, 0, 0]);
    const substring = compile(source.replace('contains any word [', 'contains any ['));
    expect(substring.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['LS5007 "CTO" also matches inside other words, such as "director"']);
  });
});
