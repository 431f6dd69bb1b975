import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { formatPolicy } from './printer.js';
import { lex } from './lexer.js';

const root = join(import.meta.dirname, '..');

/** Formats a policy written as lines, and returns the formatted lines. */
function fmt(...lines: string[]): string[] {
  const { text, diagnostics } = formatPolicy(lines.join('\n') + '\n');
  expect(diagnostics).toEqual([]);
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('statements', () => {
  it('puts one space between words and around operators, none inside brackets', () => {
    expect(fmt('policy   "B2B"', 'field  budget :number', 'event attend webinar ,meetup', 'when employees>=100  add 5', 'when ( fit>3 ) add 1')).toEqual([
      'policy "B2B"',
      'field budget: number',
      'event attend webinar, meetup',
      'when employees >= 100 add 5',
      'when (fit > 3) add 1',
    ]);
  });

  it('indents section bodies by two spaces and leaves headers at the start of the line', () => {
    expect(fmt('fit :', '\twhen title = "CEO" add 15', '        decay half-life 30 days', 'when unsubscribe subtract 30')).toEqual([
      'fit:',
      '  when title = "CEO" add 15',
      '  decay half-life 30 days',
      'when unsubscribe subtract 30',
    ]);
  });

  it('writes every comparison and test', () => {
    const lines = [
      'when a = "x" and b != 2 and c > 1.5 and d >= -3 and e < 10k and f <= 2M add 1',
      'when title contains "x" or title starts with any ["a", "b"] or title ends with any names add 1',
      'when employees between 50 and 1000 and country not in ["DE"] and country in names add 1',
      'when phone is missing and email is present and vip is true and spam is false add 1',
      'when not (a = 1) and not not b = 2 add 1',
      'when security > analytics add 1',
    ];
    expect(fmt(...lines)).toEqual(lines);
  });

  it('writes event patterns, `no … for N days` and decisions', () => {
    const lines = [
      'when visit page "/pricing*" 3 times within 14 days add 20',
      'when activity within 7 days add 1',
      'when no activity for 30 days subtract 10',
      'when no download whitepaper "*.pdf" for 5 days subtract 1',
      'grade "A" when fit >= 40',
      'stage "Nurture" otherwise',
      'route "Sales" when stage = "SQL"',
    ];
    expect(fmt(...lines)).toEqual(lines);
  });

  it('writes dates: the format, `before`/`after`, `within`, `more than … ago`', () => {
    const written = [
      'dates   "mm/dd/yyyy  HH:mm"',
      'field created :date from "Create Date","createdate"',
      'when created  within 1 days add 5',
      'when created more  than 30 day  ago subtract 5',
      'when created before"2026-01-01" and(created after "2025-01-01T00:00:00Z" or created is missing) add 1',
    ];
    const formatted = [
      'dates "mm/dd/yyyy  HH:mm"',
      'field created: date from "Create Date", "createdate"',
      'when created within 1 day add 5',
      'when created more than 30 days ago subtract 5',
      'when created before "2026-01-01" and (created after "2025-01-01T00:00:00Z" or created is missing) add 1',
    ];
    expect(fmt(...written)).toEqual(formatted);
    expect(fmt(...formatted)).toEqual(formatted);
  });

  it('writes `numbers "…"` with one space, the format as written', () => {
    expect(fmt('numbers   "1.234,56"', 'field revenue  from "Jahresumsatz"')).toEqual(['numbers "1.234,56"', 'field revenue from "Jahresumsatz"']);
    expect(fmt('numbers "1.234,56"', 'field revenue from "Jahresumsatz"')).toEqual(['numbers "1.234,56"', 'field revenue from "Jahresumsatz"']);
  });

  it('writes `time` and `day` for one, `times` and `days` otherwise', () => {
    expect(fmt('when request demo 1 times within 1 days add 5', 'when visit page 2 time within 7 day add 1', 'decay half-life 1 days')).toEqual([
      'when request demo 1 time within 1 day add 5',
      'when visit page 2 times within 7 days add 1',
      'decay half-life 1 day',
    ]);
  });

  it('puts a comma before `at most`', () => {
    expect(fmt('when open email add 5 each at most 15', 'when click email add 10 each ,at most 30', 'when visit page add 1 at most 3')).toEqual([
      'when open email add 5 each, at most 15',
      'when click email add 10 each, at most 30',
      'when visit page add 1, at most 3',
    ]);
  });

  it("keeps a rule's name after its effect", () => {
    expect(fmt('fit:', '  when open email add 5 each at most 15   as  "Email \\"opens\\""', ' when domain in ["a.com"] blacklist as"Competitor"')).toEqual([
      'fit:',
      '  when open email add 5 each, at most 15 as "Email \\"opens\\""',
      '  when domain in ["a.com"] blacklist as "Competitor"',
    ]);
  });

  it('re-quotes strings with the fewest escapes and keeps numbers as written', () => {
    expect(fmt(String.raw`when title = "Head of \"Growth\" \x	\\" add 10M`, 'when revenue >= 1.50k add 007')).toEqual([
      String.raw`when title = "Head of \"Growth\" x\t\\" add 10M`,
      'when revenue >= 1.50k add 007',
    ]);
  });

  it('prints `import` and `list … from` as written', () => {
    expect(fmt('import   "lists/competitors.score"', 'list competitors  from "competitors.txt"')).toEqual([
      'import "lists/competitors.score"',
      'list competitors from "competitors.txt"',
    ]);
  });
});

describe('lists', () => {
  it('keeps a list written on one line on one line, without a trailing comma', () => {
    expect(fmt('list dach = [ "DE","AT" , "CH", ]', 'list none = [ ]', 'when title contains any ["a",] add 1')).toEqual([
      'list dach = ["DE", "AT", "CH"]',
      'list none = []',
      'when title contains any ["a"] add 1',
    ]);
  });

  it('writes a list written over several lines one entry per line, each with a comma', () => {
    expect(fmt('list dach = ["DE", "AT",', '    "CH"]', 'fit:', '  when country in [1,', '  2] add 1')).toEqual([
      'list dach = [',
      '  "DE",',
      '  "AT",',
      '  "CH",',
      ']',
      'fit:',
      '  when country in [',
      '    1,',
      '    2,',
      '  ] add 1',
    ]);
  });

  it('writes a list that would run past column 100 one entry per line', () => {
    const names = Array.from({ length: 12 }, (_, i) => `"company-${i}.com"`);
    const formatted = fmt(`list big = [${names.join(', ')}]`);
    expect(formatted).toEqual(['list big = [', ...names.map((name) => `  ${name},`), ']']);
    const short = `list small = [${names.slice(0, 4).join(', ')}]`;
    expect(fmt(short)).toEqual([short]);
  });
});

describe('conditions over several lines', () => {
  it('keeps a line break next to `and`/`or` and puts it before the operator', () => {
    expect(fmt('stage "SQL" when country in regions', 'and employees > 1000', '    or fit > 3 and fit < 9', 'stage "B" otherwise')).toEqual([
      'stage "SQL" when country in regions',
      '  and employees > 1000',
      '  or fit > 3 and fit < 9',
      'stage "B" otherwise',
    ]);
    expect(fmt('when (country = "DE" and', '      employees > 1000) add 10')).toEqual(['when (country = "DE"', '    and employees > 1000) add 10']);
  });

  it('indents continuation lines two more per open parenthesis, and inside sections', () => {
    expect(fmt('fit:', '  when fit > 35', '  and (analytics > 30', '  or security > 30) add 1')).toEqual([
      'fit:',
      '  when fit > 35',
      '    and (analytics > 30',
      '      or security > 30) add 1',
    ]);
  });

  it('joins other line breaks, and never breaks at the `and` of `between`', () => {
    expect(fmt('when (employees', '  between 5 and', '  10 or fit >', '3) add 1')).toEqual(['when (employees between 5 and 10 or fit > 3) add 1']);
  });

  it('formats conditions whose continuation lines start with soft keywords used as names', () => {
    const formatted = fmt('field policy: number', 'event event webinar', 'when (employees > 5 or', '  policy > 1) add 1', 'when (open email or', 'event webinar', ') add 2');
    expect(formatted).toEqual([
      'field policy: number',
      'event event webinar',
      'when (employees > 5',
      '    or policy > 1) add 1',
      'when (open email',
      '    or event webinar) add 2',
    ]);
    expect(fmt(...formatted)).toEqual(formatted);
  });

  it('keeps parentheses as written', () => {
    expect(fmt('when ((a = 1)) or (b = 2 and (c = 3)) add 1')).toEqual(['when ((a = 1)) or (b = 2 and (c = 3)) add 1']);
  });
});

describe('comments and blank lines', () => {
  it('keeps comments on their own line, indented like the statement after them', () => {
    expect(fmt('   # about the policy', 'policy "P"', 'fit:', '# the CEO rule', '      # really', '  when title = "CEO" add 1')).toEqual([
      '# about the policy',
      'policy "P"',
      'fit:',
      '  # the CEO rule',
      '  # really',
      '  when title = "CEO" add 1',
    ]);
  });

  it('keeps a comment after a section in it when it was indented, outside when it was not', () => {
    expect(fmt('fit:', '  when a = 1 add 1', '    # more fit rules to come', '# decisions', 'grade "A" otherwise')).toEqual([
      'fit:',
      '  when a = 1 add 1',
      '  # more fit rules to come',
      '# decisions',
      'grade "A" otherwise',
    ]);
  });

  it('keeps comments after code two spaces after it', () => {
    expect(fmt('fit:# fit', '  when a = 1 add 1        # one', 'grade "A" otherwise #   last   ')).toEqual([
      'fit:  # fit',
      '  when a = 1 add 1  # one',
      'grade "A" otherwise  #   last',
    ]);
  });

  it('keeps comments inside lists and continued conditions where they were', () => {
    expect(
      fmt(
        'list dach = [',
        '  "DE", # Germany',
        '  # the Alps',
        '  "AT"   # Austria',
        '  # more to come',
        ']',
        'stage "SQL" when a = 1 # first',
        '  # then',
        '  or b = 2',
        'stage "N" otherwise',
      ),
    ).toEqual([
      'list dach = [',
      '  "DE",  # Germany',
      '  # the Alps',
      '  "AT",  # Austria',
      '  # more to come',
      ']',
      'stage "SQL" when a = 1  # first',
      '  # then',
      '  or b = 2',
      'stage "N" otherwise',
    ]);
  });

  it('keeps a comment after `and` on the line it ended when the operator moves down', () => {
    expect(fmt('when (a = 1 and  # one', '  b = 2) add 1')).toEqual(['when (a = 1  # one', '    and b = 2) add 1']);
  });

  it('turns a list with a comment into a list over several lines', () => {
    expect(fmt('when (a in [1, # one', '  2]) add 1')).toEqual(['when (a in [', '  1,  # one', '  2,', ']) add 1']);
  });

  it('keeps single blank lines, collapses runs, and trims the start and the end', () => {
    const { text } = formatPolicy('\n\n# top\n\n\n\npolicy "P"\r\n\r\nfit:   \n\n  when a = 1 add 1\n\n\n\n')!;
    expect(text).toBe('# top\n\npolicy "P"\n\nfit:\n\n  when a = 1 add 1\n');
  });

  it('drops a byte-order mark and formats an empty policy as an empty file', () => {
    expect(formatPolicy('\ufeffpolicy  "P"').text).toBe('policy "P"\n');
    expect(formatPolicy('').text).toBe('');
    expect(formatPolicy('\n\n').text).toBe('');
    expect(formatPolicy('# only a comment').text).toBe('# only a comment\n');
  });
});

describe('policies with syntax errors', () => {
  it('are returned unchanged, with their errors', () => {
    const text = 'fit:\n  when title = "CEO add   15\n  when x >  add 1\n';
    const result = formatPolicy(text);
    expect(result.text).toBe(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['LS1002', 'LS1004']);
  });

  it('are not formatted when a line is indented outside a section', () => {
    const text = '  when a = 1   add 1\n';
    expect(formatPolicy(text)).toMatchObject({ text, diagnostics: [{ code: 'LS1006' }] });
  });
});

// ---- every policy in the repository keeps its meaning and its comments ----

/** Every policy in the repository: .score files, the spec's examples, the conformance cases. */
function repositoryPolicies(): Array<{ name: string; text: string }> {
  const policies: Array<{ name: string; text: string }> = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !['node_modules', 'dist', 'coverage'].includes(entry.name) && !entry.name.startsWith('.')) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.score') && !entry.name.endsWith('.test.score')) {
        policies.push({ name: relative(root, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  const markdown = readFileSync(join(root, 'spec/language.md'), 'utf8');
  for (const [index, match] of [...markdown.matchAll(/^```score[^\n]*\n([\s\S]*?)^```/gm)].entries()) {
    policies.push({ name: `spec/language.md snippet ${index + 1}`, text: match[1]! });
  }
  const conformance = join(root, 'spec/conformance');
  for (const file of readdirSync(conformance).filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))) {
    const group = JSON.parse(readFileSync(join(conformance, file), 'utf8')) as { cases: Array<{ name: string; policy: string | string[] }> };
    for (const testCase of group.cases) {
      const text = Array.isArray(testCase.policy) ? testCase.policy.join('\n') + '\n' : testCase.policy;
      policies.push({ name: `spec/conformance/${file}: ${testCase.name}`, text });
    }
  }
  return policies;
}

/** The rule graph without what formatting may change: source positions and the rules' text as written. */
function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaning);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'range' && key !== 'text' && key !== 'line')
      .map(([key, inner]) => [key, meaning(inner)]),
  );
}

