import type { IToken, TokenType } from 'chevrotain';
import type * as ast from './ast.js';
import { unquote } from './cst-to-ast.js';
import type { Diagnostic } from './diagnostics.js';
import { lex, type Comment } from './lexer.js';
import { parse } from './parser.js';
import * as t from './tokens.js';

/**
 * The formatter: prints a policy in its canonical form. It never changes what a
 * policy means and keeps every comment. The canonical style:
 *
 * - Statements keep their order (the order of decision rows is meaning); nothing is moved.
 * - Top-level statements and section headers start at column 1; the rules and `decay` of a
 *   section are indented by two spaces.
 * - One space between words and around operators; none inside `(…)` and `[…]`, none before
 *   `,` and `:`.
 * - Strings are re-quoted with the fewest escapes (`\"`, `\\`, `\n`, `\t`); numbers stay as
 *   written (`10M` stays `10M`).
 * - `K times` and `N days` are plural unless the number is 1 (`1 time`, `1 day`).
 * - `each, at most N` with a comma before `at most`.
 * - A list stays on one line unless it was written over several lines, holds a comment, or
 *   would run past column 100: then it has one entry per line, each followed by a comma.
 * - A condition continued onto a new line with `and`/`or` stays continued: every line break
 *   next to an `and` or `or` is kept and put before the operator, which starts the next line,
 *   indented two spaces more than its statement (and two more per open parenthesis). Other
 *   line breaks inside a statement are removed, unless a comment needs them.
 * - Parentheses stay as written.
 * - Comments on their own line stay on their own line, indented like the statement after them
 *   (inside a section when they were written inside it); comments after code stay after it,
 *   two spaces away. Comment text is kept as written, without trailing spaces.
 * - Blank lines stay where the author put them, but never more than one in a row, and none
 *   at the start or end of the file. Lines end with `\n`, the file ends with one, no line has
 *   trailing spaces, and a byte-order mark is dropped.
 *
 * A policy with syntax errors is not formatted: its text comes back unchanged, with the errors.
 */

export interface FormatResult {
  /** The canonical text, or the input unchanged when it has syntax errors. */
  text: string;
  /** The syntax errors that stopped formatting; empty when the text was formatted. */
  diagnostics: Diagnostic[];
}

/** Lists longer than this many columns are written one entry per line. */
export const maxLineWidth = 100;
const indentUnit = '  ';

export function formatPolicy(input: string): FormatResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const { program, diagnostics } = parse(text);
  if (diagnostics.length > 0) return { text: input, diagnostics };
  const tokens = lex(text).tokens.filter((token) => token.tokenType !== t.Newline);
  const formatted = print(statementUnits(program, tokens), program.comments);
  // A safety net: a formatter bug must never turn a valid policy into a broken one.
  if (parse(formatted).diagnostics.length > 0) throw new Error('the formatter produced a policy that does not parse; please report this');
  return { text: formatted, diagnostics: [] };
}

/** One statement (or section header) with its tokens and the comments inside and after it. */
interface Unit {
  tokens: IToken[];
  /** 0 at the top level, 1 inside a section. */
  level: number;
  /** The section it belongs to (its header or one of its items), if any. */
  section?: ast.Section;
  /** Comments between token i and i + 1, by i. */
  gaps: Map<number, Comment[]>;
  /** A comment after the last token, on its line. */
  trailing?: Comment;
}

/** The statements in source order, each with the tokens it was written with. */
function statementUnits(program: ast.Program, tokens: IToken[]): Unit[] {
  const starts: Array<{ offset: number; level: number; section?: ast.Section }> = [];
  for (const statement of program.statements) {
    if (statement.kind === 'Section') {
      starts.push({ offset: statement.name.range.start.offset, level: 0, section: statement });
      for (const item of statement.items) starts.push({ offset: item.range.start.offset, level: 1, section: statement });
    } else starts.push({ offset: statement.range.start.offset, level: 0 });
  }
  starts.sort((a, b) => a.offset - b.offset);
  const units: Unit[] = starts.map(({ level, section }) => ({ tokens: [], level, ...(section && { section }), gaps: new Map() }));
  let current = -1;
  for (const token of tokens) {
    while (current + 1 < starts.length && starts[current + 1]!.offset <= token.startOffset) current++;
    if (current < 0) throw new Error(`formatter: token \`${token.image}\` before the first statement`);
    units[current]!.tokens.push(token);
  }
  return units.filter((unit) => unit.tokens.length > 0);
}

