/**
 * The editor's language services, without Monaco: completion, hover, go to
 * definition and formatting for a policy's text and a position in it. They read
 * the parser's AST, which survives errors (every line that parses is in it), and
 * remember the last policy that compiled, so a declaration whose line is being
 * edited (and does not parse right now) is still known. Runs in a worker.
 */
import type { IToken, TokenType } from 'chevrotain';
import { builtinEvents, builtinFields, compile } from '../../compiler/index.js';
import { formatPolicy, hasErrors, lex, parse, tokens as t, type Range } from '../../language/index.js';
import { splitLines } from '../../language/index.js';
import type * as ast from '../../language/index.js';

/** 1-based, as Monaco counts. */
export interface Position {
  line: number;
  column: number;
}

/** A range as Monaco wants it: 1-based, `endColumn` is the column after the last character. */
export interface TextRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export type CompletionKind = 'keyword' | 'field' | 'list' | 'section' | 'event' | 'object' | 'decision' | 'type' | 'value';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** The field's type, the list's entries, a section's rule count, a verb's objects… */
  detail: string;
  documentation?: string;
}

/**
 * Where the cursor is, which decides what is offered: `statement` at the start of a line,
 * `condition` where a condition starts, `operator` after a field, `list` after `in` or `any`,
 * `entry` inside `[…]`, `object` after an event verb, `is` after `is`, `type` in a field declaration, `any` elsewhere
 * in a statement, `none` where nothing fits (in a string, a comment, a name being declared).
 */
export type CompletionContext = 'statement' | 'condition' | 'operator' | 'list' | 'entry' | 'object' | 'is' | 'type' | 'after-verb' | 'any' | 'none';

export interface Completions {
  context: CompletionContext;
  items: CompletionItem[];
}

export interface Hover {
  range: TextRange;
  /** Markdown paragraphs; text from the policy is escaped, never markup. */
  contents: string[];
}

export interface FormatAnswer {
  /** The canonical text; absent when the policy has syntax errors. */
  text?: string;
  /** Why it was not formatted. */
  error?: string;
}

/** One line on what each keyword does, for hover and completion. */
export const keywordDocs: Readonly<Record<string, string>> = {
  when: 'Starts a rule (`when CONDITION add N`) or a decision row’s condition.',
  and: 'Both conditions must hold.',
  or: 'At least one of the conditions must hold.',
  not: 'The condition must not hold; `not in` tests that a value is in no entry of a list.',
  in: 'The value is one of a list’s entries: a named list or `[…]`.',
  contains: 'The text contains a piece of text (case-insensitive); `contains any` takes a list.',
  any: 'With `contains`, `starts with` or `ends with`: matches any entry of a list.',
  starts: '`starts with`: the text begins with the given text (case-insensitive).',
  ends: '`ends with`: the text ends with the given text (case-insensitive).',
  with: 'Part of `starts with` and `ends with`.',
  between: '`between LOW and HIGH`: a number within the bounds, both included.',
  is: '`is missing`, `is present`, `is true`, `is false`: tests a field’s value.',
  add: 'Adds points to the section (or to the total, outside sections) when the condition holds.',
  subtract: 'Takes points away when the condition holds.',
  blacklist: 'Marks the lead blacklisted: it keeps its score and grade, gets stage "Blacklisted" and no route.',
  each: 'The points count once per matching event, not once per lead.',
  at: '`at most N`: caps the points a rule gives a lead.',
  most: '`at most N`: caps the points a rule gives a lead.',
  times: '`K times`: the event must have happened at least K times.',
  time: '`1 time`: the event must have happened at least once.',
  within: '`within N days`: only events of the last N days count.',
  days: 'A number of days, counted back from now.',
  day: 'A number of days, counted back from now.',
  for: '`no EVENT for N days`: no such event in the last N days.',
  no: '`no EVENT for N days` (or `no activity for N days`): no such event in that time.',
  otherwise: 'The decision row that applies when no row above it does.',
  policy: '`policy "NAME"`: the policy’s name.',
  list: '`list NAME = […]` or `list NAME from "file.txt"`: a named list of strings or numbers.',
  field: '`field NAME: TYPE`: declares a lead profile field (text, number or boolean); `field NAME from "Label", …` names the columns or keys a CRM gives it.',
  event: '`event VERB OBJECT, …`: declares a custom event, or more objects for a built-in verb; `event VERB OBJECT from "CRM type", …` names the CRM event types that mean it.',
  events: '`events PART from "Column", …`: where events keep `lead_id`, `type`, `object`, `name` or `at` in a CRM export or API.',
  decay: '`decay half-life N days`: the section’s event points halve every N days.',
  version: '`policy "NAME" version "V"`: the policy’s version, carried with its name and a hash of the rule graph in every result.',
  'half-life': '`decay half-life N days`: the section’s event points halve every N days.',
  grade: 'A decision row: `grade "A" when CONDITION`; the first row whose condition holds wins.',
  stage: 'A decision row: `stage "SQL" when CONDITION`; the first row whose condition holds wins.',
  route: 'A decision row: `route "SDR" when CONDITION`; the first row whose condition holds wins.',
  activity: 'Any event at all: `activity within 7 days`, `no activity for 30 days`.',
  missing: '`is missing`: the lead has no value for the field.',
  present: '`is present`: the lead has a value for the field.',
  true: '`is true`: a boolean field is true.',
  false: '`is false`: a boolean field is false.',
  from: '`list NAME from "file.txt"`: the list’s entries, one per line, from a file; `field NAME from "Label", …`: the names a CRM gives a field.',
  word: '`contains word "x"`, `starts with any word […]`: only whole words match ("CTO" and "CTO & Founder", not "Director").',
  import: '`import "file.score"`: the lists, fields, sections and rules of another file; `import "leadscore:hubspot"` (or `salesforce`): a ready-made CRM mapping.',
};

