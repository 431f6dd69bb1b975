/**
 * Completion: what may come next at the cursor, decided from the statement written so far
 * (read as the parser splits statements, so one continued over several lines counts whole)
 * and the policy's symbols. Works while the policy has errors.
 */
import type { IToken } from 'chevrotain';
import { decisionNames, type Symbols } from '../compiler/index.js';
import { lex, splitLines, tokens as t, type Range as SourceRange } from '../language/index.js';
import type { Analysis } from './analysis.js';
import { keywordDocs } from './keyword-docs.js';
import { count, shortEntries } from './markdown.js';
import { declaredLabels, listEntries, sectionRules } from './symbols.js';
import { isWordToken, keywordTypes } from './tokens.js';
import type { CompletionContext, CompletionItem, Completions, Position } from './types.js';

/**
 * Where completion should pop up by itself after a space, because the next word is clear: a list
 * after `in`, a verb's objects, `is` tests, operators after a field, names where a condition starts.
 * Elsewhere a space ends a word and the editor stays quiet until asked.
 */
export const offeredAfterSpace: ReadonlySet<CompletionContext> = new Set<CompletionContext>(['list', 'object', 'is', 'type', 'operator', 'condition', 'after-verb']);

const fieldTypes = ['text', 'number', 'boolean', 'country', 'date'];
const conditionStarts = new Set(['when', 'and', 'or', 'not', 'no', '(']);

export function complete(analysis: Analysis, position: Position): Completions {
  const { text, symbols } = analysis;
  const lines = text.split(/\r\n|\r|\n/);
  const lineText = lines[position.line] ?? '';
  // Everything up to the cursor: a statement may have begun on an earlier line.
  const prefix = [...lines.slice(0, position.line), lineText.slice(0, position.character)].join('\n');
  const lexed = lex(prefix);
  const onCursorLine = (range: SourceRange) => range.start.line === position.line + 1 || range.end.line === position.line + 1;
  if (lexed.comments.some((comment) => onCursorLine(comment.range)) || lexed.diagnostics.some((d) => d.code === 'LS1002' && onCursorLine(d.range))) {
    return { context: 'none', items: [] };
  }
  const statementTokens = currentStatement(lexed.tokens, text.charCodeAt(0) === 0xfeff);
  // The word being typed is what the editor filters on; the context is what comes before it.
  const last = statementTokens[statementTokens.length - 1];
  const context = last && isWordToken(last) && (last.endOffset ?? 0) + 1 === prefix.length ? statementTokens.slice(0, -1) : statementTokens;
  const words = context.map((token) => (keywordTypes.has(token.tokenType) ? token.image.toLowerCase() : token.image));
  const kind = completionContext(words, context, symbols);
  return { context: kind, items: itemsFor(kind, context, words, symbols, /^\s/.test(lineText)) };
}

/**
 * The tokens of the statement the text ends in, split as the parser splits statements: over line
 * breaks inside `[`/`(` and before a line starting with `and`/`or`. Empty at the start of a statement.
 */
function currentStatement(tokens: IToken[], bom: boolean): IToken[] {
  const statements = splitLines(tokens, [], bom);
  const lastStatement = statements[statements.length - 1];
  const lastToken = tokens[tokens.length - 1];
  // A line break after a complete statement ends it (the next line may still turn out to begin with `and`).
  if (!lastStatement || (lastToken?.tokenType === t.Newline && !lastStatement.unclosed)) return [];
  return lastStatement.tokens;
}

/** The bracket the statement leaves open, innermost: `[` or `(`; undefined when all are closed. */
function openBracket(context: IToken[]): IToken | undefined {
  const open: IToken[] = [];
  for (const token of context) {
    if (token.tokenType === t.LBracket || token.tokenType === t.LParen) open.push(token);
    else if (token.tokenType === t.RBracket || token.tokenType === t.RParen) open.pop();
  }
  return open[open.length - 1];
}

const isDecisionWord = (word: string | undefined) => (decisionNames as readonly string[]).includes(word ?? '');

function completionContext(words: string[], context: IToken[], symbols: Symbols): CompletionContext {
  const first = words[0];
  const last = words[words.length - 1];
  const previous = words[words.length - 2];
  if (first === undefined || last === undefined) return 'statement';
  if (context[1]?.tokenType === t.Colon && first !== 'field') return 'none';
  switch (first) {
    case 'policy':
    case 'import':
      return 'none';
    case 'list':
      return words.length === 2 ? 'any' : 'none';
    case 'field':
      // `field NAME: TYPE`
      return words.length === 3 && context[2]?.tokenType === t.Colon ? 'type' : 'none';
    case 'event':
      return words.length === 1 ? 'after-verb' : 'none';
    case 'decay':
      return words.length === 1 ? 'any' : 'none';
    default:
      break;
  }
  if (isDecisionWord(first) && words.length < 2) return 'none';
  if (openBracket(context)?.tokenType === t.LBracket) return 'entry';
  if (last === 'in' || last === 'any') return 'list';
  if (last === 'is') return 'is';
  if (last === 'no') return 'after-verb';
  if (conditionStarts.has(last)) return 'condition';
  if (previous !== undefined && conditionStarts.has(previous)) {
    const objects = symbols.events.get(last.toLowerCase());
    if (objects && objects.size > 0) return 'object';
    if (symbols.fields.has(last)) return 'operator';
  }
  return 'any';
}

