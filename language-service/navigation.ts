/**
 * Go to definition, find references and rename, for lists, fields and sections. References
 * and renames reach every policy of the workspace that sees the same declaration (through
 * its imports), not only the document asked about.
 */
import { decisionNames, scoreName } from '../compiler/index.js';
import { lex, tokens as t } from '../language/index.js';
import type { Analysis } from './analysis.js';
import { occurrenceAt, occurrences, type NamedSymbol, type Occurrence } from './names.js';
import { offsetAt, toRange } from './positions.js';
import type { Location, Position, PrepareRenameAnswer, RenameAnswer, WorkspaceEdit } from './types.js';

/** What references and renames search besides the document: the workspace's other policies and its policy tests. */
export interface Elsewhere {
  policies(): Iterable<Analysis>;
  tests(): Iterable<Occurrence>;
}

const nowhere: Elsewhere = { policies: () => [], tests: () => [] };

function at(analysis: Analysis, position: Position): { all: Occurrence[]; found: Occurrence | undefined } {
  const all = occurrences(analysis.program, analysis.declared, analysis.file);
  return { all, found: occurrenceAt(all, analysis.file, offsetAt(analysis.text, position)) };
}

export function definition(analysis: Analysis, position: Position): Location | undefined {
  const declaration = at(analysis, position).found?.symbol.declaration;
  return declaration && { file: declaration.file, range: toRange(declaration.range) };
}

/** Every occurrence of the symbol, in this policy, the others and the tests, each place once. */
function everywhere(analysis: Analysis, symbol: NamedSymbol, elsewhere: Elsewhere): Occurrence[] {
  const seen = new Map<string, Occurrence>();
  const add = (found: Iterable<Occurrence>) => {
    for (const occurrence of found) if (occurrence.symbol.key === symbol.key) seen.set(`${occurrence.file}@${occurrence.range.start.offset}`, occurrence);
  };
  for (const each of [analysis, ...elsewhere.policies()]) add(occurrences(each.program, each.declared, each.file));
  add(elsewhere.tests());
  return [...seen.values()];
}

export function references(analysis: Analysis, position: Position, includeDeclaration: boolean, elsewhere: Elsewhere): Location[] {
  const found = at(analysis, position).found;
  if (!found) return [];
  // A built-in field is the same in every policy: its uses elsewhere are not about this one.
  return everywhere(analysis, found.symbol, found.symbol.declaration ? elsewhere : nowhere)
    .filter((occurrence) => includeDeclaration || !occurrence.isDeclaration)
    .map((occurrence) => ({ file: occurrence.file, range: toRange(occurrence.range) }));
}

/** The places in this document that name the same list, field or section as the one under the cursor. */
export function highlights(analysis: Analysis, position: Position): Location[] {
  const { all, found } = at(analysis, position);
  if (!found) return [];
  return all
    .filter((occurrence) => occurrence.symbol.key === found.symbol.key && occurrence.file === analysis.file)
    .map((occurrence) => ({ file: occurrence.file, range: toRange(occurrence.range) }));
}

export function prepareRename(analysis: Analysis, position: Position): PrepareRenameAnswer {
  const found = at(analysis, position).found;
  if (!found) return { error: 'only the names of lists, fields and sections can be renamed' };
  if (!found.symbol.declaration) return { error: `\`${found.symbol.name}\` is a built-in field; it cannot be renamed` };
  return { range: toRange(found.range), placeholder: found.symbol.name };
}

export function rename(analysis: Analysis, position: Position, newName: string, elsewhere: Elsewhere): RenameAnswer {
  const prepared = prepareRename(analysis, position);
  if ('error' in prepared) return prepared;
  const symbol = at(analysis, position).found!.symbol;
  const refused = refuseName(newName, symbol, analysis);
  if (refused) return { error: refused };
  const edit: WorkspaceEdit = {};
  if (newName === symbol.name) return { edit };
  for (const occurrence of everywhere(analysis, symbol, elsewhere)) (edit[occurrence.file] ??= []).push({ range: toRange(occurrence.range), newText: newName });
  return { edit };
}

/** Why `name` cannot replace the symbol's name, or undefined when it can. */
function refuseName(name: string, symbol: NamedSymbol, analysis: Analysis): string | undefined {
  const lexed = lex(name);
  const token = lexed.tokens[0];
  const isName =
    lexed.tokens.length === 1 && lexed.diagnostics.length === 0 && token!.image === name && (token!.tokenType === t.Identifier || t.softKeywords.includes(token!.tokenType));
  if (!isName) return `\`${name}\` is not a name: a name starts with a letter or \`_\`, goes on with letters, digits, \`_\` and single \`-\`, and is not a keyword`;
  if (name === symbol.name) return undefined;
  const { declared } = analysis;
  if (symbol.kind === 'list') return declared.lists.has(name) ? `there is already a list \`${name}\`` : undefined;
  if (name === scoreName || (decisionNames as readonly string[]).includes(name))
    return `\`${name}\` is reserved for the ${name === scoreName ? 'total score' : `\`${name}\` decision`}`;
  if (declared.fields.has(name)) return `there is already a field \`${name}\``;
  if (declared.sections.has(name)) return `there is already a section \`${name}\``;
  return undefined;
}