const fieldTypes = ['text', 'number', 'boolean'];
const decisionNames = ['grade', 'stage', 'route'] as const;
type DecisionName = (typeof decisionNames)[number];

interface FieldInfo {
  type: string;
  declared?: ast.Identifier;
}
interface ListInfo {
  entries: string[];
  from?: string;
  declared?: ast.Identifier;
}
interface SectionInfo {
  declared: ast.Identifier;
  rules: ast.Rule[];
  halfLife?: string;
}

/** What a policy declares, and the built-ins, by name. */
export interface PolicySymbols {
  fields: Map<string, FieldInfo>;
  lists: Map<string, ListInfo>;
  sections: Map<string, SectionInfo>;
  /** Verb (lower-case) → its objects. */
  events: Map<string, string[]>;
  decisions: Map<DecisionName, string[]>;
}

function literalText(literal: ast.Literal): string {
  return literal.kind === 'String' ? JSON.stringify(literal.value) : literal.raw;
}

export function collectSymbols(program: ast.Program): PolicySymbols {
  const symbols: PolicySymbols = {
    fields: new Map([...builtinFields].map(([name, type]) => [name, { type }])),
    lists: new Map(),
    sections: new Map(),
    events: new Map([...builtinEvents].map(([verb, objects]) => [verb, [...objects]])),
    decisions: new Map(decisionNames.map((name) => [name, []])),
  };
  for (const statement of program.statements) {
    if (statement.range.file !== undefined) continue;
    switch (statement.kind) {
      case 'FieldDeclaration':
        if (statement.type) symbols.fields.set(statement.name.name, { type: statement.type.name, declared: statement.name });
        break;
      case 'ListDeclaration': {
        const info: ListInfo = { entries: statement.items.items.map(literalText), declared: statement.name };
        if (statement.from) info.from = statement.from.value;
        symbols.lists.set(statement.name.name, info);
        break;
      }
      case 'EventDeclaration': {
        const verb = statement.verb.name.toLowerCase();
        const objects = symbols.events.get(verb) ?? [];
        for (const object of statement.objects) if (!objects.includes(object.name.toLowerCase())) objects.push(object.name.toLowerCase());
        symbols.events.set(verb, objects);
        break;
      }
      case 'Section': {
        const info: SectionInfo = { declared: statement.name, rules: statement.items.filter((item): item is ast.Rule => item.kind === 'Rule') };
        const decay = statement.items.find((item): item is ast.DecayDeclaration => item.kind === 'Decay');
        if (decay) info.halfLife = decay.halfLife.raw;
        symbols.sections.set(statement.name.name, info);
        break;
      }
      case 'DecisionRow': {
        const labels = symbols.decisions.get(statement.decision)!;
        if (!labels.includes(statement.label.value)) labels.push(statement.label.value);
        break;
      }
      default:
        break;
    }
  }
  return symbols;
}

/** Escapes text from the policy for Monaco's Markdown: it is shown as written, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&"']/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/** A list's entries, shortened to about `width` characters. */
export function shortEntries(entries: readonly string[], width = 48): string {
  let shown = '';
  let count = 0;
  for (const entry of entries) {
    const next = shown === '' ? entry : `${shown}, ${entry}`;
    if (next.length > width && count > 0) break;
    shown = next;
    count++;
  }
  return `[${shown}${count < entries.length ? `, … (${entries.length} entries)` : ''}]`;
}