const keyword = (word: string, label = word): CompletionItem => ({ label, kind: 'keyword', detail: 'keyword', documentation: keywordDocs[word] ?? '' });

function fieldItems(symbols: Symbols): CompletionItem[] {
  return [...symbols.fields.values()].map((field) => ({ label: field.name, kind: 'field', detail: `${field.type} field${field.builtin ? ' (built-in)' : ''}` }));
}

function listItems(symbols: Symbols): CompletionItem[] {
  return [...symbols.lists].map(([name, list]) => {
    const { from } = list.declaration;
    const entries = listEntries(list);
    return { label: name, kind: 'list', detail: from !== undefined && entries.length === 0 ? `list from ${JSON.stringify(from.value)}` : shortEntries(entries) };
  });
}

function sectionItems(symbols: Symbols): CompletionItem[] {
  return [...symbols.sections].map(([name, section]) => ({ label: name, kind: 'section', detail: `section · ${count(sectionRules(section).length, 'rule')}` }));
}

function verbItems(symbols: Symbols): CompletionItem[] {
  return [...symbols.events].map(([verb, objects]) => ({ label: verb, kind: 'event', detail: objects.size > 0 ? `event · ${[...objects].join(', ')}` : 'event' }));
}

function decisionItems(symbols: Symbols): CompletionItem[] {
  return [
    { label: 'score', kind: 'decision', detail: 'number · the total score' },
    ...decisionNames.map((name): CompletionItem => {
      const labels = declaredLabels(symbols, name);
      return { label: name, kind: 'decision', detail: `decision · ${labels.length > 0 ? shortEntries(labels.map((label) => JSON.stringify(label))) : 'no rows'}` };
    }),
  ];
}

/**
 * Inside `[…]`: the entries of the policy's named lists, as literals ready to insert, without
 * those the bracket already holds.
 */
function entryItems(symbols: Symbols, context: IToken[]): CompletionItem[] {
  const bracket = openBracket(context);
  const inside = new Set(context.filter((token) => bracket && token.startOffset > bracket.startOffset && token.tokenType !== t.Comma).map((token) => token.image));
  const items = new Map<string, CompletionItem>();
  for (const [name, list] of symbols.lists) {
    for (const entry of listEntries(list)) {
      if (inside.has(entry) || items.has(entry)) continue;
      items.set(entry, { label: entry, kind: 'value', detail: `in list ${name}` });
    }
  }
  return [...items.values()];
}

function itemsFor(kind: CompletionContext, context: IToken[], words: string[], symbols: Symbols, indented: boolean): CompletionItem[] {
  const inDecision = isDecisionWord(words[0]);
  const conditionItems = () => [
    ...fieldItems(symbols),
    ...verbItems(symbols),
    keyword('activity'),
    keyword('no'),
    keyword('not'),
    ...(inDecision ? [...sectionItems(symbols), ...decisionItems(symbols)] : []),
  ];
  switch (kind) {
    case 'none':
      return [];
    case 'statement':
      return indented
        ? [keyword('when'), keyword('decay', 'decay half-life')]
        : ['when', 'policy', 'list', 'field', 'event', 'import', 'dates', 'numbers', 'grade', 'stage', 'route'].map((word) => keyword(word));
    case 'type':
      return fieldTypes.map((type) => ({ label: type, kind: 'type', detail: 'field type' }));
    case 'list':
      return listItems(symbols);
    case 'entry':
      return entryItems(symbols, context);
    case 'is':
      return ['missing', 'present', 'true', 'false'].map((word) => keyword(word));
    case 'after-verb':
      return words[0] === 'event' ? verbItems(symbols) : [...verbItems(symbols), keyword('activity')];
    case 'object': {
      const verb = (words[words.length - 1] ?? '').toLowerCase();
      return [...(symbols.events.get(verb) ?? [])].map((object) => ({ label: object, kind: 'object', detail: `object of ${verb}` }));
    }
    case 'operator': {
      // A date field is tested with its own words.
      const dateField = symbols.fields.get(words[words.length - 1] ?? '')?.type === 'date';
      const operators = dateField
        ? ['before', 'after', 'within', 'more than', 'is']
        : ['contains', 'contains any', 'starts with', 'starts with any', 'ends with', 'ends with any', 'in', 'not in', 'between', 'is'];
      return operators.map((words) => keyword(words.split(' ')[0]!, words));
    }
    case 'condition':
      return conditionItems();
    case 'any': {
      if (words[0] === 'list') return [keyword('from')];
      if (words[0] === 'decay') return [keyword('half-life')];
      if (inDecision && words.length === 2) return [keyword('when'), keyword('otherwise')];
      const keywords = Object.keys(keywordDocs).filter((word) => !['policy', 'list', 'field', 'event', 'import', 'from', 'decay', 'half-life', 'dates', 'numbers'].includes(word));
      return [...keywords.map((word) => keyword(word)), ...conditionItems().filter((item) => item.kind !== 'keyword'), ...listItems(symbols)];
    }
  }
}
