import { describe, expect, it } from 'vitest';
import type * as ast from './ast.js';
import { lex } from './lexer.js';
import { maxNestingDepth, parse } from './parser.js';
import type { Range } from './source.js';
import * as t from './tokens.js';

/** `line:column-line:column`, the end exclusive. */
const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

/** The AST without ranges, to compare shapes. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'range' && key !== 'keyword')
        .map(([key, inner]) => [key, shape(inner)]),
    );
  }
  return value;
}

/** A condition as a compact S-expression, to read precedence at a glance. */
function sexpr(condition: ast.Condition): string {
  const literal = (value: ast.Literal | ast.Identifier | ast.ListOperand | ast.StringLiteral): string => {
    switch (value.kind) {
      case 'String':
        return JSON.stringify(value.value);
      case 'Number':
        return String(value.value);
      case 'Identifier':
        return value.name;
      case 'ListLiteral':
        return `[${value.items.map(literal).join(' ')}]`;
    }
  };
  const event = (e: ast.EventPattern) =>
    [e.verb.name, e.object?.name, e.glob && JSON.stringify(e.glob.value), e.times && `${e.times.value}x`, e.within && `${e.within.value}d`].filter(Boolean).join(' ');
  switch (condition.kind) {
    case 'Comparison':
      return `(${condition.operator} ${condition.subject.name} ${literal(condition.value)})`;
    case 'Between':
      return `(between ${condition.subject.name} ${condition.low.value} ${condition.high.value})`;
    case 'InList':
      return `(${condition.negated ? 'not-in' : 'in'} ${condition.subject.name} ${literal(condition.list)})`;
    case 'TextMatch':
      return `(${condition.operator}${condition.any ? ' any' : ''} ${condition.subject.name} ${literal(condition.value)})`;
    case 'Is':
      return `(is-${condition.test} ${condition.subject.name})`;
    case 'DateCompare':
      return `(${condition.operator} ${condition.subject.name} ${literal(condition.value)})`;
    case 'DateAgo':
      return `(ago ${condition.subject.name} ${condition.days.value}d)`;
    case 'EventPattern':
      return `(event ${event(condition)})`;
    case 'NoActivity':
      return `(no ${event(condition.event)} for ${condition.days.value}d)`;
    case 'Group':
      return `{${sexpr(condition.condition)}}`;
    case 'Quantified':
      return `(quantified ${sexpr(condition.condition)}${condition.times ? ` ${condition.times.value}x` : ''}${condition.within ? ` ${condition.within.value}d` : ''})`;
    case 'Not':
      return `(not ${sexpr(condition.operand)})`;
    case 'And':
    case 'Or':
      return `(${condition.kind.toLowerCase()} ${condition.operands.map(sexpr).join(' ')})`;
  }
}

function parsed(text: string) {
  const result = parse(text);
  return { ...result, codes: result.diagnostics.map((d) => `${d.code} ${span(d.range)}`) };
}

/** The statements of a policy that must parse without diagnostics. */
function statements(text: string): ast.Statement[] {
  const result = parse(text);
  expect(result.diagnostics).toEqual([]);
  return result.program.statements;
}

function rule(text: string): ast.Rule {
  const [statement] = statements(text);
  expect(statement?.kind).toBe('Rule');
  return statement as ast.Rule;
}

/** The condition of `when CONDITION add 1`, as an S-expression. */
function condition(text: string): string {
  return sexpr(rule(`when ${text} add 1`).condition);
}

describe('declarations', () => {
  it('parses the policy header', () => {
    expect(shape(statements('policy "B2B SaaS inbound"'))).toEqual([{ kind: 'PolicyHeader', name: { kind: 'String', value: 'B2B SaaS inbound' } }]);
  });

  it('parses the policy header with a version', () => {
    expect(shape(statements('policy "Inbound" version "2026.11"'))).toEqual([
      { kind: 'PolicyHeader', name: { kind: 'String', value: 'Inbound' }, version: { kind: 'String', value: '2026.11' } },
    ]);
    expect(parse('policy "Inbound" version\n').diagnostics.map((d) => d.message)).toEqual(['expected a string, found the end of the line']);
    expect(parse('policy "Inbound" version 3\n').diagnostics.map((d) => d.message)).toEqual(['expected a string, found `3`']);
  });

  it('parses a list of strings and a list of numbers', () => {
    const [strings, numbers] = statements('list dach = ["DE", "AT", "CH"]\nlist sizes = [10, 2.5k]') as ast.ListDeclaration[];
    expect(strings!.name.name).toBe('dach');
    expect(strings!.items.items.map((item) => item.kind === 'String' && item.value)).toEqual(['DE', 'AT', 'CH']);
    expect(numbers!.items.items.map((item) => item.kind === 'Number' && item.value)).toEqual([10, 2500]);
  });

  it('parses an empty list', () => {
    const [list] = statements('list none = []') as ast.ListDeclaration[];
    expect(list!.items.items).toEqual([]);
  });

  it('parses a list over several lines, with a trailing comma', () => {
    const text = 'list freemail = [\n  "gmail.com",\n  "web.de",\n]\nwhen domain in freemail subtract 10';
    const [list, next] = statements(text);
    expect(list!.kind).toBe('ListDeclaration');
    expect((list as ast.ListDeclaration).items.items.map((item) => item.kind === 'String' && item.value)).toEqual(['gmail.com', 'web.de']);
    expect(span(list!.range)).toBe('1:1-4:2');
    expect(next!.kind).toBe('Rule');
    expect(span(next!.range)).toBe('5:1-5:36');
  });

  it('accepts a trailing comma on one line too', () => {
    const [list] = statements('list a = ["x",]') as ast.ListDeclaration[];
    expect(list!.items.items).toHaveLength(1);
  });

  it('parses a field declaration', () => {
    expect(shape(statements('field plan: text'))).toEqual([
      { kind: 'FieldDeclaration', name: { kind: 'Identifier', name: 'plan' }, type: { kind: 'Identifier', name: 'text' }, sources: [] },
    ]);
  });

  it('parses event declarations with none, one and several objects', () => {
    const declared = statements('event churn\nevent login app\nevent create project, workspace') as ast.EventDeclaration[];
    expect(declared.map((e) => [e.verb.name, e.objects.map((o) => o.name)])).toEqual([
      ['churn', []],
      ['login', ['app']],
      ['create', ['project', 'workspace']],
    ]);
  });

  it('reads numbers with their suffix and sign', () => {
    const values = ['10', '1.5', '-5', '10k', '2.5M', '1B', '1.1M', '-0.5k'].map((raw) => {
      const rule = statements(`when revenue > ${raw} add 1`)[0] as ast.Rule;
      const value = (rule.condition as ast.Comparison).value as ast.NumberLiteral;
      return [value.raw, value.value];
    });
    expect(values).toEqual([
      ['10', 10],
      ['1.5', 1.5],
      ['-5', -5],
      ['10k', 10_000],
      ['2.5M', 2_500_000],
      ['1B', 1_000_000_000],
      ['1.1M', 1_100_000],
      ['-0.5k', -500],
    ]);
  });

  it('unquotes strings and their escapes', () => {
    const rule = statements(String.raw`when title = "a \"b\" \\ c\n\t" add 1`)[0] as ast.Rule;
    expect(((rule.condition as ast.Comparison).value as ast.StringLiteral).value).toBe('a "b" \\ c\n\t');
  });
});