function commentTexts(text: string): string[] {
  return lex(text.replace(/^\ufeff/, '')).comments.map((comment) => comment.text.trimEnd());
}

function outcome(text: string): string[] {
  return compile(text).diagnostics.map((d) => `${d.code} ${d.severity}`);
}

describe('every policy in the repository', () => {
  const policies = repositoryPolicies();

  it('includes the examples, the spec and the conformance cases', () => {
    const names = policies.map((policy) => policy.name);
    expect(names).toContain('examples/b2b-saas.score');
    expect(names.filter((name) => name.startsWith('spec/language.md')).length).toBeGreaterThan(30);
    expect(names.filter((name) => name.startsWith('spec/conformance/')).length).toBeGreaterThan(50);
    expect(names.filter((name) => name.startsWith('compiler/__golden__/')).length).toBeGreaterThan(5);
  });

  it.each(policies)('$name: same rule graph, same diagnostics, every comment, idempotent', ({ text }) => {
    const formatted = formatPolicy(text);
    if (formatted.diagnostics.length > 0) {
      expect(formatted.text).toBe(text);
      return;
    }
    expect(formatPolicy(formatted.text).text).toBe(formatted.text);
    expect(formatted.text).not.toMatch(/[ \t]$/m);
    expect(commentTexts(formatted.text)).toEqual(commentTexts(text));
    expect(outcome(formatted.text)).toEqual(outcome(text));
    const before = compile(text).ir;
    const after = compile(formatted.text).ir;
    expect(after === undefined).toBe(before === undefined);
    expect(meaning(after)).toEqual(meaning(before));
  });

  it('compares rule graphs closely enough to see a changed point value', () => {
    const text = readFileSync(join(root, 'examples/b2b-saas.score'), 'utf8');
    const changed = text.replace('add 15', 'add 16');
    expect(meaning(compile(changed).ir)).not.toEqual(meaning(compile(text).ir));
  });
});

