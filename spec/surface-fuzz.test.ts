import { describe, expect, it } from 'vitest';
import { lex, tokens as t } from '../language/index.js';
import { randomSurfacePolicy, renderPolicy, seededRandom } from './random-policy.js';
import { checkCase, describeFailure, fuzzCase, shrink, shrinkFailure } from './surface-fuzz.js';

/**
 * Random policies in the whole surface syntax: each is accepted, means what it means written one
 * statement per line, is formatted idempotently and faithfully by `fmt`, and is scored alike by
 * the generated code and the interpreter. `npm run fuzz` runs the same checks on many more seeds.
 */
const policies = 300;
const leadsPerPolicy = 10;
const slow = { timeout: 120_000 };

describe('the whole surface syntax', () => {
  it(`${policies} random policies × ${leadsPerPolicy} leads: accepted, as on one line, fmt idempotent and faithful, backends agree`, slow, () => {
    for (let seed = 1; seed <= policies; seed++) {
      const fuzz = fuzzCase(seed, leadsPerPolicy);
      const failure = checkCase(fuzz);
      if (failure) {
        const smallest = shrinkFailure(fuzz, failure, 500);
        expect.fail(describeFailure(smallest.fuzz, smallest.failure));
      }
    }
  });

  it('the policies cover what the language lets an author vary', () => {
    const seen = new Set<string>();
    const statementWords = new Set([t.Policy, t.List, t.Field, t.Event, t.Decay, t.Import, t.Grade, t.Stage, t.Route]);
    for (let seed = 1; seed <= policies; seed++) {
      const text = renderPolicy(randomSurfacePolicy(seededRandom(seed)));
      const { tokens } = lex(text);
      let depth = 0;
      for (let i = 0; i < tokens.length; i++) {
        const [previous, token, next] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
        if (token.tokenType === t.Newline) continue;
        const startsLine = !previous || previous.tokenType === t.Newline;
        const column = token.startColumn === 1 || (token.startColumn === 2 && token.startOffset === 1 && text.startsWith('\ufeff')) ? 'at column 1' : 'indented';
        if (startsLine && depth > 0 && statementWords.has(token.tokenType)) {
          seen.add(`\`${token.image}\` starts a line inside brackets, ${column}`);
          const alone = next?.tokenType === t.Newline || !next;
          if (alone || tokens[i + 2]?.tokenType === t.Newline) seen.add(`\`${token.image}\` and at most one word after it make a line inside brackets`);
        }
        if (startsLine && (token.tokenType === t.And || token.tokenType === t.Or)) seen.add(`a line starts with \`${token.image}\`${depth > 0 ? ' inside brackets' : ''}`);
        if (startsLine && depth > 0 && token.tokenType !== t.And && token.tokenType !== t.Or) seen.add('another word starts a line inside brackets');
        if (token.tokenType === t.LParen || token.tokenType === t.LBracket) depth++;
        if (token.tokenType === t.RParen || token.tokenType === t.RBracket) depth--;
      }
      // Indented lines are matched as `[ \t][^\n]*`: one way to split each, so a failing match does not backtrack over every split of every line's indentation.
      const checks: Array<[string, RegExp]> = [
        ['a comment inside a statement', /\(\s*#|#[^\n]*\n\s*(and|or|\)|\]|[\w"])[^\n]*\n?/],
        ['a blank line inside a statement', /[([,]\s*\n\s*\n/],
        // `[ \t].*`, not `[ \t]+.*`: the two would split an indentation many ways, and backtrack for seconds.
        ['a blank line inside a section', /^[\w-]+:.*\n(?:[ \t].*\n)*\n[ \t]+when/m],
        ['a comment line inside a section', /^[\w-]+:.*\n(?:[ \t].*\n)*[ \t]*#.*\n[ \t]+when/m],
        ['a section indented by tabs', /:\s*(?:#.*)?\r?\n\t/],
        ['a statement after a blank line', /\n\s*\n(when|list|field|event|grade|stage|route|policy)/],
        ['CRLF line ends', /\r\n/],
        ['a byte-order mark', /^\ufeff/],
        ['no space around punctuation', /\w[(=[]|[=,(][\w"]/],
        ['spaces and tabs between words', / \t {2}/],
        ['`1 time` and `1 day`', /\b1 time\b[\s\S]*|\b1 day\b/],
        ['`each at most` without a comma', /each at most/],
        ['an escaped letter in a string', /"[^"\n]*\\[A-Za-mo-su-z][^"\n]*"/],
        ['an event word in capitals', /\b(OPEN|VISIT|DOWNLOAD|REQUEST|ATTEND|UNSUBSCRIBE|EMAIL|PAGE|POLICY|LIST|EVENT)\b/],
        ['a number with a suffix', /\d[kM]\b/],
        ['`not in` and `not`', /not in[\s\S]*\bnot\b/],
        ['declarations after rules', /when[\s\S]*\n(field|list|event) /],
        ['a named rule', /\bas "/],
      ];
      for (const [what, pattern] of checks) if (pattern.test(text)) seen.add(what);
    }
    const expected = [
      ...['policy', 'list', 'field', 'event', 'decay', 'import'].flatMap((word) => [
        `\`${word}\` starts a line inside brackets, at column 1`,
        `\`${word}\` starts a line inside brackets, indented`,
        `\`${word}\` and at most one word after it make a line inside brackets`,
      ]),
      ...['grade', 'stage', 'route'].map((word) => `\`${word}\` starts a line inside brackets, indented`),
      'a named rule',
      'a line starts with `and`',
      'a line starts with `or`',
      'a line starts with `and` inside brackets',
      'a line starts with `or` inside brackets',
      'another word starts a line inside brackets',
      'a comment inside a statement',
      'a blank line inside a statement',
      'a blank line inside a section',
      'a comment line inside a section',
      'a section indented by tabs',
      'a statement after a blank line',
      'CRLF line ends',
      'a byte-order mark',
      'no space around punctuation',
      'spaces and tabs between words',
      '`1 time` and `1 day`',
      '`each at most` without a comma',
      'an escaped letter in a string',
      'an event word in capitals',
      'a number with a suffix',
      '`not in` and `not`',
      'declarations after rules',
    ];
    expect(expected.filter((what) => !seen.has(what))).toEqual([]);
  });

  it('shrinks a failing policy to the smallest one that still fails', () => {
    const fuzz = fuzzCase(7, 5);
    const blacklists = (candidate: typeof fuzz) => /\bblacklist\b/.test(renderPolicy(candidate.policy));
    const seed = Array.from({ length: 50 }, (_, i) => fuzzCase(i + 1, 5)).find(blacklists) ?? fuzz;
    const smallest = shrink(seed, blacklists);
    const text = renderPolicy(smallest.policy, { layout: false });
    expect(text).toMatch(/\bblacklist\b/);
    expect(text.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(smallest.leads).toHaveLength(1);
  });

  it('describes a failure with its seed, its check, the policy and its leads', () => {
    const fuzz = fuzzCase(3, 2);
    const description = describeFailure(fuzz, { check: 'fmt', message: 'fmt is not idempotent', signature: 'fmt idempotent' });
    expect(description).toContain('seed 3: fails `fmt`');
    expect(description).toContain(renderPolicy(fuzz.policy));
    expect(description).toContain(JSON.stringify(fuzz.leads[1]));
  });
});
