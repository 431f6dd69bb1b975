import { describe, expect, it } from 'vitest';
import { loadPolicy, type Policy } from '../runtime/index.js';
import { compile } from '../compiler/index.js';
import type { LeadInput } from '../leads/index.js';
import { bucketBounds, compareResults, impactOf, matchRules, median, renderImpactMarkdown, renderImpactText, scoreUnderBoth } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

function policyOf(text: string): Policy {
  const { ir, diagnostics } = compile(text);
  if (!ir) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return loadPolicy(ir);
}

const base = `fit:
  when title contains "CTO" add 10
  when employees >= 50 add 5

stage "MQL" when score >= 12
stage "Nurture" otherwise
`;

const leads = (...values: object[]): LeadInput[] => values.map((lead, index) => ({ line: index + 1, id: (lead as { id?: string }).id ?? null, lead }));

describe('matchRules', () => {
  it('pairs rules by text and section; a new point value on the same line is "changed"', () => {
    const changed = base.replace('add 10', 'add 20');
    const { changes, pairs } = matchRules(policyOf(base).ir, policyOf(changed).ir);
    expect(changes).toEqual([
      {
        kind: 'changed',
        old: { id: 'c0', rule: 'when title contains "CTO" add 10', line: 2, section: 'fit' },
        new: { id: 'c0', rule: 'when title contains "CTO" add 20', line: 2, section: 'fit' },
        what: ['points 10 → 20'],
      },
    ]);
    expect(pairs.size).toBe(2);
  });

  it('a rule that moved keeps its identity when its text is the same; new and dropped rules are added and removed', () => {
    const moved = `fit:
  when country = "DE" add 3
  when employees >= 50 add 5
  when title contains "CTO" add 10
`;
    const { changes } = matchRules(policyOf(base).ir, policyOf(moved).ir);
    expect(changes.map((c) => c.kind)).toEqual(['added']);
    expect(changes[0]).toMatchObject({ kind: 'added', new: { rule: 'when country = "DE" add 3', line: 2 } });
  });

  it('a changed condition on the same line is a removal and an addition, not a change', () => {
    const other = base.replace('employees >= 50', 'employees >= 500');
    const { changes } = matchRules(policyOf(base).ir, policyOf(other).ir);
    expect(changes.map((c) => [c.kind, c.kind === 'added' ? c.new.rule : c.kind === 'removed' ? c.old.rule : ''])).toEqual([
      ['removed', 'when employees >= 50 add 5'],
      ['added', 'when employees >= 500 add 5'],
    ]);
  });

  it('the same condition in another place with new points is "changed", when it is the only one', () => {
    const other = `fit:
  when employees >= 50 add 7

  when title contains "CTO" add 10
`;
    const { changes } = matchRules(policyOf(base).ir, policyOf(other).ir);
    expect(changes).toMatchObject([{ kind: 'changed', old: { line: 3 }, new: { line: 2 }, what: ['points 5 → 7'] }]);
  });

  it('a rule of the same text whose list changed is "changed" (condition)', () => {
    const before = `list big = ["acme.com"]\nfit:\n  when domain in big add 5\n`;
    const after = `list big = ["acme.com", "globex.io"]\nfit:\n  when domain in big add 5\n`;
    expect(matchRules(policyOf(before).ir, policyOf(after).ir).changes).toMatchObject([{ kind: 'changed', what: ['condition'] }]);
    expect(matchRules(policyOf(before).ir, policyOf(before).ir).changes).toEqual([]);
  });
});

