import { tokenMatcher } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics.js';
import { lex } from './lexer.js';
import type { Range } from './source.js';
import * as t from './tokens.js';

/** `line:column-line:column`, the end exclusive. */
const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

/** Each token as `Type image`, newlines included. */
function tokens(text: string): string[] {
  return lex(text).tokens.map((token) => `${token.tokenType.name} ${token.image}`);
}

function diagnostics(text: string): Array<Pick<Diagnostic, 'code' | 'message'> & { at: string; suggestions?: string[]; help?: string }> {
  return lex(text).diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    at: span(d.range),
    ...(d.suggestions && { suggestions: d.suggestions }),
    ...(d.help && { help: d.help }),
  }));
}

describe('keywords', () => {
  const hard = 'when and or not in contains any starts ends with between is add subtract blacklist each at most times within days for no otherwise';

  it('lexes every hard keyword as itself, never as a name', () => {
    const lexed = lex(hard).tokens;
    expect(lexed.map((token) => token.tokenType)).toEqual(t.hardKeywords);
    expect(lexed.filter((token) => tokenMatcher(token, t.Name))).toEqual([]);
  });

  it('accepts the singular `time` and `day`', () => {
    expect(tokens('1 time within 1 day')).toEqual(['NumberLiteral 1', 'Times time', 'Within within', 'NumberLiteral 1', 'Days day']);
  });

  it('lexes every soft keyword as itself, and each is also a name', () => {
    const soft =
      'policy list field event events decay half-life grade stage route activity missing present true false from import version word before after more than ago dates numbers as';
    const lexed = lex(soft).tokens;
    expect(lexed.map((token) => token.tokenType)).toEqual(t.softKeywords);
    expect(lexed.every((token) => tokenMatcher(token, t.Name))).toBe(true);
  });

  it('reads a word that merely starts with a keyword as an identifier', () => {
    expect(tokens('whenever notes anyone android issue most_recent no-show half-lifetime listing')).toEqual([
      'Identifier whenever',
      'Identifier notes',
      'Identifier anyone',
      'Identifier android',
      'Identifier issue',
      'Identifier most_recent',
      'Identifier no-show',
      'Identifier half-lifetime',
      'Identifier listing',
    ]);
  });

  it('is case-sensitive: `When` is a name, not the keyword', () => {
    expect(tokens('When WHEN')).toEqual(['Identifier When', 'Identifier WHEN']);
  });
});

describe('identifiers', () => {
  it('may contain underscores, digits and single inner hyphens', () => {
    expect(tokens('first_name x2 trial-signup product-led-growth _private')).toEqual([
      'Identifier first_name',
      'Identifier x2',
      'Identifier trial-signup',
      'Identifier product-led-growth',
      'Identifier _private',
    ]);
  });

  it('does not end in a hyphen: the hyphen is left over', () => {
    expect(tokens('fit- 1')).toEqual(['Identifier fit', 'NumberLiteral 1']);
    expect(diagnostics('fit- 1')).toEqual([{ code: 'LS1001', message: 'unexpected character `-`', at: '1:4-1:5' }]);
  });

  it('lexes `half-life` as one keyword', () => {
    expect(tokens('decay half-life 60 days')).toEqual(['Decay decay', 'HalfLife half-life', 'NumberLiteral 60', 'Days days']);
  });
});

describe('numbers', () => {
  it('takes integers, decimals, a minus sign and the suffixes k, M and B', () => {
    expect(tokens('10 0 1.5 -5 -0.25 10k 2.5M 1B -1.5k')).toEqual([
      'NumberLiteral 10',
      'NumberLiteral 0',
      'NumberLiteral 1.5',
      'NumberLiteral -5',
      'NumberLiteral -0.25',
      'NumberLiteral 10k',
      'NumberLiteral 2.5M',
      'NumberLiteral 1B',
      'NumberLiteral -1.5k',
    ]);
  });

  it('ends before a comma or a bracket', () => {
    expect(tokens('[1,2]')).toEqual(['LBracket [', 'NumberLiteral 1', 'Comma ,', 'NumberLiteral 2', 'RBracket ]']);
  });
});