describe('sections', () => {
  it('groups the indented lines under `name:` into the section', () => {
    const [fit, engagement] = statements(
      'fit:\n  when title contains "CTO" add 15\n  when employees between 50 and 1000 add 10\n\nengagement:\n  when open email add 5 each, at most 15\n  decay half-life 60 days\n',
    ) as ast.Section[];
    expect(fit!.name.name).toBe('fit');
    expect(fit!.items.map((item) => item.kind)).toEqual(['Rule', 'Rule']);
    expect(span(fit!.range)).toBe('1:1-3:44');
    expect(engagement!.items.map((item) => item.kind)).toEqual(['Rule', 'Decay']);
    expect((engagement!.items[1] as ast.DecayDeclaration).halfLife.value).toBe(60);
  });

  it('closes the section at the first line that is not indented', () => {
    const [section, rule] = statements('fit:\n  when title = "CTO" add 15\nwhen unsubscribe subtract 30');
    expect((section as ast.Section).items).toHaveLength(1);
    expect(rule!.kind).toBe('Rule');
  });

  it('keeps a section open across blank and comment-only lines', () => {
    const [section, ...rest] = statements('fit:\n  when title = "a" add 1\n\n# a comment\n   # an indented comment\n  when title = "b" add 2');
    expect((section as ast.Section).items).toHaveLength(2);
    expect(rest).toEqual([]);
  });

  it('accepts tabs as indentation', () => {
    const [section] = statements('fit:\n\twhen title = "a" add 1');
    expect((section as ast.Section).items).toHaveLength(1);
  });

  it('takes soft keywords as section names', () => {
    const [section] = statements('activity:\n  when open email add 1') as ast.Section[];
    expect(section!.name.name).toBe('activity');
  });

  it('parses a section with no lines under it', () => {
    const [section] = statements('fit:') as ast.Section[];
    expect(section!.items).toEqual([]);
  });
});

describe('rules', () => {
  it('parses add, subtract and blacklist', () => {
    expect(statements('when download whitepaper add 20\nwhen phone is missing subtract 5\nwhen domain in competitors blacklist').map((s) => (s as ast.Rule).effect.kind)).toEqual([
      'add',
      'subtract',
      'blacklist',
    ]);
  });

  it('parses the user’s own two examples verbatim', () => {
    expect(shape(statements('when download whitepaper add 20\nwhen domain in competitors blacklist'))).toEqual([
      {
        kind: 'Rule',
        condition: { kind: 'EventPattern', verb: { kind: 'Identifier', name: 'download' }, object: { kind: 'Identifier', name: 'whitepaper' } },
        effect: { kind: 'add', amount: { kind: 'Number', value: 20, raw: '20' } },
      },
      {
        kind: 'Rule',
        condition: { kind: 'InList', subject: { kind: 'Identifier', name: 'domain' }, negated: false, list: { kind: 'Identifier', name: 'competitors' } },
        effect: { kind: 'blacklist' },
      },
    ]);
  });

  it('parses `each` and `at most`, with or without the comma', () => {
    const withComma = rule('when open email add 5 each, at most 15');
    expect(withComma.each).toBeDefined();
    expect(withComma.atMost?.value).toBe(15);
    const withoutComma = rule('when open email add 5 each at most 15');
    expect(withoutComma.atMost?.value).toBe(15);
    const capOnly = rule('when open email add 5, at most 15');
    expect(capOnly.each).toBeUndefined();
    expect(capOnly.atMost?.value).toBe(15);
  });

  it('gives the rule, its condition, points and `each` their ranges', () => {
    const r = rule('when open email add 5 each, at most 15');
    expect(span(r.range)).toBe('1:1-1:39');
    expect(span(r.condition.range)).toBe('1:6-1:16');
    expect(r.effect.kind !== 'blacklist' && span(r.effect.amount.range)).toBe('1:21-1:22');
    expect(span(r.each!)).toBe('1:23-1:27');
    expect(span(r.atMost!.range)).toBe('1:37-1:39');
  });

  it('gives blacklist its range', () => {
    const r = rule('when domain in competitors blacklist');
    expect(r.effect.kind === 'blacklist' && span(r.effect.range)).toBe('1:28-1:37');
  });

  it('reads a name after the effect, with its range, and keeps `as` a name elsewhere', () => {
    const named = rule('when open email add 5 each, at most 15 as "Email opens"');
    expect(named.name?.value).toBe('Email opens');
    expect(span(named.name!.range)).toBe('1:43-1:56');
    expect(span(named.range)).toBe('1:1-1:56');
    expect(rule('when domain in competitors blacklist as "Competitor"').name?.value).toBe('Competitor');
    expect(rule('when title = "x"\n  and employees > 5 add 1 as "two lines"').name?.value).toBe('two lines');
    expect(rule('when as = "x" add 1').name).toBeUndefined();
    expect(rule('when download whitepaper add 20').name).toBeUndefined();
  });

  it('wants the name in quotes, after the effect', () => {
    expect(parse('when title = "x" add 1 as C-level').diagnostics.map((d) => `${span(d.range)} ${d.message}`)).toEqual(['1:27-1:34 expected a string, found `C-level`']);
    expect(parse('when title = "x" as "n" add 1').diagnostics).toHaveLength(1);
  });
});

