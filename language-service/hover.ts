/**
 * Hover: what a name is (a list's entries, a field's type, a section's rules, a decision's
 * rows), what a keyword does, and on a rule's effect, its points and section. Text from the
 * policy is escaped: hovers are Markdown that never carries the policy's markup.
 */
import type { Symbols } from '../compiler/index.js';
import { tokenRange, tokens as t, type Program } from '../language/index.js';
import type * as ast from '../language/index.js';
import type { Analysis } from './analysis.js';
import { keywordDocs } from './keyword-docs.js';
import { count, escapeMarkdown } from './markdown.js';
import { toRange, toSourcePosition } from './positions.js';
import { declaredLabels, listEntries, sectionDecay, sectionRules } from './symbols.js';
import { keywordTypes, startsStatement, tokenAt } from './tokens.js';
import type { Hover, Position } from './types.js';

export function hover(analysis: Analysis, position: Position): Hover | undefined {
  const { text, program, symbols } = analysis;
  const token = tokenAt(text, toSourcePosition(position));
  if (!token) return undefined;
  const word = token.image;
  const lower = word.toLowerCase();
  const contents: string[] = [];
  const rule = ruleAt(program, token.startOffset);
  if (token.tokenType === t.Identifier || (keywordTypes.has(token.tokenType) && t.softKeywords.includes(token.tokenType) && !startsStatement(text, token))) {
    const described = describeName(word, symbols);
    if (described) contents.push(...described);
  }
  if (contents.length === 0 && keywordTypes.has(token.tokenType)) {
    const doc = keywordDocs[lower];
    if (doc) contents.push(`**${escapeMarkdown(lower)}** (keyword): ${doc}`);
  }
  if (rule && (token.startOffset >= rule.condition.range.end.offset || lower === 'when')) contents.push(describeRule(rule, sectionOf(program, rule)));
  return contents.length > 0 ? { range: toRange(tokenRange(token)), contents } : undefined;
}

function describeName(name: string, symbols: Symbols): string[] | undefined {
  const list = symbols.lists.get(name);
  if (list) {
    const entries = listEntries(list);
    const from = list.declaration.from;
    const shown =
      from !== undefined && entries.length === 0
        ? `entries from ${escapeMarkdown(JSON.stringify(from.value))}`
        : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}: ${escapeMarkdown(entries.join(', '))}`;
    return [`**list ${escapeMarkdown(name)}**`, shown];
  }
  const section = symbols.sections.get(name);
  if (section) {
    const halfLife = sectionDecay(section)?.halfLife.raw;
    const decay = halfLife === undefined ? '' : `, decay half-life ${escapeMarkdown(halfLife)} days`;
    return [`**section ${escapeMarkdown(name)}**: ${count(sectionRules(section).length, 'rule')}${decay}`];
  }
  const field = symbols.fields.get(name);
  if (field) return [`**field ${escapeMarkdown(name)}**: ${escapeMarkdown(field.type)}${field.builtin ? ' (built-in)' : ''}`];
  if (name === 'grade' || name === 'stage' || name === 'route') {
    const labels = declaredLabels(symbols, name);
    return [`**${name}** (decision): ${labels.length > 0 ? escapeMarkdown(labels.map((label) => JSON.stringify(label)).join(', ')) : 'no rows'}`];
  }
  if (name === 'score') return ['**score**: the total of every section and of the rules outside sections'];
  const objects = symbols.events.get(name.toLowerCase());
  if (objects) return [`**event ${escapeMarkdown(name.toLowerCase())}**${objects.size > 0 ? `: ${escapeMarkdown([...objects].join(', '))}` : ''}`];
  return undefined;
}

function sectionOf(program: Program, rule: ast.Rule): ast.Section | undefined {
  return program.statements.find((statement): statement is ast.Section => statement.kind === 'Section' && statement.items.includes(rule));
}

function ruleAt(program: Program, offset: number): ast.Rule | undefined {
  for (const statement of program.statements) {
    if (statement.range.file !== undefined) continue;
    const rules = statement.kind === 'Section' ? statement.items : [statement];
    for (const item of rules) if (item.kind === 'Rule' && item.range.start.offset <= offset && offset < item.range.end.offset) return item;
  }
  return undefined;
}

function describeRule(rule: ast.Rule, section: ast.Section | undefined): string {
  const where = section ? `in section ${escapeMarkdown(section.name.name)}` : 'outside sections: adds to the total';
  if (rule.effect.kind === 'blacklist') return `**rule**, line ${rule.range.start.line}, ${where}: blacklists the lead`;
  const sign = rule.effect.kind === 'add' ? '+' : '−';
  const points = `${sign}${escapeMarkdown(rule.effect.amount.raw)} points${rule.each ? ' per matching event' : ''}`;
  const cap = rule.atMost ? `, at most ${escapeMarkdown(rule.atMost.raw)}` : '';
  const halfLife = section && sectionDecay(section)?.halfLife.raw;
  const decays = halfLife === undefined ? '' : `; the section's event points decay with a half-life of ${escapeMarkdown(halfLife)} days`;
  return `**rule**, line ${rule.range.start.line}, ${where}: ${points}${cap}${decays}`;
}