// ---- golden files: what users see ----

const goldenDirectory = join(import.meta.dirname, '__golden__', 'format');
const goldenInputs = readdirSync(goldenDirectory).filter((name) => name.endsWith('.score') && !name.endsWith('.formatted.score'));

describe('golden files', () => {
  it('exist', () => {
    expect(goldenInputs.length).toBeGreaterThan(2);
  });

  it.each(goldenInputs)('%s', async (name) => {
    const { text, diagnostics } = formatPolicy(readFileSync(join(goldenDirectory, name), 'utf8'));
    expect(diagnostics).toEqual([]);
    await expect(text).toMatchFileSnapshot(join(goldenDirectory, name.replace(/\.score$/, '.formatted.score')));
  });
});

describe('the language reference', () => {
  it('shows what the formatter prints in its Formatting section', () => {
    const markdown = readFileSync(join(root, 'spec/language.md'), 'utf8');
    const section = markdown.slice(markdown.indexOf('### Formatting'));
    const [before, after] = [...section.matchAll(/^```score\n([\s\S]*?)^```/gm)].map((match) => match[1]!);
    expect(before).toBeDefined();
    expect(formatPolicy(before!).text).toBe(after);
  });
});

describe('comments in unusual places', () => {
  it.each([
    ['after an operator', ['when (a = 1 and  # one', '  b = 2) add 1']],
    ['inside a comparison', ['when (employees >  # big', '  # really', '  100) add 1']],
    ['after an opening bracket', ['list x = [  # x', '  "a"]']],
    ['before a closing bracket', ['list x = ["a",', '  # "b",', ']']],
    ['in an empty list', ['list x = [  # none yet', ']']],
  ])('%s: kept, and formatting again changes nothing', (_, lines) => {
    const text = lines.join('\n') + '\n';
    const once = formatPolicy(text).text;
    expect(formatPolicy(once).text).toBe(once);
    expect(commentTexts(once)).toEqual(commentTexts(text));
    expect(meaning(compile(once).ir)).toEqual(meaning(compile(text).ir));
  });
});