describe('named rules', () => {
  const named = `fit:
  when title contains any ["CTO", "CEO"] add 10 as "Executive"
  when employees >= 50 add 5

stage "MQL" when score >= 12
stage "Nurture" otherwise
`;

  it('a rule keeps its identity by its name, whatever else changed, even its section', () => {
    const after = `# moved and rewritten
engagement:
  when request demo add 1

fit:
  when employees >= 50 add 5
when title contains any word ["CTO", "CEO", "VP"] add 12 as "Executive"

stage "MQL" when score >= 12
stage "Nurture" otherwise
`;
    const { changes } = matchRules(policyOf(named).ir, policyOf(after).ir);
    expect(changes).toMatchObject([
      { kind: 'changed', old: { name: 'Executive', line: 2, section: 'fit' }, new: { name: 'Executive', line: 7, section: null }, what: ['condition', 'points 10 → 12'] },
      { kind: 'added', new: { rule: 'when request demo add 1' } },
    ]);
  });

  it('the report calls a named rule by its name', () => {
    const before = policyOf(named);
    const after = policyOf(named.replace('add 10 as "Executive"', 'add 20 as "Executive"'));
    const report = impactOf(before, after, leads({ id: 'a', title: 'CTO' }), { now, top: 10 });
    const text = renderImpactText(report, { old: 'old.score', new: 'new.score', leads: 'leads.jsonl', now });
    expect(text).toContain('      line 2 "Executive": +10 → +20\n');
    expect(text).toContain(
      '  changed  fit, line 2 "Executive": when title contains any ["CTO", "CEO"] add 10 as "Executive"  ⇒  when title contains any ["CTO", "CEO"] add 20 as "Executive" (points 10 → 20)\n',
    );
  });
});

describe('compareResults', () => {
  const cto = { id: 'cto', title: 'CTO', employees: 100 };
  const small = { id: 'small', title: 'CTO', employees: 10 };
  const other = { id: 'other', title: 'Clerk', employees: 100 };

  it('counts transitions of stage, buckets the score changes and names the rules responsible', () => {
    const before = policyOf(base);
    const after = policyOf(base.replace('add 10', 'add 2'));
    const report = impactOf(before, after, leads(cto, small, other), { now, top: 10 });
    expect(report.leads).toBe(3);
    expect(report.scored).toBe(3);
    expect(report.changed).toEqual({ score: 2, grade: 0, stage: 1, route: 0 });
    expect(report.transitions.stage).toEqual([{ from: 'MQL', to: 'Nurture', count: 1 }]);
    expect(report.scoreChanges).toEqual({
      buckets: [
        { label: '< -20', count: 0 },
        { label: '-20..-5', count: 2 },
        { label: '-5..0', count: 0 },
        { label: '0', count: 1 },
        { label: '0..5', count: 0 },
        { label: '5..20', count: 0 },
        { label: '> 20', count: 0 },
      ],
      min: -8,
      median: -8,
      max: 0,
    });
    expect(report.top.map((lead) => [lead.id, lead.oldScore, lead.newScore, lead.change])).toEqual([
      ['cto', 15, 7, -8],
      ['small', 10, 2, -8],
    ]);
    expect(report.top[0]?.old.stage).toBe('MQL');
    expect(report.top[0]?.new.stage).toBe('Nurture');
    expect(report.top[0]?.rules).toEqual([
      {
        old: { rule: 'when title contains "CTO" add 10', line: 2, points: 10, fired: true },
        new: { rule: 'when title contains "CTO" add 2', line: 2, points: 2, fired: true },
        section: 'fit',
        change: -8,
      },
    ]);
  });

  it('lists the largest changes first, at most --top of them', () => {
    const before = policyOf(base);
    const after = policyOf(`fit:\n  when title contains "CTO" add 30\n  when employees >= 50 add 6\n\nstage "MQL" when score >= 12\nstage "Nurture" otherwise\n`);
    const report = impactOf(before, after, leads(other, small, cto), { now, top: 2 });
    expect(report.top.map((lead) => [lead.id, lead.change])).toEqual([
      ['cto', 21],
      ['small', 20],
    ]);
  });

  it('counts and lists leads that fail under either policy, never dropping them', () => {
    const before = policyOf(base);
    const after = policyOf(`field seats: number\n${base}`);
    const input: LeadInput[] = [...leads(cto, { id: 'bad', seats: 'many' }), { line: 3, id: null, error: 'not valid JSON: Unexpected token' }];
    const report = impactOf(before, after, input, { now, top: 10 });
    expect(report.leads).toBe(3);
    expect(report.scored).toBe(1);
    expect(report.failed).toEqual([
      { line: 2, id: 'bad', new: '`seats` must be a number, got the text "many"' },
      { line: 3, id: null, old: 'not valid JSON: Unexpected token', new: 'not valid JSON: Unexpected token' },
    ]);
  });

  it('a rule added or removed that fired for a lead is responsible for its change', () => {
    const before = policyOf(base);
    const after = policyOf(base.replace('  when employees >= 50 add 5\n', '  when employees >= 50 add 5\n  when title contains "C" add 1\n'));
    const pairs = scoreUnderBoth(before, after, leads(cto), now);
    const report = compareResults(pairs, matchRules(before.ir, after.ir), { top: 10 });
    expect(report.top[0]?.rules).toEqual([{ old: null, new: { rule: 'when title contains "C" add 1', line: 4, points: 1, fired: true }, section: 'fit', change: 1 }]);
  });

  it('has no score distribution when no lead could be scored', () => {
    const policy = policyOf(base);
    expect(impactOf(policy, policy, [], { now, top: 10 }).scoreChanges).toBeNull();
  });
});

