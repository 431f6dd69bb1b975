import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type CompileResult } from './compile.js';
import { renderDiagnostics } from './render.js';
import { seededRandom } from '../spec/random-policy.js';

/**
 * No input, however large, malformed or deeply nested, makes the compiler
 * throw or crash: it returns diagnostics (or a rule graph) every time.
 */

/** A seeded generator, so every run tries the same inputs. */
const random = seededRandom;

/** What is wrong with a compile result: a diagnostic without a code, a message or a range inside the text, or a fault. */
function problems(text: string, result: CompileResult): string[] {
  const found: string[] = [];
  for (const d of result.diagnostics) {
    if (!/^LS\d{4}$/.test(d.code)) found.push(`bad code ${d.code}`);
    if (d.code === 'LS9001') found.push(`internal compiler error: ${d.message}`);
    if (d.message === '') found.push(`${d.code} without a message`);
    const { start, end } = d.range;
    if (start.offset < 0 || end.offset > text.length || start.offset > end.offset) found.push(`${d.code} out of the text`);
  }
  if (result.ir === undefined && !result.diagnostics.some((d) => d.severity === 'error')) found.push('no rule graph, but no error');
  return found.length > 0 ? [`${JSON.stringify(text.slice(0, 200))}: ${found.join('; ')}`] : [];
}

/** Compiles, expecting a well-formed result; the many-case tests below collect problems instead. */
function compiles(text: string): CompileResult {
  const result = compile(text);
  expect(problems(text, result)).toEqual([]);
  return result;
}

/** Compiles every text and expects no problem with any of them. */
function compilesAll(texts: Iterable<string>): void {
  const found: string[] = [];
  let count = 0;
  for (const text of texts) {
    found.push(...problems(text, compile(text)));
    count++;
  }
  expect(count).toBeGreaterThan(0);
  expect(found).toEqual([]);
}

const reference = readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8');

// Generous time limits: these must finish, however slow the machine; how fast is for the benchmarks.
const slow = { timeout: 60_000 };

describe('random input', slow, () => {
  it('random byte strings', () => {
    const next = random(1);
    compilesAll(
      Array.from({ length: 1500 }, () => {
        let text = '';
        for (let j = Math.floor(next() * 80); j > 0; j--) text += String.fromCharCode(Math.floor(next() * 256));
        return text;
      }),
    );
  });

  it('random Unicode, surrogates and control characters included', () => {
    const next = random(2);
    compilesAll(
      Array.from({ length: 500 }, () => {
        let text = '';
        for (let j = Math.floor(next() * 40); j > 0; j--) text += String.fromCharCode(Math.floor(next() * 0x10000));
        return text;
      }),
    );
  });

  const words = [
    'when',
    'and',
    'or',
    'not',
    'in',
    'contains',
    'any',
    'starts',
    'ends',
    'with',
    'between',
    'is',
    'add',
    'subtract',
    'blacklist',
    'each',
    ',',
    'at',
    'most',
    'times',
    'time',
    'within',
    'days',
    'day',
    'for',
    'no',
    'otherwise',
    'policy',
    'list',
    'field',
    'event',
    'decay',
    'half-life',
    'grade',
    'stage',
    'route',
    'activity',
    'missing',
    'present',
    'true',
    'false',
    'score',
    'fit',
    'title',
    'employees',
    'domain',
    'open',
    'email',
    'visit',
    'page',
    'download',
    'whitepaper',
    '"CTO"',
    '"/pricing*"',
    '""',
    '"',
    "'x'",
    '10',
    '-5',
    '0',
    '1.5',
    '10M',
    '10m',
    '1.2.3',
    '[',
    ']',
    '(',
    ')',
    ':',
    '=',
    '!=',
    '>',
    '>=',
    '<',
    '<=',
    '#',
    '&',
    '\n',
    '\n  ',
    '\n',
    '\r\n',
    '\t',
    'text',
    'number',
    'boolean',
  ];

  it('random token soup', () => {
    const next = random(3);
    compilesAll(Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(next() * 30) }, () => words[Math.floor(next() * words.length)]!).join(' ')));
  });

  it('the reference policy with random lines mutated, dropped or swapped', () => {
    const next = random(4);
    const lines = reference.split('\n');
    const texts: string[] = [];
    for (let i = 0; i < 400; i++) {
      const mutated = [...lines];
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(next() * mutated.length);
        const line = mutated[at]!;
        const cut = Math.floor(next() * (line.length + 1));
        switch (Math.floor(next() * 4)) {
          case 0:
            mutated[at] = line.slice(0, cut);
            break;
          case 1:
            mutated[at] = line.slice(0, cut) + words[Math.floor(next() * words.length)]! + line.slice(cut);
            break;
          case 2:
            mutated.splice(at, 1);
            break;
          default:
            mutated[at] = mutated[(at + 1) % mutated.length]!;
            mutated[(at + 1) % mutated.length] = line;
        }
      }
      texts.push(mutated.join('\n'));
    }
    compilesAll(texts);
  });

  it('renders whatever it reports', () => {
    const next = random(5);
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 20) }, () => words[Math.floor(next() * words.length)]!).join(' ');
      const { diagnostics } = compiles(text);
      expect(renderDiagnostics(diagnostics, text, { fileName: 'x.score' })).toMatch(/x\.score: \d+ errors?, \d+ warnings?\n$/);
    }
  });
});