describe('decisions', () => {
  it('parses rows with `when` and with `otherwise`', () => {
    const rows = statements('grade "A" when fit >= 40\nstage "SQL" when fit >= 20 and engagement >= 30\nroute "Marketing" otherwise') as ast.DecisionRow[];
    expect(rows.map((row) => [row.decision, row.label.value, row.condition && sexpr(row.condition)])).toEqual([
      ['grade', 'A', '(>= fit 40)'],
      ['stage', 'SQL', '(and (>= fit 20) (>= engagement 30))'],
      ['route', 'Marketing', undefined],
    ]);
  });

  it('ranges the keyword, the label and the row', () => {
    const [row] = statements('stage "Nurture" otherwise') as ast.DecisionRow[];
    expect(span(row!.keyword)).toBe('1:1-1:6');
    expect(span(row!.label.range)).toBe('1:7-1:16');
    expect(span(row!.range)).toBe('1:1-1:26');
  });

  it('lets decision rows test decisions by their soft-keyword names', () => {
    const [row] = statements('route "Sales" when stage = "SQL" and grade in ["A", "B"]') as ast.DecisionRow[];
    expect(sexpr(row!.condition!)).toBe('(and (= stage "SQL") (in grade ["A" "B"]))');
  });
});

describe('conditions', () => {
  it.each([
    ['employees > 100', '(> employees 100)'],
    ['employees >= 100', '(>= employees 100)'],
    ['employees < 100', '(< employees 100)'],
    ['employees <= 100', '(<= employees 100)'],
    ['title = "CTO"', '(= title "CTO")'],
    ['title != "CTO"', '(!= title "CTO")'],
    ['security > analytics', '(> security analytics)'],
    ['employees between 50 and 1000', '(between employees 50 1000)'],
    ['revenue between 1M and 1B', '(between revenue 1000000 1000000000)'],
    ['country in dach', '(in country dach)'],
    ['country in ["DE", "AT"]', '(in country ["DE" "AT"])'],
    ['country not in dach', '(not-in country dach)'],
    ['employees not in [1, 2]', '(not-in employees [1 2])'],
    ['title contains "VP"', '(contains title "VP")'],
    ['title contains any ["CEO", "CTO"]', '(contains any title ["CEO" "CTO"])'],
    ['title contains any titles', '(contains any title titles)'],
    ['email starts with "info@"', '(starts with email "info@")'],
    ['email starts with any ["info@", "sales@"]', '(starts with any email ["info@" "sales@"])'],
    ['domain ends with ".de"', '(ends with domain ".de")'],
    ['domain ends with any tlds', '(ends with any domain tlds)'],
    ['phone is missing', '(is-missing phone)'],
    ['phone is present', '(is-present phone)'],
    ['vip is true', '(is-true vip)'],
    ['vip is false', '(is-false vip)'],
  ])('parses `%s`', (text, expected) => {
    expect(condition(text)).toBe(expected);
  });

  it.each([
    ['unsubscribe', '(event unsubscribe)'],
    ['download whitepaper', '(event download whitepaper)'],
    ['visit page "/pricing*"', '(event visit page "/pricing*")'],
    ['visit "/pricing*"', '(event visit "/pricing*")'],
    ['visit page 3 times', '(event visit page 3x)'],
    ['visit page 1 time', '(event visit page 1x)'],
    ['visit page within 14 days', '(event visit page 14d)'],
    ['visit page within 1 day', '(event visit page 1d)'],
    ['visit page "/pricing*" 3 times within 14 days', '(event visit page "/pricing*" 3x 14d)'],
    ['attend event', '(event attend event)'],
    ['activity within 7 days', '(event activity 7d)'],
    ['no activity for 30 days', '(no activity for 30d)'],
    ['no login app for 14 days', '(no login app for 14d)'],
    ['no visit page "/pricing*" for 7 days', '(no visit page "/pricing*" for 7d)'],
    ['no unsubscribe for 1 day', '(no unsubscribe for 1d)'],
  ])('parses the event condition `%s`', (text, expected) => {
    expect(condition(text)).toBe(expected);
  });

  it('keeps `K times` and `within` after a condition that is not an event, for the compiler to report', () => {
    expect(condition('title = "x" 3 times')).toBe('(quantified (= title "x") 3x)');
    expect(condition('(open email or click email) within 7 days')).toBe('(quantified {(or (event open email) (event click email))} 7d)');
  });

  it('keeps parentheses as groups', () => {
    expect(condition('(title = "a")')).toBe('{(= title "a")}');
    expect(condition('((title = "a"))')).toBe('{{(= title "a")}}');
  });

  it('uses event patterns inside and, or and not', () => {
    expect(condition('request demo or (open email and not click email within 7 days)')).toBe('(or (event request demo) {(and (event open email) (not (event click email 7d)))})');
  });
});

