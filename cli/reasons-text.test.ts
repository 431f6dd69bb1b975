import { describe, expect, it } from 'vitest';
import type { Reason } from '../runtime/index.js';
import { conditionOf, matchedCondition, noReasons, reasonsText } from './reasons-text.js';

const reason = (rule: string, points: number, line: number, extra: Partial<Reason> = {}): Reason => ({ rule, line, section: 'fit', points, ...extra });

describe('conditionOf', () => {
  it.each([
    ['when request demo add 40', 'request demo'],
    ['when open email add 5 each, at most 15', 'open email'],
    ['when open email add 5 each at most 1.5k', 'open email'],
    ['when visit page "/pricing*" 3 times within 14 days add 20', 'visit page "/pricing*" 3 times within 14 days'],
    ['when phone is missing subtract 5', 'phone is missing'],
    ['when domain in competitors blacklist', 'domain in competitors'],
    ['when revenue >= 10M add 2.5', 'revenue >= 10M'],
    ['when title = "add 5"  add 5', 'title = "add 5"'],
    ['when request demo add 40 as "Demo \\"asked\\""', 'request demo'],
    ['when domain in competitors blacklist as "Competitor"', 'domain in competitors'],
  ])('%j → %j', (rule, condition) => expect(conditionOf(rule)).toBe(condition));

  it('cuts a long list written in place to its first entries; strings holding brackets or commas are left whole', () => {
    expect(conditionOf('when title contains any ["CEO", "CTO", "CMO", "VP", "Head of", "Founder"] add 15')).toBe('title contains any ["CEO", "CTO", "CMO", "VP", …]');
    expect(conditionOf('when title contains any ["CEO", "CTO", "CMO", "VP", "Head of"] add 15')).toBe('title contains any ["CEO", "CTO", "CMO", "VP", "Head of"]');
    expect(conditionOf('when industry in ["a, very long [industry] name that goes on", "b"] add 1')).toBe('industry in ["a, very long [industry] name that goes on", …]');
    expect(conditionOf('when note = "[not a list, though it is long enough to be cut]" add 1')).toBe('note = "[not a list, though it is long enough to be cut]"');
  });

  it('keeps a rule it cannot take apart as it is, on one line', () => {
    expect(conditionOf('when fit >= 10\n    and engagement >= 5 add 3 points')).toBe('fit >= 10 and engagement >= 5 add 3 points');
  });
});

describe('matchedCondition', () => {
  it('writes each list condition that matched with its entry, and leaves the rest of the condition', () => {
    expect(matchedCondition('when title contains any ["CEO", "CTO", "CMO", "VP", "Head of"] add 15', [{ field: 'title', operator: 'contains', entry: 'VP' }])).toBe(
      'title contains "VP"',
    );
    expect(
      matchedCondition('when title contains any word ["CEO", "VP"] and country in dach and employees > 50 add 15 as "x"', [
        { field: 'title', operator: 'contains word', entry: 'VP' },
        { field: 'country', operator: 'in', entry: 'AT', list: 'dach' },
      ]),
    ).toBe('title contains word "VP" and country = "AT" and employees > 50');
    expect(matchedCondition('when email ends with any [".io", "]x"] or sub_domain in big add 1', [{ field: 'domain', operator: 'in', entry: 'acme.com', list: 'big' }])).toBe(
      'email ends with any [".io", "]x"] or sub_domain in big (domain = "acme.com")',
    );
    expect(matchedCondition('when employees in [10, 50] add 1', [{ field: 'employees', operator: 'in', entry: 50 }])).toBe('employees = 50');
  });
});

describe('reasonsText', () => {
  const reasons = [
    reason('when employees between 50 and 1000 add 10', 10, 10),
    reason('when request demo add 40', 39.54, 21, { section: 'engagement', events: 1 }),
    reason('when domain in freemail subtract 10', -10, 14),
    reason('when open email add 5 each, at most 15', 15, 17, { section: 'engagement', events: 4 }),
    reason('when title contains "CTO" add 10', 10, 8),
  ];

  it('puts the most important first (by the size of the points, then in rule order), condition then signed points', () => {
    expect(reasonsText(reasons)).toBe('request demo: +39.54; open email: +15 (4 events); title contains "CTO": +10; employees between 50 and 1000: +10; domain in freemail: -10');
  });

  it('a blacklist comes first; a lead without reasons says so (an empty cell would keep the old text in a CRM)', () => {
    expect(
      reasonsText([reason('when unsubscribe subtract 30', -30, 26, { section: null }), reason('when domain in competitors blacklist', 0, 25, { section: null, blacklist: true })]),
    ).toBe('domain in competitors: blacklist; unsubscribe: -30');
    expect(reasonsText([])).toBe(noReasons);
  });

  it('names the entry that matched instead of the whole list, and a named rule by its name', () => {
    expect(
      reasonsText([
        reason('when title contains any ["CEO", "CTO", "CMO", "VP", "Head of"] add 15', 15, 8, { matched: [{ field: 'title', operator: 'contains', entry: 'VP' }] }),
        reason('when domain in freemail subtract 10', -10, 14, { matched: [{ field: 'domain', operator: 'in', entry: 'gmail.com', list: 'freemail' }] }),
      ]),
    ).toBe('title contains "VP": +15; domain = "gmail.com": -10');
    expect(
      reasonsText([
        reason('when title contains any ["CEO", "VP"] add 15 as "C-level title"', 15, 8, {
          name: 'C-level title',
          matched: [{ field: 'title', operator: 'contains', entry: 'VP' }],
        }),
        reason('when request demo add 40 as "Demo"', 40, 9, { name: 'Demo', events: 2 }),
      ]),
    ).toBe('Demo: +40 (2 events); C-level title (title contains "VP"): +15');
  });

  it('never starts with a sign or another character a spreadsheet takes for a formula', () => {
    expect(reasonsText([reason('when phone is missing subtract 5', -5, 3)])).toBe('phone is missing: -5');
  });

  it('past the cap, keeps the reasons that fit whole and counts the rest', () => {
    const text = reasonsText(reasons, 60);
    expect(text).toBe('request demo: +39.54; open email: +15 (4 events); … (3 more)');
    expect(text.length).toBeLessThanOrEqual(60);
    expect(reasonsText(reasons, 59)).toBe('request demo: +39.54; … (4 more)');
  });

  it('cuts the first reason itself when not even it fits, counting characters, not UTF-16 units', () => {
    expect(reasonsText(reasons, 20)).toBe('request de… (4 more)');
    const emoji = [reason('when note = "🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀" add 1', 1, 1)];
    const cut = reasonsText(emoji, 20);
    expect([...cut]).toHaveLength(20);
    expect(cut).toBe('note = "🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀…');
  });
});