type Block = { kind: 'unit'; unit: Unit; startLine: number; endLine: number } | { kind: 'comment'; comment: Comment; startLine: number; endLine: number };

function print(units: Unit[], comments: Comment[]): string {
  const blocks: Block[] = units.map((unit) => ({
    kind: 'unit',
    unit,
    startLine: unit.tokens[0]!.startLine!,
    endLine: unit.tokens[unit.tokens.length - 1]!.endLine!,
  }));
  // Each comment goes inside its statement, after it on its last line, or on a line of its own.
  let u = 0;
  for (const comment of comments) {
    const offset = comment.range.start.offset;
    while (u < units.length && lastToken(units[u]!).endOffset! < offset) u++;
    const inside = units[u];
    if (inside && inside.tokens[0]!.startOffset < offset) {
      const index = inside.tokens.findIndex((token, i) => token.endOffset! < offset && (inside.tokens[i + 1]?.startOffset ?? Infinity) > offset);
      const gap = inside.gaps.get(index) ?? [];
      gap.push(comment);
      inside.gaps.set(index, gap);
      continue;
    }
    const before = units[u - 1];
    if (before && lastToken(before).endLine === comment.range.start.line) {
      before.trailing = comment;
      continue;
    }
    blocks.push({ kind: 'comment', comment, startLine: comment.range.start.line, endLine: comment.range.start.line });
  }
  blocks.sort((a, b) => a.startLine - b.startLine);

  const lines: string[] = [];
  let previous: Block | undefined;
  let previousUnit: Unit | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (previous && block.startLine > previous.endLine + 1) lines.push('');
    if (block.kind === 'unit') {
      lines.push(...printUnit(block.unit));
      previousUnit = block.unit;
    } else {
      const next = blocks.slice(i + 1).find((b): b is Block & { kind: 'unit' } => b.kind === 'unit')?.unit;
      lines.push(indentUnit.repeat(commentLevel(block.comment, previousUnit, next)) + commentText(block.comment));
    }
    previous = block;
  }
  return lines.length === 0 ? '' : lines.map((line) => line.trimEnd()).join('\n') + '\n';
}

function lastToken(unit: Unit): IToken {
  return unit.tokens[unit.tokens.length - 1]!;
}

function commentText(comment: Comment): string {
  return comment.text.trimEnd();
}

/**
 * A comment on its own line stays in the section it was written in: it is indented when the
 * statement after it is in the same section, or when it follows a section's statement and was
 * itself indented.
 */
function commentLevel(comment: Comment, previous: Unit | undefined, next: Unit | undefined): number {
  const section = previous?.section;
  if (!section) return 0;
  if (next?.section === section && next.level === 1) return 1;
  return comment.range.start.column > 1 ? 1 : 0;
}

const chainOperators = new Set<TokenType>([t.And, t.Or]);

/** `and`/`or` joining conditions, not the `and` of `between 1 and 5`. */
function isChainOperator(tokens: IToken[], index: number): boolean {
  const token = tokens[index];
  if (!token || !chainOperators.has(token.tokenType)) return false;
  return !(token.tokenType === t.And && tokens[index - 2]?.tokenType === t.Between);
}

/** Whether a line break separated token `index` from the one after it in the source. */
function brokenAfter(tokens: IToken[], index: number): boolean {
  const next = tokens[index + 1];
  return next !== undefined && next.startLine! > tokens[index]!.endLine!;
}

const noSpaceAfter = new Set<TokenType>([t.LBracket, t.LParen]);
const noSpaceBefore = new Set<TokenType>([t.RBracket, t.RParen, t.Comma, t.Colon]);