describe('dates', () => {
  it('reads `before`, `after` and `more than N days ago` after a name; `within` after a name is an event pattern until the compiler knows the type', () => {
    expect(condition('created before "2026-01-01"')).toBe('(before created "2026-01-01")');
    expect(condition('created after "2026-01-01T12:00:00Z" and not seen more than 1.5 days ago')).toBe('(and (after created "2026-01-01T12:00:00Z") (not (ago seen 1.5d)))');
    expect(condition('created within 90 days')).toBe('(event created 90d)');
  });

  it('keeps the date words names elsewhere: fields, event objects, lists', () => {
    expect(condition('before = "x"')).toBe('(= before "x")');
    expect(condition('visit more')).toBe('(event visit more)');
    expect(condition('download after 2 times')).toBe('(event download after 2x)');
    expect(condition('more than within 3 days')).toBe('(event more than 3d)');
    expect(condition('ago in dates')).toBe('(in ago dates)');
  });

  it('reads `dates "FORMAT"` as a statement, and `dates:` as a section', () => {
    const [format, section] = statements('dates "DD.MM.YYYY"\ndates:\n  when title = "x" add 1');
    expect(format).toMatchObject({ kind: 'Dates', format: { value: 'DD.MM.YYYY' } });
    expect(section).toMatchObject({ kind: 'Section', name: { name: 'dates' } });
  });
});

describe('numbers', () => {
  it('reads `numbers "FORMAT"` as a statement, and `numbers:` as a section', () => {
    const [format, section] = statements('numbers "1.234,56"\nnumbers:\n  when title = "x" add 1');
    expect(format).toMatchObject({ kind: 'Numbers', format: { value: '1.234,56' } });
    expect(section).toMatchObject({ kind: 'Section', name: { name: 'numbers' } });
  });

  it('keeps `numbers` a name in conditions: a field, an event, a list', () => {
    expect(condition('numbers > 3')).toBe('(> numbers 3)');
    expect(condition('numbers within 3 days')).toBe('(event numbers 3d)');
    expect(condition('title in numbers')).toBe('(in title numbers)');
  });
});

describe('precedence', () => {
  it('binds `and` tighter than `or`', () => {
    expect(condition('a = 1 or b = 2 and c = 3')).toBe('(or (= a 1) (and (= b 2) (= c 3)))');
    expect(condition('a = 1 and b = 2 or c = 3')).toBe('(or (and (= a 1) (= b 2)) (= c 3))');
  });

  it('binds `not` tighter than `and`', () => {
    expect(condition('not a = 1 and b = 2')).toBe('(and (not (= a 1)) (= b 2))');
    expect(condition('not a = 1 or b = 2')).toBe('(or (not (= a 1)) (= b 2))');
  });

  it('reads `not title contains "x"` as `not (title contains "x")`', () => {
    expect(condition('not title contains "x"')).toBe('(not (contains title "x"))');
  });

  it('lets parentheses override precedence', () => {
    expect(condition('(a = 1 or b = 2) and c = 3')).toBe('(and {(or (= a 1) (= b 2))} (= c 3))');
    expect(condition('not (a = 1 or b = 2)')).toBe('(not {(or (= a 1) (= b 2))})');
  });

  it('keeps chains of `and` and of `or` flat', () => {
    expect(condition('a = 1 and b = 2 and c = 3')).toBe('(and (= a 1) (= b 2) (= c 3))');
    expect(condition('a = 1 or b = 2 or c = 3')).toBe('(or (= a 1) (= b 2) (= c 3))');
  });

  it('stacks `not`s', () => {
    expect(condition('not not a = 1')).toBe('(not (not (= a 1)))');
  });

  it('reads `not in` as one operator, not as a negation', () => {
    expect(condition('not country not in dach')).toBe('(not (not-in country dach))');
  });
});