describe('deep nesting', slow, () => {
  it('10,000 nested parentheses', () => {
    const { diagnostics } = compiles(`when ${'('.repeat(10_000)}title = "x"${')'.repeat(10_000)} add 1`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1008']);
  });

  it('10,000 open parentheses, never closed', () => {
    const { diagnostics } = compiles(`when ${'('.repeat(10_000)}title = "x" add 1`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1009']);
  });

  it('10,000 nested list brackets', () => {
    const { diagnostics } = compiles(`list x = ${'['.repeat(10_000)}"a"${']'.repeat(10_000)}`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1008']);
  });

  it('100,000 `not`s', () => {
    const { diagnostics } = compiles(`when ${'not '.repeat(100_000)}title = "x" add 1`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1008']);
  });

  it('100,000 `not`s split by parentheses', () => {
    const { diagnostics } = compiles(`when ${'not ('.repeat(50_000)}title = "x"${')'.repeat(50_000)} add 1`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1008']);
  });

  it('long flat chains of `and` and of `or` compile', () => {
    const or = Array.from({ length: 5_000 }, (_, i) => `employees > ${i}`).join(' or ');
    const and = Array.from({ length: 5_000 }, (_, i) => `title contains "${i}"`).join(' and ');
    expect(compiles(`when ${or} add 1\nwhen ${and} add 1`).ir).toBeDefined();
  });
});

describe('large input', slow, () => {
  it('a 5 MB policy of valid rules compiles', () => {
    const rules = [
      'when title contains any word ["CEO", "CTO", "VP"] add 15',
      'when employees between 50 and 1000 add 10',
      'when open email add 5 each, at most 15',
      'when visit page "/pricing*" 3 times within 14 days add 20',
      'when country in dach add 5',
      'when no activity for 30 days subtract 10',
    ];
    const lines = ['policy "Large"', 'list dach = ["DE", "AT", "CH"]', 'engagement:', '  decay half-life 60 days'];
    let size = 0;
    for (let i = 0; size < 5_000_000; i++) {
      const line = `  ${rules[i % rules.length]!}`;
      lines.push(line);
      size += line.length + 1;
    }
    lines.push('grade "A" when engagement >= 40', 'grade "B" otherwise');
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThanOrEqual(5_000_000);
    const result = compiles(text);
    // The six rules repeat, so every repeat scores a condition its section already scores (LS5006).
    expect(result.diagnostics.filter((d) => d.code !== 'LS5006')).toEqual([]);
    expect(result.diagnostics).toHaveLength(lines.length - 6 - rules.length);
    expect(result.ir?.contributions).toHaveLength(lines.length - 6);
    // Identical rules share one predicate.
    expect(result.ir?.predicates.length).toBeLessThan(20);
  });

  it('a list of 100,000 entries compiles', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => `"company-${i}.example"`).join(', ');
    const result = compiles(`list competitors = [${entries}]\nwhen domain in competitors blacklist`);
    expect(result.diagnostics).toEqual([]);
    expect(result.ir?.lists[0]?.values).toHaveLength(100_000);
  });

  it('a list of 100,000 entries over as many lines compiles', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => `  ${i},`).join('\n');
    const result = compiles(`list sizes = [\n${entries}\n]\nwhen employees in sizes add 1`);
    expect(result.diagnostics).toEqual([]);
  });

  it('a line of 1 MB: one long string', () => {
    const result = compiles(`when title = "${'x'.repeat(1_000_000)}" add 1`);
    expect(result.diagnostics).toEqual([]);
  });

  it('a line of 1 MB: one long name', () => {
    const { diagnostics } = compiles(`when ${'a'.repeat(1_000_000)} add 1`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS2003']);
  });

  it('a line of 1 MB: an unterminated string', () => {
    const { diagnostics } = compiles(`when title = "${'x'.repeat(1_000_000)}`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1002']);
  });

  it('a line of 100 kB of characters the language does not know, reported once and quoted in part', () => {
    const { diagnostics } = compiles(`when ${'@'.repeat(100_000)}`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1001']);
    expect(diagnostics[0]!.message.length).toBeLessThan(100);
    expect(diagnostics[0]!.range.end.column - diagnostics[0]!.range.start.column).toBe(100_000);
  });

  it('2,000 lines, each with a mistake, give 2,000 diagnostics', () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `when titel${i} = "x" add 1`).join('\n');
    const { diagnostics } = compiles(text);
    expect(diagnostics).toHaveLength(2_000);
    expect(diagnostics.every((d, i) => d.code === 'LS2001' && d.range.start.line === i + 1)).toBe(true);
  });
});

describe('odd characters', () => {
  it('NUL characters', () => {
    const { diagnostics } = compiles('when title = "CTO" add 5\u0000\n\u0000\u0000');
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['LS1001', 1, 25],
      ['LS1001', 2, 1],
    ]);
  });

  it('a NUL inside a string is just a character', () => {
    expect(compiles('when title = "a\u0000b" add 5').diagnostics).toEqual([]);
  });

  it('Unicode line and paragraph separators are reported, not taken as line breaks', () => {
    const { diagnostics } = compiles('when title = "CTO" add 5\u2028when title = "CEO" add 5\u2029');
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['LS1001', 1, 25],
      ['LS1001', 1, 50],
    ]);
  });

  it('a byte-order mark at the start', () => {
    const result = compiles(`\ufeff${reference}`);
    expect(result.diagnostics).toEqual([]);
    expect(result.ir).toBeDefined();
  });

  it('a byte-order mark in the middle is whitespace', () => {
    expect(compiles('when title = "CTO"\ufeff add 5').diagnostics).toEqual([]);
  });

  it('lone surrogates and emoji', () => {
    const { diagnostics } = compiles('when title = "\ud83d\ude00" add 5\nwhen \ud800 add 5\n\udfff');
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['LS1001', 2],
      ['LS1001', 3],
    ]);
  });

  it('the reference policy with CRLF and with CR line breaks', () => {
    expect(compiles(reference.replace(/\n/g, '\r\n')).diagnostics).toEqual([]);
    expect(compiles(reference.replace(/\n/g, '\r')).diagnostics).toEqual([]);
  });

  it('an empty policy and a policy of whitespace compile to an empty rule graph', () => {
    for (const text of ['', '\n', '   ', '\t\n\r\n', '# only a comment']) {
      const result = compiles(text);
      expect(result.diagnostics).toEqual([]);
      expect(result.ir?.contributions).toEqual([]);
    }
  });
});