/** Prints one statement: usually one line, more for multi-line lists and continued conditions. */
function printUnit(unit: Unit): string[] {
  const { tokens } = unit;
  const base = indentUnit.repeat(unit.level);
  const lines: string[] = [];
  let line = base;
  let lineIndent = base;
  let parens = 0;
  /** The open multi-line list: the indentation of its entries and of its `]`. */
  let list: { entries: string; close: string } | undefined;
  let pendingComment: Comment | undefined;
  /** Comments already printed before the operator they followed. */
  const moved = new Set<Comment>();

  const breakLine = (indent: string, ownLine: Comment[], commentIndent = indent) => {
    lines.push(pendingComment ? `${line}  ${commentText(pendingComment)}` : line);
    pendingComment = undefined;
    for (const comment of ownLine) lines.push(commentIndent + commentText(comment));
    line = indent;
    lineIndent = indent;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.tokenType;
    if (i > 0) {
      const previous = tokens[i - 1]!;
      // A list over several lines has a comma after every entry, the last one too.
      if (list && type === t.RBracket && previous.tokenType !== t.Comma && previous.tokenType !== t.LBracket) line += ',';
      const comments = (unit.gaps.get(i - 1) ?? []).filter((comment) => !moved.has(comment));
      const trailing = comments.filter((c) => c.range.start.line === previous.endLine);
      const ownLine = comments.filter((c) => c.range.start.line !== previous.endLine);
      if (trailing[0]) pendingComment = trailing[0];
      const continuation = base + indentUnit.repeat(1 + parens);
      if (list && type === t.RBracket) breakLine(list.close, ownLine, list.entries);
      else if (list && (previous.tokenType === t.LBracket || previous.tokenType === t.Comma)) breakLine(list.entries, ownLine);
      else if (isChainOperator(tokens, i) && (brokenAfter(tokens, i - 1) || brokenAfter(tokens, i))) {
        // `a and  # note` ⏎ `b` becomes `a  # note` ⏎ `and b`: the comment stays on the line it ended.
        const after = unit.gaps.get(i) ?? [];
        if (!pendingComment && after.length === 1 && after[0]!.range.start.line === token.endLine) {
          pendingComment = after[0];
          moved.add(after[0]!);
        }
        breakLine(continuation, ownLine);
      } else if (comments.length > 0) breakLine(list ? list.entries : continuation, ownLine);
      else if (!noSpaceAfter.has(previous.tokenType) && !noSpaceBefore.has(type)) line += ' ';
    }
    if (type === t.LBracket) {
      const close = matchingBracket(tokens, i);
      const entries = tokens.slice(i + 1, close).filter((tok) => tok.tokenType !== t.Comma).length;
      const flat = flatList(tokens.slice(i, close + 1));
      const hasComment = [...unit.gaps.keys()].some((gap) => gap >= i && gap < close);
      const multiline = hasComment || (entries > 0 && (tokens[close]!.startLine! > token.startLine! || line.length + flat.length > maxLineWidth));
      if (multiline) list = { entries: lineIndent + indentUnit, close: lineIndent };
    }
    // A list on one line drops a trailing comma.
    if (type === t.Comma && tokens[i + 1]?.tokenType === t.RBracket && !list) continue;
    if (type === t.RBracket) list = undefined;
    if (type === t.At && tokens[i + 1]?.tokenType === t.Most && tokens[i - 1]?.tokenType !== t.Comma) line = line.replace(/ $/, '') + ', ';
    if (type === t.LParen) parens++;
    if (type === t.RParen) parens--;
    line += tokenText(tokens, i);
  }
  if (pendingComment) line += `  ${commentText(pendingComment)}`;
  if (unit.trailing) line += `  ${commentText(unit.trailing)}`;
  lines.push(line);
  return lines;
}

function matchingBracket(tokens: IToken[], open: number): number {
  for (let i = open + 1; i < tokens.length; i++) if (tokens[i]!.tokenType === t.RBracket) return i;
  return tokens.length - 1;
}

/** A list as it would be printed on one line. */
function flatList(tokens: IToken[]): string {
  const entries = tokens.filter((token) => token.tokenType === t.StringLiteral || token.tokenType === t.NumberLiteral);
  return `[${entries.map(literalText).join(', ')}]`;
}

function literalText(token: IToken): string {
  return token.tokenType === t.StringLiteral ? quote(unquote(token.image)) : token.image;
}

/** A token as printed: strings re-quoted, `time(s)` and `day(s)` agreeing with their number. */
function tokenText(tokens: IToken[], index: number): string {
  const token = tokens[index]!;
  if (token.tokenType === t.StringLiteral) return quote(unquote(token.image));
  if (token.tokenType === t.Times || token.tokenType === t.Days) {
    const count = tokens[index - 1];
    const one = count?.tokenType === t.NumberLiteral && Number(count.image) === 1;
    const word = token.tokenType === t.Times ? 'time' : 'day';
    return one ? word : `${word}s`;
  }
  return token.image;
}

/** A string literal with the fewest escapes that give back `value`. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"\n\t]/g, (ch) => (ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : `\\${ch}`))}"`;
}