describe('ranges', () => {
  it('ranges each node of a condition', () => {
    const r = rule('when not (title = "CTO" or employees > 5) and open email add 1');
    const and = r.condition as ast.And;
    const not = and.operands[0] as ast.Not;
    const group = not.operand as ast.Group;
    const or = group.condition as ast.Or;
    const [comparison, greater] = or.operands as [ast.Comparison, ast.Comparison];
    expect(span(and.range)).toBe('1:6-1:57');
    expect(span(not.range)).toBe('1:6-1:42');
    expect(span(group.range)).toBe('1:10-1:42');
    expect(span(or.range)).toBe('1:11-1:41');
    expect(span(comparison.range)).toBe('1:11-1:24');
    expect(span(comparison.subject.range)).toBe('1:11-1:16');
    expect(span(comparison.value.range)).toBe('1:19-1:24');
    expect(span(greater.range)).toBe('1:28-1:41');
    expect(span(and.operands[1]!.range)).toBe('1:47-1:57');
  });

  it('ranges an event pattern with its count and window, and its parts', () => {
    const event = rule('when visit page "/pricing*" 3 times within 14 days add 20').condition as ast.EventPattern;
    expect(span(event.range)).toBe('1:6-1:51');
    expect(span(event.verb.range)).toBe('1:6-1:11');
    expect(span(event.object!.range)).toBe('1:12-1:16');
    expect(span(event.glob!.range)).toBe('1:17-1:28');
    expect(span(event.times!.range)).toBe('1:29-1:30');
    expect(span(event.within!.range)).toBe('1:44-1:46');
  });

  it('ranges `no … for N days`', () => {
    const no = rule('when no login app for 14 days subtract 5').condition as ast.NoActivity;
    expect(span(no.range)).toBe('1:6-1:30');
    expect(span(no.event.range)).toBe('1:9-1:18');
    expect(span(no.days.range)).toBe('1:23-1:25');
  });

  it('ranges a condition that spans lines inside parentheses', () => {
    const text = 'when (title contains "CTO"\n      or title contains "CEO"\n      or title contains "CFO") and employees > 50 add 10';
    const r = rule(text);
    expect(sexpr(r.condition)).toBe('(and {(or (contains title "CTO") (contains title "CEO") (contains title "CFO"))} (> employees 50))');
    expect(span(r.range)).toBe('1:1-3:57');
    const [group, employees] = (r.condition as ast.And).operands;
    expect(span(group!.range)).toBe('1:6-3:31');
    expect(span(((group as ast.Group).condition as ast.Or).operands[1]!.range)).toBe('2:10-2:30');
    expect(span(employees!.range)).toBe('3:36-3:50');
  });

  it('ranges the whole program', () => {
    expect(span(parse('when a add 1\n').program.range)).toBe('1:1-2:1');
  });

  it('counts lines the same after CRLF and CR line breaks', () => {
    const [first, second] = statements('when a add 1\r\nwhen b add 2\rwhen c add 3').slice(1);
    expect(span(first!.range)).toBe('2:1-2:13');
    expect(span(second!.range)).toBe('3:1-3:13');
  });
});

describe('comments and blank lines', () => {
  it('keeps comments beside the program, not among the statements', () => {
    const result = parse('# the policy\n\nwhen a add 1 # why\n\n\n# end');
    expect(result.diagnostics).toEqual([]);
    expect(result.program.statements).toHaveLength(1);
    expect(result.program.comments.map((c) => [c.text, span(c.range)])).toEqual([
      ['# the policy', '1:1-1:13'],
      ['# why', '3:14-3:19'],
      ['# end', '6:1-6:6'],
    ]);
  });

  it('parses an empty policy and a policy of comments to no statements', () => {
    expect(statements('')).toEqual([]);
    expect(statements('\n\n  \n# nothing\n')).toEqual([]);
  });

  it('allows comments inside a condition that spans lines', () => {
    const r = rule('when (title = "a" # first\n  or title = "b") add 1 # second');
    expect(sexpr(r.condition)).toBe('{(or (= title "a") (= title "b"))}');
  });
});

