import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, test } from 'vitest';
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';
import { lex, tokens } from '../../language/index.js';
import { scopeName, scopeOf, textMateGrammar, unscopedTokens } from './scripts/grammar.js';
import { grammarFile } from './scripts/write-grammar.js';

const require = createRequire(import.meta.url);
const examples = ['b2b-saas.score', 'product-led.score', 'product-lines.score'].map((name) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));

/** The scopes TextMate gives each character of `text`, by offset, with VS Code's own engine and regular expressions (Oniguruma). */
let scopesOf: (text: string) => string[][];

beforeAll(async () => {
  await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (text) => new oniguruma.OnigString(text) }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(grammarFile, 'utf8'), 'leadscore.tmLanguage.json'),
  });
  const grammar = (await registry.loadGrammar(scopeName))!;
  scopesOf = (text) => {
    const scopes: string[][] = [];
    let stack = textmate.INITIAL;
    for (const line of text.split('\n')) {
      const { tokens: lineTokens, ruleStack } = grammar.tokenizeLine(line, stack);
      stack = ruleStack;
      // An empty line still has one token, one character long: only the line's own characters count.
      for (const token of lineTokens) for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) scopes.push(token.scopes);
      scopes.push([scopeName]); // the line break
    }
    return scopes;
  };
});

describe('the TextMate grammar', () => {
  test('is the one generated from the lexer tokens (run `npx tsx editors/vscode/scripts/write-grammar.ts` after changing language/tokens.ts)', () => {
    expect(JSON.parse(readFileSync(grammarFile, 'utf8'))).toEqual(textMateGrammar());
  });

  test('has a scope for every token the lexer produces', () => {
    for (const token of tokens.allTokens) if (!unscopedTokens.has(token)) expect(scopeOf(token), token.name).toBeDefined();
  });

  test('highlights every token of the example policies as the lexer reads it', () => {
    for (const text of examples) {
      const scopes = scopesOf(text);
      const { tokens: lexed, comments } = lex(text);
      const checked = [
        ...lexed.filter((token) => !unscopedTokens.has(token.tokenType)),
        ...comments.map((comment) => ({ tokenType: tokens.Comment, startOffset: comment.range.start.offset, image: comment.text })),
      ];
      expect(checked.length).toBeGreaterThan(100);
      for (const token of checked) {
        const expected = scopeOf(token.tokenType)!;
        for (let offset = token.startOffset; offset < token.startOffset + token.image.length; offset++) {
          const at = scopes[offset]!;
          // A section's name is the one place the grammar says more than the lexer.
          const allowed = at.includes(expected) || (token.tokenType === tokens.Identifier && at.includes('entity.name.section.leadscore'));
          expect(allowed, `${token.image} at ${offset}: ${at.join(' ')}`).toBe(true);
        }
      }
    }
  });

  test('names that begin with a keyword stay names; wrong quotes, bad numbers and open strings are marked invalid', () => {
    const text = 'when when-ever = timestamp add 10m\nwhen title = ‘CTO’ add 5\nwhen title = "CTO add 5\n';
    const scopes = scopesOf(text);
    const scopeAt = (search: string) => scopes[text.indexOf(search)]!.at(-1);
    expect(scopeAt('when-ever')).toBe('variable.other.leadscore');
    expect(scopeAt('timestamp')).toBe('variable.other.leadscore');
    expect(scopeAt('10m')).toBe('invalid.illegal.number.leadscore');
    expect(scopeAt('‘CTO’')).toBe('invalid.illegal.wrong-quotes.leadscore');
    expect(scopeAt('"CTO add')).toBe('invalid.illegal.unterminated-string.leadscore');
    expect(scopeAt('when')).toBe('keyword.control.leadscore');
  });
});