function rangeOfAst(range: Range): TextRange {
  return { startLineNumber: range.start.line, startColumn: range.start.column, endLineNumber: range.end.line, endColumn: range.end.column };
}

function tokenTextRange(token: IToken): TextRange {
  const line = token.startLine ?? 1;
  return { startLineNumber: line, startColumn: token.startColumn ?? 1, endLineNumber: token.endLine ?? line, endColumn: (token.endColumn ?? 0) + 1 };
}

const keywordTypes = new Set<TokenType>([...t.hardKeywords, ...t.softKeywords]);
const isWordToken = (token: IToken) => token.tokenType === t.Identifier || keywordTypes.has(token.tokenType);
const conditionStarts = new Set(['when', 'and', 'or', 'not', 'no', '(']);

/** The services for one editor: remembers the last policy that compiled. */
export class PolicyServices {
  private lastGood: PolicySymbols | undefined;
  private cached: { text: string; program: ast.Program; symbols: PolicySymbols } | undefined;

  /** The policy's AST and symbols: those of the current text, plus declarations on lines that do not parse now, from the last good compile. */
  analyse(text: string): { program: ast.Program; symbols: PolicySymbols } {
    if (this.cached?.text === text) return this.cached;
    const result = compile(text, { fileName: 'policy.score' });
    const program = result.program ?? parse(text).program;
    const symbols = collectSymbols(program);
    if (!hasErrors(result.diagnostics)) this.lastGood = symbols;
    else if (this.lastGood) {
      for (const broken of program.brokenDeclarations) {
        if (broken.kind === 'list' && !symbols.lists.has(broken.name)) {
          const known = this.lastGood.lists.get(broken.name);
          if (known) symbols.lists.set(broken.name, known);
        }
        if (broken.kind === 'field' && !symbols.fields.has(broken.name)) {
          const known = this.lastGood.fields.get(broken.name);
          if (known) symbols.fields.set(broken.name, known);
        }
        if (broken.kind === 'event') {
          const verb = broken.name.toLowerCase();
          const known = this.lastGood.events.get(verb);
          if (known) symbols.events.set(verb, [...new Set([...(symbols.events.get(verb) ?? []), ...known])]);
        }
      }
      // A section header being retyped: its rules are still there, under the name it had.
      for (const [name, section] of this.lastGood.sections) if (!symbols.sections.has(name) && !text.split(/\r?\n/).some((line) => line.startsWith(`${name}:`))) symbols.sections.set(name, section);
      for (const [name, labels] of this.lastGood.decisions) symbols.decisions.set(name, [...new Set([...(symbols.decisions.get(name) ?? []), ...labels])]);
    }
    this.cached = { text, program, symbols };
    return this.cached;
  }

  complete(text: string, position: Position): Completions {
    const { symbols } = this.analyse(text);
    const lines = text.split(/\r?\n/);
    const lineText = lines[position.line - 1] ?? '';
    // Everything up to the cursor: a statement may have begun on an earlier line.
    const prefix = [...lines.slice(0, position.line - 1), lineText.slice(0, position.column - 1)].join('\n');
    const lexed = lex(prefix);
    const onCursorLine = (range: Range) => range.start.line === position.line || range.end.line === position.line;
    if (lexed.comments.some((comment) => onCursorLine(comment.range)) || lexed.diagnostics.some((d) => d.code === 'LS1002' && onCursorLine(d.range))) {
      return { context: 'none', items: [] };
    }
    const statementTokens = currentStatement(lexed.tokens, text.charCodeAt(0) === 0xfeff);
    // The word being typed is what Monaco filters on; the context is what comes before it.
    const last = statementTokens[statementTokens.length - 1];
    const context = last && isWordToken(last) && (last.endOffset ?? 0) + 1 === prefix.length ? statementTokens.slice(0, -1) : statementTokens;
    const words = context.map((token) => (keywordTypes.has(token.tokenType) ? token.image.toLowerCase() : token.image));
    const kind = completionContext(words, context, symbols);
    return { context: kind, items: itemsFor(kind, context, words, symbols, /^\s/.test(lineText)) };
  }

  hover(text: string, position: Position): Hover | undefined {
    const { program, symbols } = this.analyse(text);
    const token = tokenAt(text, position);
    if (!token) return undefined;
    const range = tokenTextRange(token);
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
    return contents.length > 0 ? { range, contents } : undefined;
  }

