/** What the binder's symbols say, in the words completion and hover show. */
import type { ListSymbol, Symbols } from '../compiler/index.js';
import type * as ast from '../language/index.js';

/** A list's entries as written: strings quoted, numbers as typed. */
export function listEntries(list: ListSymbol): string[] {
  return list.declaration.items.items.map((literal) => (literal.kind === 'String' ? JSON.stringify(literal.value) : literal.raw));
}

export function sectionRules(section: ast.Section): ast.Rule[] {
  return section.items.filter((item): item is ast.Rule => item.kind === 'Rule');
}

export function sectionDecay(section: ast.Section): ast.DecayDeclaration | undefined {
  return section.items.find((item): item is ast.DecayDeclaration => item.kind === 'Decay');
}

/** The labels of a decision's rows, each once, in source order. */
export function declaredLabels(symbols: Symbols, decision: ast.DecisionKind): string[] {
  return [...new Set((symbols.decisions.get(decision) ?? []).map((row) => row.label.value))];
}