describe('syntax diagnostics', () => {
  it('LS1004: an unexpected token, at the token', () => {
    const result = parsed('when title contains add 5');
    expect(result.codes).toEqual(['LS1004 1:21-1:24']);
    expect(result.diagnostics[0]!.message).toBe('expected `any`, `word` or a string, found `add`');
  });

  it('LS1004: a missing part at the end of the line is an empty range after the last token', () => {
    const result = parsed('when title = "x" add');
    expect(result.codes).toEqual(['LS1004 1:21-1:21']);
    expect(result.diagnostics[0]!.message).toBe('expected a number, found the end of the line');
  });

  it('LS1004: a line that starts with no statement', () => {
    const result = parsed('title = "x" add 5');
    expect(result.codes).toEqual(['LS1004 1:1-1:6']);
    expect(result.diagnostics[0]!.message).toMatch(/^expected a statement \(`when`, .*\), found `title`$/);
  });

  it('LS1004: a condition that starts with an operator', () => {
    const result = parsed('when = 3 add 5');
    expect(result.codes).toEqual(['LS1004 1:6-1:7']);
    expect(result.diagnostics[0]!.message).toMatch(/^expected a condition \(.*\), found `=`$/);
  });

  it('LS1004: a decision label without quotes names the missing string, at the label', () => {
    const result = parsed('stage SQL when score > 40');
    expect(result.codes).toEqual(['LS1004 1:7-1:10']);
    expect(result.diagnostics[0]!.message).toBe('expected a string, found `SQL`');
  });

  it.each([
    ['policy B2B', 'expected a string, found `B2B`', '1:8-1:11'],
    ['list = ["a"]', 'expected a name, found `=`', '1:6-1:7'],
    ['list dach ["DE"]', 'expected `=` or `from`, found `[`', '1:11-1:12'],
    ['field plan text', 'expected `:` or `from`, found `text`', '1:12-1:16'],
    ['event', 'expected a name, found the end of the line', '1:6-1:6'],
    ['decay 60 days', 'expected `half-life`, found `60`', '1:7-1:9'],
    ['grade "A"', 'expected `when` or `otherwise`, found the end of the line', '1:10-1:10'],
  ])('LS1004: `%s` says what its first word needs', (text, message, at) => {
    const result = parsed(text);
    expect(result.codes).toEqual([`LS1004 ${at}`]);
    expect(result.diagnostics[0]!.message).toBe(message);
  });

  it('LS1004: `is not missing` is not a test', () => {
    expect(parsed('when title is not missing add 5').codes).toEqual(['LS1004 1:15-1:18']);
  });

  it('LS1005: text after a complete statement, at the first extra token', () => {
    const result = parsed('when request demo add 40 points');
    expect(result.codes).toEqual(['LS1005 1:26-1:32']);
    expect(result.diagnostics[0]!.message).toBe('unexpected `points`: the statement is already complete');
    expect(parsed('grade "A" otherwise when fit > 3').codes).toEqual(['LS1005 1:21-1:25']);
  });

  it('LS1006: an indented line with no section open', () => {
    const result = parsed('policy "x"\n  when request demo add 40');
    expect(result.codes).toEqual(['LS1006 2:3-2:27']);
    expect(result.diagnostics[0]!.help).toBe('open a section with a line `name:` above it, or remove the indentation');
  });

  it('LS1006: an indented section header with no section open', () => {
    expect(parsed('  fit:\n  when a add 1').codes).toEqual(['LS1006 1:3-1:7']);
  });

  it('LS1006: a section ends at a line that is not indented, and the message says where', () => {
    const result = parsed('fit:\n  when a add 1\nwhen b add 1\n  when c add 1');
    expect(result.codes).toEqual(['LS1006 4:3-4:15']);
    expect(result.diagnostics[0]!.message).toBe('this line is indented, but no section is open: `fit` ended at line 3, which is not indented');
  });

  it('LS1007: declarations, decisions and section headers indented under a section', () => {
    const result = parsed('fit:\n  when a add 1\n  list dach = ["DE"]\n  field plan: text\n  event login app\n  grade "A" otherwise\n  policy "x"\n  other:');
    expect(result.codes).toEqual(['LS1007 3:3-3:21', 'LS1007 4:3-4:19', 'LS1007 5:3-5:18', 'LS1007 6:3-6:22', 'LS1007 7:3-7:13', 'LS1007 8:3-8:9']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'only rules and `decay` belong in a section; a `list` goes at the beginning of a line',
      'only rules and `decay` belong in a section; a `field` goes at the beginning of a line',
      'only rules and `decay` belong in a section; an `event` declaration goes at the beginning of a line',
      'only rules and `decay` belong in a section; a `grade` row goes at the beginning of a line',
      'only rules and `decay` belong in a section; the `policy` header goes at the beginning of a line',
      'sections do not nest: a section header starts at the beginning of a line',
    ]);
    // The misplaced statements still count, so the compiler can check them.
    expect(result.program.statements.map((s) => s.kind)).toEqual(['Section', 'ListDeclaration', 'FieldDeclaration', 'EventDeclaration', 'DecisionRow', 'PolicyHeader', 'Section']);
  });

  it(`LS1008: parentheses nested deeper than ${maxNestingDepth} levels, over the whole line`, () => {
    const depth = maxNestingDepth + 1;
    const result = parsed(`when ${'('.repeat(depth)}title = "x"${')'.repeat(depth)} add 1`);
    expect(result.codes).toEqual([`LS1008 1:1-1:${'when '.length + 2 * depth + 'title = "x" add 1'.length + 1}`]);
    expect(result.diagnostics[0]!.message).toBe(`this condition nests more than ${maxNestingDepth} levels deep`);
  });

  it(`LS1008: more than ${maxNestingDepth} \`not\`s in a row`, () => {
    expect(parsed(`when ${'not '.repeat(maxNestingDepth + 1)}a = 1 add 1`).codes).toEqual([expect.stringMatching(/^LS1008 1:1-/)]);
  });

  it(`parses exactly ${maxNestingDepth} levels`, () => {
    const text = `when ${'('.repeat(maxNestingDepth)}title = "x"${')'.repeat(maxNestingDepth)} add 1`;
    expect(parsed(text).codes).toEqual([]);
  });

  it('LS1009: an unclosed `[` is reported at the bracket, and the next statement still parses', () => {
    const result = parsed('list dach = ["DE", "AT"\nwhen country in dach add 5');
    expect(result.codes).toEqual(['LS1009 1:13-1:14']);
    expect(result.diagnostics[0]!.message).toBe('this `[` is never closed');
    expect(result.diagnostics[0]!.help).toBe('close it with `]` before the end of the statement');
    expect(result.program.statements.map((s) => s.kind)).toEqual(['Rule']);
  });

  it('LS1009: an unclosed `(` is reported at the innermost open bracket', () => {
    const result = parsed('when (title = "a" or (b = 1)\n  and c = 2\nfit:\n  when d = 1 add 1');
    expect(result.codes).toEqual(['LS1009 1:6-1:7']);
    expect(result.diagnostics[0]!.message).toBe('this `(` is never closed');
    expect(result.program.statements.map((s) => s.kind)).toEqual(['Section']);
  });

  it('LS1009: a bracket still open at the end of the policy', () => {
    expect(parsed('when title in ["a", "b"\n').codes).toEqual(['LS1009 1:15-1:16']);
    expect(parsed('when (title = "a"').codes).toEqual(['LS1009 1:6-1:7']);
  });

  it('reports no syntax error on a line the lexer already complained about', () => {
    expect(parsed("when title = 'CTO' add 5").codes).toEqual(['LS1001 1:14-1:19']);
    expect(parsed('when revenue > 10m add 5').codes).toEqual(['LS1003 1:16-1:19']);
  });

  it('gives a policy with five mistakes on five lines exactly five diagnostics, each on its line', () => {
    const text = [
      'policy "Five mistakes"',
      'when title contains add 5',
      'fit:',
      '  when employees > 10 add 5 points',
      '  list dach = ["DE"]',
      "when country = 'DE' add 3",
      'when revenue > 10m add 3',
      'when employees between 10 and 20 add 3',
    ].join('\n');
    const result = parsed(text);
    expect(result.codes).toEqual(['LS1004 2:21-2:24', 'LS1005 4:29-4:35', 'LS1007 5:3-5:21', 'LS1001 6:16-6:20', 'LS1003 7:16-7:19']);
    // Broken lines are left out; the rest still form a program.
    expect(result.program.statements.map((s) => s.kind)).toEqual(['PolicyHeader', 'Section', 'ListDeclaration', 'Rule']);
  });

  it('keeps parsing after each broken line', () => {
    const lines = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'when = add' : `when a${i} add ${i}`));
    const result = parsed(lines.join('\n'));
    expect(result.codes).toHaveLength(10);
    expect(result.diagnostics.map((d) => d.range.start.line)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(result.program.statements).toHaveLength(10);
  });
});

