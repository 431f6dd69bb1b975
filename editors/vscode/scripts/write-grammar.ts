/** Writes syntaxes/leadscore.tmLanguage.json from the lexer's tokens: `npx tsx editors/vscode/scripts/write-grammar.ts`. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { textMateGrammar } from './grammar.js';

export const grammarFile = new URL('../syntaxes/leadscore.tmLanguage.json', import.meta.url);

/** Writes the grammar when it changed; true when it did (a file left alone can be read meanwhile). */
export function writeGrammar(): boolean {
  const text = `${JSON.stringify(textMateGrammar(), null, 2)}\n`;
  if (existsSync(grammarFile) && readFileSync(grammarFile, 'utf8') === text) return false;
  writeFileSync(grammarFile, text);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) writeGrammar();