describe('buckets and median', () => {
  it('puts each change in exactly one bucket, with the edges where the labels say', () => {
    const at = (change: number) => bucketBounds.filter((b) => b.test(change)).map((b) => b.label);
    expect([-25, -20, -5, -0.01, 0, 0.01, 5, 5.01, 20, 20.01].map(at)).toEqual([
      ['< -20'],
      ['-20..-5'],
      ['-5..0'],
      ['-5..0'],
      ['0'],
      ['0..5'],
      ['0..5'],
      ['5..20'],
      ['5..20'],
      ['> 20'],
    ]);
  });

  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([1, 2, 9])).toBe(2);
    expect(median([1, 2, 4, 9])).toBe(3);
  });
});

describe('the Markdown report: user-provided text cannot become Markdown', () => {
  it('escapes links, images, HTML, emphasis, table borders, mentions and issue references in ids and labels', () => {
    const hostile = `fit:\n  when title contains word "CTO" add 10\n\nstage "[click](https://evil.example) <img src=x onerror=alert(1)> @team #12 | **x**" when score >= 10\nstage "Nurture" otherwise\n`;
    const before = policyOf(hostile.replace('add 10', 'add 1'));
    const after = policyOf(hostile);
    const id = '![x](https://evil.example/x.png)\n@admin <b>|';
    const report = impactOf(before, after, leads({ id, title: 'CTO' }), { now, top: 10 });
    const markdown = renderImpactMarkdown(report, { old: 'old.score', new: 'new.score', leads: 'leads.jsonl', now });
    const table = markdown.split('\n').filter((line) => line.startsWith('| stage') || line.startsWith('| \\!'));
    expect(table).toEqual([
      '| stage | Nurture | \\[click\\]\\(https\\:\\/\\/evil\\.example\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\@\u200bteam \\#\u200b12 \\| \\*\\*x\\*\\* | 1 |',
      '| \\!\\[x\\]\\(https\\:\\/\\/evil\\.example\\/x\\.png\\) \\@\u200badmin \\<b\\>\\| | 1 | 10 | +9 | stage Nurture → \\[click\\]\\(https\\:\\/\\/evil\\.example\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\@\u200bteam \\#\u200b12 \\| \\*\\*x\\*\\* | line 2: `when title contains word "CTO" add 10` (was: `when title contains word "CTO" add 1`): +1 → +10 |',
    ]);
    // Outside code spans, no raw `<`, `[`, `@` or unescaped `|` from the policy or the leads is left.
    expect(markdown).not.toMatch(/(?<!\\)<img|(?<!\\)\[click|(?<!\\)@admin/);
  });
});