describe('byte-order mark', () => {
  it('does not count as indentation', () => {
    expect(parsed('\ufefffit:\n  when a add 1').codes).toEqual([]);
    expect(parsed('\ufeffwhen a add 1').codes).toEqual([]);
  });

  it('does not hide real indentation after it', () => {
    expect(parsed('\ufeff  when a add 1').codes).toEqual(['LS1006 1:4-1:16']);
  });
});

describe('continuation lines', () => {
  it('continues a statement on a line that starts with `and` or `or`', () => {
    const [sql, nurture] = statements('stage "SQL" when fit >= 40\n  and engagement >= 60\n  or score > 100\nstage "Nurture" otherwise');
    expect(sexpr((sql as ast.DecisionRow).condition!)).toBe('(or (and (>= fit 40) (>= engagement 60)) (> score 100))');
    expect(span(sql!.range)).toBe('1:1-3:17');
    expect((nurture as ast.DecisionRow).label.value).toBe('Nurture');
  });

  it('continues across blank lines before the `and`', () => {
    expect(condition('a = 1\n\n  and b = 2')).toBe('(and (= a 1) (= b 2))');
  });

  it('keeps a rule under a section when its condition continues on the next line', () => {
    const [section] = statements('fit:\n  when title contains "CTO"\n    and employees > 50 add 10\n  when phone is missing subtract 5');
    expect((section as ast.Section).items).toHaveLength(2);
  });
});

/**
 * Ways to write `text` with line breaks where the language allows them: inside an open `[` or `(`
 * (the next line then starts at column 1 or indented) and before `and`/`or`. Every single break,
 * and every pair of breaks up to three words apart, so that short lines start and end anywhere.
 */
function withLineBreaks(text: string): string[] {
  const { tokens } = lex(text);
  const allowed: number[] = [];
  let depth = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.tokenType === t.LBracket || token.tokenType === t.LParen) depth++;
    if (token.tokenType === t.RBracket || token.tokenType === t.RParen) depth--;
    const next = tokens[i + 1]!;
    const chain = next.tokenType === t.And || next.tokenType === t.Or;
    if (token.tokenType !== t.Newline && next.tokenType !== t.Newline && (depth > 0 || chain)) allowed.push(next.startOffset);
  }
  const broken = (offsets: number[], indent: string) => {
    let result = text;
    for (const offset of [...offsets].sort((a, b) => b - a)) result = `${result.slice(0, offset).trimEnd()}\n${indent}${result.slice(offset)}`;
    return result;
  };
  const variants: string[] = [];
  for (const [k, offset] of allowed.entries()) {
    variants.push(broken([offset], '    '), broken([offset], ''));
    for (const other of allowed.slice(k + 1, k + 4)) variants.push(broken([offset, other], '  '));
  }
  return variants;
}

describe('soft keywords at the start of a continuation line', () => {
  // A soft keyword used as a name (a field, a list, a section, an event's verb or object) may
  // start a line inside brackets like any other name: the statement goes on.
  const field = (word: string) => [`field ${word}: number`, `field ${word}_text: text`];
  const cases: Array<[what: string, declarations: string[], statement: string]> = [];
  for (const word of ['policy', 'list', 'field', 'event', 'decay', 'import', 'half-life', 'activity', 'missing', 'present', 'true', 'false', 'from', 'version']) {
    cases.push(
      [`field \`${word}\` in a rule`, field(word), `when (employees > 5 or ${word} > 1) add 1`],
      [`field \`${word}\` after \`not\``, field(word), `when (employees > 5 or not ${word} between 1 and 9) add 1`],
      [`field \`${word}\` in a decision row`, field(word), `stage "Hot" when (score >= 1 and ${word} > 1)`],
      [`field \`${word}\` tested against a list`, field(word), `when (title = "x" or ${word} not in [1, 2] or ${word} in [3]) add 1`],
      [`list \`${word}\``, [`list ${word} = ["DE"]`], `when (country in ${word} or title contains any ${word}) add 1`],
    );
  }
  for (const word of ['policy', 'list', 'field', 'event', 'decay', 'import', 'grade', 'stage', 'route', 'half-life', 'version', 'from']) {
    cases.push(
      [`event verb \`${word}\``, [`event ${word}`], `when (open email or ${word} or ${word} "x*" or ${word} 2 times within 3 days) add 1`],
      [`event verb \`${word}\` after \`no\``, [`event ${word}`], `when (open email or no ${word} for 3 days) add 1`],
      [`event verb and object \`${word}\``, [`event ${word} ${word}`], `when (open email and ${word} ${word} "x*" 2 times) add 1`],
      [`event object \`${word}\``, [`event attend ${word}`], `stage "Hot" when (score > 1 or attend ${word} within 3 days)`],
    );
  }
  for (const word of ['policy', 'list', 'field', 'event', 'decay', 'import', 'activity', 'missing', 'version', 'from']) {
    cases.push([`section \`${word}\` in a decision row`, [`${word}:`, '  when title = "x" add 1'], `grade "A" when (score >= 1 and ${word} >= 1 or not ${word} < 0)`]);
  }
  cases.push(
    ['`policy "…"` as an event pattern, alone on its line', ['event policy'], 'when (open email or policy "x*") add 1'],
    ['`event VERB` as an event pattern, alone on its line', ['event event webinar'], 'when (open email or event webinar) add 1'],
    ['`decay half-life K times` as an event pattern', ['event decay half-life'], 'when (open email or decay half-life 3 times within 9 days) add 1'],
    ['`stage "…"` as an event pattern', ['event stage'], 'route "x" when (score > 1 or stage "x*" or stage = "SQL")'],
    ['a soft keyword inside `[ ]`', field('policy'), 'when (policy in [1,\n 2] or policy_text in ["a", "b"]) add 1'],
  );

  it.each(cases)('%s, broken anywhere, parses as on one line', (_, declarations, statement) => {
    const prelude = declarations.join('\n') + '\n';
    const oneLine = shape(statements(prelude + statement));
    const variants = withLineBreaks(statement);
    expect(variants.length).toBeGreaterThan(2);
    for (const variant of variants) {
      const result = parse(prelude + variant);
      expect(result.diagnostics, variant).toEqual([]);
      expect(shape(result.program.statements), variant).toEqual(oneLine);
    }
  });

  it('the two examples of the issue', () => {
    expect(condition('(employees > 5 or\n  policy > 1)')).toBe('{(or (> employees 5) (> policy 1))}');
    const [row] = statements('stage "Hot" when (score >= 1 and\n  policy > 1)') as ast.DecisionRow[];
    expect(sexpr(row!.condition!)).toBe('{(and (>= score 1) (> policy 1))}');
  });

  it('`event NAME` at the beginning of a line inside brackets is an event pattern, not a declaration', () => {
    expect(condition('(open email or\nevent webinar)')).toBe('{(or (event open email) (event event webinar))}');
    expect(condition('(open email or\nevent > 1)')).toBe('{(or (event open email) (> event 1))}');
  });

  it('`policy "…"`, `import "…"` and `event VERB` alone on a line go on when the next line continues them', () => {
    expect(condition('(open email or\n  policy "x*"\n  or click email)')).toBe('{(or (event open email) (event policy "x*") (event click email))}');
    expect(condition('(open email or\n  import "x*"\n)')).toBe('{(or (event open email) (event import "x*"))}');
    expect(condition('(open email or\n  event webinar\n  "x*" 2 times)')).toBe('{(or (event open email) (event event webinar "x*" 2x))}');
    expect(condition('(open email or\n  policy "x*"\n\n  within 3 days)')).toBe('{(or (event open email) (event policy "x*" 3d))}');
    expect(condition('(open email or\n  event 2\n  times)')).toBe('{(or (event open email) (event event 2x))}');
    expect(condition('(open email or\n  policy "x*" 2\n  times)')).toBe('{(or (event open email) (event policy "x*" 2x))}');
  });
});