  definition(text: string, position: Position): TextRange | undefined {
    const { symbols } = this.analyse(text);
    const token = tokenAt(text, position);
    if (!token || !(token.tokenType === t.Identifier || t.softKeywords.includes(token.tokenType))) return undefined;
    const name = token.image;
    const declared = symbols.lists.get(name)?.declared ?? symbols.sections.get(name)?.declared ?? symbols.fields.get(name)?.declared;
    return declared && declared.range.file === undefined ? rangeOfAst(declared.range) : undefined;
  }

  format(text: string): FormatAnswer {
    try {
      const result = formatPolicy(text);
      if (result.diagnostics.length > 0) {
        const first = result.diagnostics[0]!;
        return { error: `not formatted: line ${first.range.start.line} has an error (${first.message})` };
      }
      return { text: result.text };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
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
  if (!lastStatement || lastToken?.tokenType === t.Newline && !lastStatement.unclosed) return [];
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

function completionContext(words: string[], context: IToken[], symbols: PolicySymbols): CompletionContext {
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
  const isDecision = (decisionNames as readonly string[]).includes(first);
  if (isDecision && words.length < 2) return 'none';
  if (openBracket(context)?.tokenType === t.LBracket) return 'entry';
  if (last === 'in' || last === 'any') return 'list';
  if (last === 'is') return 'is';
  if (last === 'no') return 'after-verb';
  if (conditionStarts.has(last)) return 'condition';
  if (previous !== undefined && conditionStarts.has(previous)) {
    const objects = symbols.events.get(last.toLowerCase());
    if (objects && objects.length > 0) return 'object';
    if (symbols.fields.has(last)) return 'operator';
  }
  return 'any';
}

const keyword = (word: string, label = word): CompletionItem => ({ label, kind: 'keyword', detail: 'keyword', documentation: keywordDocs[word] ?? '' });

function fieldItems(symbols: PolicySymbols): CompletionItem[] {
  return [...symbols.fields].map(([name, info]) => ({
    label: name,
    kind: 'field',
    detail: `${info.type} field${info.declared ? '' : ' (built-in)'}`,
  }));
}

function listItems(symbols: PolicySymbols): CompletionItem[] {
  return [...symbols.lists].map(([name, info]) => ({
    label: name,
    kind: 'list',
    detail: info.from !== undefined && info.entries.length === 0 ? `list from ${JSON.stringify(info.from)}` : shortEntries(info.entries),
  }));
}

function sectionItems(symbols: PolicySymbols): CompletionItem[] {
  return [...symbols.sections].map(([name, info]) => ({ label: name, kind: 'section', detail: `section · ${count(info.rules.length, 'rule')}` }));
}

function verbItems(symbols: PolicySymbols): CompletionItem[] {
  return [...symbols.events].map(([verb, objects]) => ({
    label: verb,
    kind: 'event',
    detail: objects.length > 0 ? `event · ${objects.join(', ')}` : 'event',
  }));
}

function decisionItems(symbols: PolicySymbols): CompletionItem[] {
  return [
    { label: 'score', kind: 'decision', detail: 'number · the total score' },
    ...[...symbols.decisions].map(([name, labels]): CompletionItem => ({
      label: name,
      kind: 'decision',
      detail: `decision · ${labels.length > 0 ? shortEntries(labels.map((label) => JSON.stringify(label))) : 'no rows'}`,
    })),
  ];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Inside `[…]`: the entries of the policy's named lists, as literals ready to insert, without
 * those the bracket already holds.
 */
function entryItems(symbols: PolicySymbols, context: IToken[]): CompletionItem[] {
  const bracket = openBracket(context);
  const inside = new Set(context.filter((token) => bracket && token.startOffset > bracket.startOffset && token.tokenType !== t.Comma).map((token) => token.image));
  const items = new Map<string, CompletionItem>();
  for (const [name, info] of symbols.lists) {
    for (const entry of info.entries) {
      if (inside.has(entry) || items.has(entry)) continue;
      items.set(entry, { label: entry, kind: 'value', detail: `in list ${name}` });
    }
  }
  return [...items.values()];
}

function itemsFor(kind: CompletionContext, context: IToken[], words: string[], symbols: PolicySymbols, indented: boolean): CompletionItem[] {
  const inDecision = (decisionNames as readonly string[]).includes(words[0] ?? '');
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
        : ['when', 'policy', 'list', 'field', 'event', 'import', 'grade', 'stage', 'route'].map((word) => keyword(word));
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
      return (symbols.events.get(verb) ?? []).map((object) => ({ label: object, kind: 'object', detail: `object of ${verb}` }));
    }
    case 'operator':
      return ['contains', 'contains any', 'starts with', 'starts with any', 'ends with', 'ends with any', 'in', 'not in', 'between', 'is'].map((words) =>
        keyword(words.split(' ')[0]!, words),
      );
    case 'condition':
      return conditionItems();
    case 'any': {
      if (words[0] === 'list') return [keyword('from')];
      if (words[0] === 'decay') return [keyword('half-life')];
      if (inDecision && words.length === 2) return [keyword('when'), keyword('otherwise')];
      const keywords = Object.keys(keywordDocs).filter((word) => !['policy', 'list', 'field', 'event', 'import', 'from', 'decay', 'half-life'].includes(word));
      return [...keywords.map((word) => keyword(word)), ...conditionItems().filter((item) => item.kind !== 'keyword'), ...listItems(symbols)];
    }
  }
}

function tokenAt(text: string, position: Position): IToken | undefined {
  return lex(text).tokens.find(
    (token) => token.startLine === position.line && (token.startColumn ?? 0) <= position.column && position.column <= (token.endColumn ?? 0) + 1 && token.tokenType !== t.Newline,
  );
}

/**
 * Whether a soft keyword starts its statement, as the parser splits statements, and so is a keyword
 * (`policy "…"`, `list dach = …`). Elsewhere, at the start of a line inside brackets too, and as a
 * section's name (`policy:`), it is a name.
 */
function startsStatement(text: string, token: IToken): boolean {
  const statement = splitLines(lex(text).tokens, [], text.charCodeAt(0) === 0xfeff).find((line) => line.tokens[0]?.startOffset === token.startOffset);
  return statement !== undefined && statement.tokens[1]?.tokenType !== t.Colon;
}

function describeName(name: string, symbols: PolicySymbols): string[] | undefined {
  const list = symbols.lists.get(name);
  if (list) {
    const entries = list.from !== undefined && list.entries.length === 0 ? `entries from ${escapeMarkdown(JSON.stringify(list.from))}` : `${list.entries.length} ${list.entries.length === 1 ? 'entry' : 'entries'}: ${escapeMarkdown(list.entries.join(', '))}`;
    return [`**list ${escapeMarkdown(name)}**`, entries];
  }
  const section = symbols.sections.get(name);
  if (section) {
    const decay = section.halfLife === undefined ? '' : `, decay half-life ${escapeMarkdown(section.halfLife)} days`;
    return [`**section ${escapeMarkdown(name)}**: ${count(section.rules.length, 'rule')}${decay}`];
  }
  const field = symbols.fields.get(name);
  if (field) return [`**field ${escapeMarkdown(name)}**: ${escapeMarkdown(field.type)}${field.declared ? '' : ' (built-in)'}`];
  const decision = symbols.decisions.get(name as DecisionName);
  if (decision) return [`**${name}** (decision): ${decision.length > 0 ? escapeMarkdown(decision.map((label) => JSON.stringify(label)).join(', ')) : 'no rows'}`];
  if (name === 'score') return ['**score**: the total of every section and of the rules outside sections'];
  const objects = symbols.events.get(name.toLowerCase());
  if (objects) return [`**event ${escapeMarkdown(name.toLowerCase())}**${objects.length > 0 ? `: ${escapeMarkdown(objects.join(', '))}` : ''}`];
  return undefined;
}

function sectionOf(program: ast.Program, rule: ast.Rule): ast.Section | undefined {
  return program.statements.find((statement): statement is ast.Section => statement.kind === 'Section' && statement.items.includes(rule));
}

function ruleAt(program: ast.Program, offset: number): ast.Rule | undefined {
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
  const decay = section?.items.find((item): item is ast.DecayDeclaration => item.kind === 'Decay');
  const decays = decay ? `; the section's event points decay with a half-life of ${escapeMarkdown(decay.halfLife.raw)} days` : '';
  return `**rule**, line ${rule.range.start.line}, ${where}: ${points}${cap}${decays}`;
}

/** A request to the services worker, and its answer. */
export type ServiceRequest = { id: number; text: string } & ({ method: 'complete' | 'hover' | 'definition'; position: Position } | { method: 'format' });

export interface ServiceResponse {
  id: number;
  result: Completions | Hover | TextRange | FormatAnswer | undefined;
}
