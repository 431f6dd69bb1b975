import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const folder = new URL('./', import.meta.url);
const sources = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

/** Every module a file imports, as written. */
const importsOf = (name: string) => [...readFileSync(new URL(name, folder), 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((match) => match[1]!);

describe('language-service/ stays editor-independent', () => {
  test('it imports language/ and compiler/ through their index.ts, runtime/ types at most, and chevrotain types; no Node, Monaco or LSP module', () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const name of sources) {
      for (const specifier of importsOf(name)) {
        const allowed = specifier.startsWith('./') || ['../language/index.js', '../compiler/index.js', '../runtime/index.js', 'chevrotain'].includes(specifier);
        expect(allowed, `${name} imports ${specifier}`).toBe(true);
      }
    }
  });
});