describe('a statement after a bracket left open', () => {
  // The bracket is reported where it is, and the statement on the next line is read on its own.
  it.each([
    ['when domain in big add 1', 'Rule'],
    ['fit:', 'Section'],
    ['policy "p" version "1"', 'PolicyHeader'],
    ['list dach = ["DE"]', 'ListDeclaration'],
    ['list dach from "dach.txt"', 'ListDeclaration'],
    ['field budget: number', 'FieldDeclaration'],
    ['event login app', 'EventDeclaration'],
    ['event login app, dashboard', 'EventDeclaration'],
    ['stage "SQL" when fit > 1', 'DecisionRow'],
    ['grade "C" otherwise', 'DecisionRow'],
  ])('`%s`', (statement, kind) => {
    for (const open of ['when (title = "a" or', 'stage "x" when (fit > 1 or', 'list l = ["a",']) {
      const result = parsed(`${open}\n${statement}\nwhen title = "b" add 1`);
      expect(result.codes, open).toEqual([expect.stringMatching(/^LS1009 1:/)]);
      expect(
        result.program.statements.map((s) => s.kind),
        open,
      ).toEqual([kind, 'Rule']);
    }
  });

  it('`decay half-life N days` in a section', () => {
    const result = parsed('fit:\n  when (title = "a" or\n  decay half-life 30 days\n  when title = "b" add 1');
    expect(result.codes).toEqual(['LS1009 2:8-2:9']);
    expect((result.program.statements[0] as ast.Section).items.map((s) => s.kind)).toEqual(['Decay', 'Rule']);
  });

  it.each([
    ['policy "p"', 'PolicyHeader'],
    ['import "shared.score"', 'Import'],
    ['event login', 'EventDeclaration'],
  ])('`%s`, which could also be an event pattern, followed by a statement or by nothing', (statement, kind) => {
    const next = parsed(`when (title = "a" or\n${statement}\n\nfield budget: number`);
    expect(next.codes).toEqual(['LS1009 1:6-1:7']);
    expect(next.program.statements.map((s) => s.kind)).toEqual([kind, 'FieldDeclaration']);
    const last = parsed(`when (title = "a" or\n${statement}\n`);
    expect(last.codes).toEqual(['LS1009 1:6-1:7']);
    expect(last.program.statements.map((s) => s.kind)).toEqual([kind]);
  });
});

describe('declarations on lines that did not parse', () => {
  it('are remembered by name, so their uses are not reported as unknown', () => {
    const result = parse('list dach = ["DE", "AT"\nfield budget number\nevent login app,\nwhen x = add 1\nlist = ["x"]');
    expect(result.program.brokenDeclarations).toEqual([
      { kind: 'list', name: 'dach' },
      { kind: 'field', name: 'budget' },
      { kind: 'event', name: 'login' },
    ]);
  });

  it('leave out a rule that lost a character to the lexer', () => {
    const result = parse('when title & "x" add 1\nlist l = ["a", "b"] &');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['LS1001', 'LS1001']);
    expect(result.program.statements.map((s) => s.kind)).toEqual(['ListDeclaration']);
  });
});