describe('strings', () => {
  it('keeps escapes in the image; the parser unquotes them', () => {
    expect(tokens(String.raw`"a \"b\" \\ c\n\t"`)).toEqual([String.raw`StringLiteral "a \"b\" \\ c\n\t"`]);
  });

  it('may hold `#`, keywords and single quotes', () => {
    expect(tokens(`"# when it's"`)).toEqual([`StringLiteral "# when it's"`]);
    expect(lex(`"# when it's"`).comments).toEqual([]);
  });

  it('may be empty', () => {
    expect(tokens('""')).toEqual(['StringLiteral ""']);
  });
});

describe('operators and punctuation', () => {
  it('lexes the longer operator first', () => {
    expect(tokens('>= <= != = > < [ ] ( ) , :')).toEqual([
      'GreaterEqual >=',
      'LessEqual <=',
      'NotEqual !=',
      'Equal =',
      'Greater >',
      'Less <',
      'LBracket [',
      'RBracket ]',
      'LParen (',
      'RParen )',
      'Comma ,',
      'Colon :',
    ]);
  });

  it('needs no spaces around operators', () => {
    expect(tokens('employees>=50')).toEqual(['Identifier employees', 'GreaterEqual >=', 'NumberLiteral 50']);
  });
});

describe('comments', () => {
  it('keeps comments out of the tokens and in `comments`, with their ranges', () => {
    const result = lex('# fit rules\nwhen open email add 5 # five points\n');
    expect(result.tokens.map((token) => token.image)).toEqual(['\n', 'when', 'open', 'email', 'add', '5', '\n']);
    expect(result.comments.map((comment) => [comment.text, span(comment.range)])).toEqual([
      ['# fit rules', '1:1-1:12'],
      ['# five points', '2:23-2:36'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('ends a comment at a CR as well as at an LF', () => {
    const result = lex('# one\rwhen');
    expect(result.comments.map((comment) => comment.text)).toEqual(['# one']);
    expect(tokens('# one\rwhen')).toEqual(['Newline \r', 'When when']);
  });
});

describe('line breaks', () => {
  it('counts LF, CRLF and a lone CR each as one line break', () => {
    const result = lex('a\nb\r\nc\rd');
    expect(result.tokens.map((token) => [token.image, token.startLine, token.startColumn])).toEqual([
      ['a', 1, 1],
      ['\n', 1, 2],
      ['b', 2, 1],
      ['\r\n', 2, 2],
      ['c', 3, 1],
      ['\r', 3, 2],
      ['d', 4, 1],
    ]);
    expect(result.lines.lineCount).toBe(4);
    expect(result.lines.lineText(2)).toBe('b');
  });

  it('skips spaces, tabs and no-break spaces', () => {
    expect(tokens('\twhen\u00a0 x')).toEqual(['When when', 'Identifier x']);
  });

  it('reads a byte-order mark as a space, so offsets still match the text', () => {
    const result = lex('\ufeffwhen');
    expect(result.diagnostics).toEqual([]);
    expect(result.tokens.map((token) => [token.image, token.startOffset, token.startColumn])).toEqual([['when', 1, 2]]);
  });
});

describe('LS1001: unexpected character', () => {
  it('reports a character the language does not know, with its range', () => {
    expect(diagnostics('when title = "x" @ add 5')).toEqual([{ code: 'LS1001', message: 'unexpected character `@`', at: '1:18-1:19' }]);
  });

  it('reports a run of unknown characters once', () => {
    expect(diagnostics('a $%^ b')).toEqual([{ code: 'LS1001', message: 'unexpected characters `$%^`', at: '1:3-1:6' }]);
  });

  it('quotes only the start of a long run; the range covers all of it', () => {
    expect(diagnostics(`x ${'@'.repeat(50)}`)).toEqual([{ code: 'LS1001', message: `unexpected characters \`${'@'.repeat(20)}…\``, at: '1:3-1:53' }]);
  });

  it('reports runs separated by a space separately, and leaves the tokens around them', () => {
    expect(diagnostics('a @ b @')).toEqual([
      { code: 'LS1001', message: 'unexpected character `@`', at: '1:3-1:4' },
      { code: 'LS1001', message: 'unexpected character `@`', at: '1:7-1:8' },
    ]);
    expect(tokens('a @ b @')).toEqual(['Identifier a', 'Identifier b']);
  });

  it('suggests `and`, `or` and `not` for `&`, `|` and `!`', () => {
    expect(diagnostics('a && b || !c')).toEqual([
      { code: 'LS1001', message: 'unexpected characters `&&`', at: '1:3-1:5', help: 'write `and`' },
      { code: 'LS1001', message: 'unexpected characters `||`', at: '1:8-1:10', help: 'write `or`' },
      { code: 'LS1001', message: 'unexpected character `!`', at: '1:11-1:12', help: 'write `not`, or `!=` for "not equal"' },
    ]);
  });

  it('names invisible characters by their code point', () => {
    expect(diagnostics('a\u0000b\u2028c')).toEqual([
      { code: 'LS1001', message: 'unexpected character `U+0000`', at: '1:2-1:3' },
      { code: 'LS1001', message: 'unexpected character `U+2028`', at: '1:4-1:5' },
    ]);
  });

  it('reports a string in single quotes once, suggesting double quotes', () => {
    expect(diagnostics(`when title = 'CTO' add 5`)).toEqual([
      { code: 'LS1001', message: 'strings use straight double quotes', at: '1:14-1:19', suggestions: ['"CTO"'], help: 'write "CTO"' },
    ]);
  });

  it.each([
    ['curly double quotes', '“Head of”'],
    ['curly single quotes', '‘Head of’'],
    ['German quotes', '„Head of“'],
    ['a curly quote closed by a straight one', '“Head of"'],
  ])('reports a string in %s, suggesting straight double quotes', (_, quoted) => {
    expect(diagnostics(`when title = ${quoted} add 5`)).toEqual([
      { code: 'LS1001', message: 'strings use straight double quotes', at: '1:14-1:23', suggestions: ['"Head of"'], help: 'write "Head of"' },
    ]);
  });

  it('escapes a double quote inside a single-quoted string in the suggestion', () => {
    expect(lex(`'say "hi"'`).diagnostics[0]?.suggestions).toEqual([String.raw`"say \"hi\""`]);
  });

  it('hints at double quotes for a lone single quote', () => {
    expect(diagnostics(`'CTO`)).toEqual([{ code: 'LS1001', message: "unexpected character `'`", at: '1:1-1:2', help: 'strings use straight double quotes: "…"' }]);
  });
});

describe('LS1002: unterminated string', () => {
  it('runs from the opening quote to the end of the line', () => {
    expect(diagnostics('when title = "CTO add 5\nwhen x')).toEqual([
      {
        code: 'LS1002',
        message: 'this string has no closing `"`',
        at: '1:14-1:24',
        help: 'a string ends on the line it starts; close it with `"`',
      },
    ]);
  });

  it('does not end at an escaped quote', () => {
    expect(diagnostics(String.raw`x = "a\"`)).toEqual([expect.objectContaining({ code: 'LS1002', at: '1:5-1:9' })]);
  });

  it('leaves the next line alone', () => {
    expect(tokens('"open\r\nwhen')).toEqual(['Newline \r\n', 'When when']);
  });
});

describe('LS1003: malformed number', () => {
  const help = 'write digits, an optional decimal part and an optional suffix k (thousand), M (million) or B (billion), e.g. 10M';

  it.each([
    ['10m', '1:12-1:15'],
    ['1.2.3', '1:12-1:17'],
    ['5K', '1:12-1:14'],
    ['10Mio', '1:12-1:17'],
    ['-3x', '1:12-1:15'],
  ])('reports `%s` as a whole, at %s', (number, at) => {
    expect(diagnostics(`when rev > ${number} add 1`)).toEqual([{ code: 'LS1003', message: `\`${number}\` is not a number`, at, help }]);
  });

  it('leaves the malformed number out of the tokens', () => {
    expect(tokens('rev > 10m')).toEqual(['Identifier rev', 'Greater >']);
  });
});

describe('positions', () => {
  it('reports diagnostics in source order, on the right lines', () => {
    expect(diagnostics('a\n  10m @\n"x').map((d) => [d.code, d.at])).toEqual([
      ['LS1003', '2:3-2:6'],
      ['LS1001', '2:7-2:8'],
      ['LS1002', '3:1-3:3'],
    ]);
  });

  it('counts columns after a CRLF from the start of the new line', () => {
    expect(diagnostics('a\r\n @')).toEqual([{ code: 'LS1001', message: 'unexpected character `@`', at: '2:2-2:3' }]);
  });
});
