import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as ast from './ast.js';
import { tokenRange } from './lexer.js';
import { rangeOf, type Range } from './source.js';

/**
 * Lowers chevrotain's concrete syntax tree of one statement to the AST. Only
 * called on lines that parsed without errors, so every expected child exists.
 */

type Children = Record<string, CstElement[] | undefined>;

function node(parent: CstNode, name: string, index = 0): CstNode {
  return (parent.children as Children)[name]![index] as CstNode;
}
function maybeNode(parent: CstNode, name: string): CstNode | undefined {
  return (parent.children as Children)[name]?.[0] as CstNode | undefined;
}
function nodes(parent: CstNode, name: string): CstNode[] {
  return ((parent.children as Children)[name] ?? []) as CstNode[];
}
function token(parent: CstNode, name: string, index = 0): IToken {
  return (parent.children as Children)[name]![index] as IToken;
}
function maybeToken(parent: CstNode, name: string): IToken | undefined {
  return (parent.children as Children)[name]?.[0] as IToken | undefined;
}
function tokens(parent: CstNode, name: string): IToken[] {
  return ((parent.children as Children)[name] ?? []) as IToken[];
}

/** The range of a CST node: from its first token to its last. */
function nodeRange(cst: CstNode): Range {
  const location = cst.location!;
  return {
    start: { line: location.startLine!, column: location.startColumn!, offset: location.startOffset },
    end: { line: location.endLine!, column: location.endColumn! + 1, offset: location.endOffset! + 1 },
  };
}

function identifier(tok: IToken): ast.Identifier {
  return { kind: 'Identifier', name: tok.image, range: tokenRange(tok) };
}

export function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, (_, ch: string) => {
    switch (ch) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      default:
        return ch;
    }
  });
}

function string(tok: IToken): ast.StringLiteral {
  return { kind: 'String', value: unquote(tok.image), range: tokenRange(tok) };
}

import { numberValue } from './number-value.js';

export { numberValue };

function number(tok: IToken): ast.NumberLiteral {
  return { kind: 'Number', value: numberValue(tok.image), raw: tok.image, range: tokenRange(tok) };
}

function literal(cst: CstNode): ast.Literal {
  const str = maybeToken(cst, 'StringLiteral');
  return str ? string(str) : number(token(cst, 'NumberLiteral'));
}

function listLiteral(cst: CstNode): ast.ListLiteral {
  return { kind: 'ListLiteral', items: nodes(cst, 'literal').map(literal), range: nodeRange(cst) };
}

function listOperand(cst: CstNode): ast.ListOperand {
  const name = maybeToken(cst, 'Name');
  return name ? identifier(name) : listLiteral(node(cst, 'listLiteral'));
}

// ---- conditions ----

function condition(cst: CstNode): ast.Condition {
  const operands = nodes(cst, 'conjunction').map(conjunction);
  return operands.length === 1 ? operands[0]! : { kind: 'Or', operands, range: nodeRange(cst) };
}

function conjunction(cst: CstNode): ast.Condition {
  const operands = nodes(cst, 'negation').map(negation);
  return operands.length === 1 ? operands[0]! : { kind: 'And', operands, range: nodeRange(cst) };
}

function negation(cst: CstNode): ast.Condition {
  // `not not not x` is a chain; build it from the inside out without recursion.
  const nots: CstNode[] = [];
  let current = cst;
  while (maybeToken(current, 'Not')) {
    nots.push(current);
    current = node(current, 'negation');
  }
  let result = quantified(node(current, 'quantified'));
  for (let i = nots.length - 1; i >= 0; i--) result = { kind: 'Not', operand: result, range: nodeRange(nots[i]!) };
  return result;
}

function quantified(cst: CstNode): ast.Condition {
  const inner = primary(node(cst, 'primary'));
  const timesToken = maybeToken(cst, 'times');
  const withinToken = maybeToken(cst, 'within');
  if (!timesToken && !withinToken) return inner;
  const times = timesToken ? number(timesToken) : undefined;
  const within = withinToken ? number(withinToken) : undefined;
  if (inner.kind === 'EventPattern') {
    return { ...inner, ...(times && { times }), ...(within && { within }), range: nodeRange(cst) };
  }
  const range = nodeRange(cst);
  const quantifier = { start: (times?.range ?? tokenRange(token(cst, 'Within'))).start, end: range.end };
  return { kind: 'Quantified', condition: inner, ...(times && { times }), ...(within && { within }), quantifier, range };
}

function primary(cst: CstNode): ast.Condition {
  const group = maybeNode(cst, 'condition');
  if (group) return { kind: 'Group', condition: condition(group), range: nodeRange(cst) };
  const no = maybeNode(cst, 'noActivity');
  if (no) return noActivity(no);
  return nameCondition(node(cst, 'nameCondition'));
}

function eventPatternOf(cst: CstNode, verbLabel: string, globLabel: string): ast.EventPattern {
  const verb = identifier(token(cst, verbLabel));
  const objectToken = maybeToken(cst, 'object');
  const globToken = maybeToken(cst, globLabel);
  const last = globToken ?? objectToken ?? token(cst, verbLabel);
  return {
    kind: 'EventPattern',
    verb,
    ...(objectToken && { object: identifier(objectToken) }),
    ...(globToken && { glob: string(globToken) }),
    range: rangeOf(verb.range, tokenRange(last)),
  };
}

function noActivity(cst: CstNode): ast.NoActivity {
  const pattern = eventPatternOf(node(cst, 'eventPattern'), 'verb', 'StringLiteral');
  return {
    kind: 'NoActivity',
    event: pattern,
    days: number(token(cst, 'NumberLiteral')),
    range: nodeRange(cst),
  };
}

function nameCondition(cst: CstNode): ast.Condition {
  const subject = identifier(token(cst, 'subject'));
  const range = nodeRange(cst);
  const comparison = maybeNode(cst, 'comparison');
  if (comparison) {
    const operator = token(comparison, 'operator').image as ast.ComparisonOperator;
    const other = maybeToken(comparison, 'other');
    const value = other ? identifier(other) : literal(node(comparison, 'literal'));
    return { kind: 'Comparison', subject, operator, value, range };
  }
  const between = maybeNode(cst, 'between');
  if (between) {
    return { kind: 'Between', subject, low: number(token(between, 'low')), high: number(token(between, 'high')), range };
  }
  const inList = maybeNode(cst, 'inList');
  if (inList) {
    return { kind: 'InList', subject, negated: !!maybeToken(inList, 'Not'), list: listOperand(node(inList, 'listOperand')), range };
  }
  const textMatch = maybeNode(cst, 'textMatch');
  if (textMatch) {
    const operator: ast.TextOperator = maybeToken(textMatch, 'Contains') ? 'contains' : maybeToken(textMatch, 'Starts') ? 'starts with' : 'ends with';
    const any = !!maybeToken(textMatch, 'Any');
    const value = any ? listOperand(node(textMatch, 'listOperand')) : string(token(textMatch, 'StringLiteral'));
    return { kind: 'TextMatch', subject, operator, value, any, word: !!maybeToken(textMatch, 'Word'), range };
  }
  const dateCompare = maybeNode(cst, 'dateCompare');
  if (dateCompare) {
    const operatorToken = token(dateCompare, 'operator');
    const operator = operatorToken.image as ast.DateCompare['operator'];
    return { kind: 'DateCompare', subject, operator, operatorRange: tokenRange(operatorToken), value: string(token(dateCompare, 'StringLiteral')), range };
  }
  const dateAgo = maybeNode(cst, 'dateAgo');
  if (dateAgo) return { kind: 'DateAgo', subject, days: number(token(dateAgo, 'NumberLiteral')), range };
  const isTest = maybeNode(cst, 'isTest');
  if (isTest) {
    return { kind: 'Is', subject, test: token(isTest, 'test').image as ast.IsTest, range };
  }
  return eventPatternOf(cst, 'subject', 'glob');
}

// ---- statements ----

/** A statement, or a section header (`name:`), which the caller turns into a section. */
export type LineStatement = Exclude<ast.Statement, ast.Section> | { kind: 'SectionHeader'; name: ast.Identifier; range: Range };

export function statementToAst(cst: CstNode): LineStatement {
  const [kind, child] = Object.entries(cst.children)[0]! as [string, CstNode[]];
  const inner = child[0]!;
  const range = nodeRange(inner);
  switch (kind) {
    case 'policyHeader':
      return {
        kind: 'PolicyHeader',
        name: string(token(inner, 'StringLiteral')),
        ...(maybeToken(inner, 'Version') && { version: string(token(inner, 'StringLiteral', 1)) }),
        range,
      };
    case 'listDeclaration':
      return listDeclaration(inner, range);
    case 'importStatement':
      return { kind: 'Import', path: string(token(inner, 'StringLiteral')), range };
    case 'fieldDeclaration': {
      const type = maybeToken(inner, 'type');
      return { kind: 'FieldDeclaration', name: identifier(token(inner, 'name')), ...(type && { type: identifier(type) }), sources: sourceNames(inner), range };
    }
    case 'eventDeclaration':
      return { kind: 'EventDeclaration', verb: identifier(token(inner, 'verb')), objects: tokens(inner, 'object').map(identifier), sources: sourceNames(inner), range };
    case 'eventsColumn':
      return { kind: 'EventsColumn', column: identifier(token(inner, 'column')), sources: sourceNames(inner), range };
    case 'datesStatement':
      return { kind: 'Dates', format: string(token(inner, 'StringLiteral')), range };
    case 'numbersStatement':
      return { kind: 'Numbers', format: string(token(inner, 'StringLiteral')), range };
    case 'decayDeclaration':
      return { kind: 'Decay', halfLife: number(token(inner, 'NumberLiteral')), range };
    case 'sectionHeader':
      return { kind: 'SectionHeader', name: identifier(token(inner, 'Name')), range };
    case 'decisionRow':
      return decisionRow(inner, range);
    default:
      return rule(inner, range);
  }
}

/** The strings of a `from "…", "…"` clause, none when there is none. */
function sourceNames(cst: CstNode): ast.StringLiteral[] {
  const clause = maybeNode(cst, 'sourceNames');
  return clause ? tokens(clause, 'StringLiteral').map(string) : [];
}

function listDeclaration(cst: CstNode, range: Range): ast.ListDeclaration {
  const name = identifier(token(cst, 'Name'));
  const from = maybeToken(cst, 'StringLiteral');
  if (!from) return { kind: 'ListDeclaration', name, items: listLiteral(node(cst, 'listLiteral')), range };
  const path = string(from);
  return { kind: 'ListDeclaration', name, from: path, items: { kind: 'ListLiteral', items: [], range: path.range }, range };
}

function decisionRow(cst: CstNode, range: Range): ast.DecisionRow {
  const keyword = token(cst, 'decision');
  const conditionNode = maybeNode(cst, 'condition');
  return {
    kind: 'DecisionRow',
    decision: keyword.image as ast.DecisionKind,
    keyword: tokenRange(keyword),
    label: string(token(cst, 'StringLiteral')),
    ...(conditionNode && { condition: condition(conditionNode) }),
    range,
  };
}

function points(effectNode: CstNode): ast.Points {
  const keyword = maybeToken(effectNode, 'Add') ?? token(effectNode, 'Subtract');
  const amount = number(token(effectNode, 'points'));
  return { kind: keyword.tokenType.name === 'Add' ? 'add' : 'subtract', amount, range: rangeOf(tokenRange(keyword), amount.range) };
}

function rule(cst: CstNode, range: Range): ast.Rule {
  const effectNode = node(cst, 'effect');
  const blacklist = maybeToken(effectNode, 'Blacklist');
  const each = maybeToken(effectNode, 'Each');
  const cap = maybeToken(effectNode, 'cap');
  const name = maybeToken(cst, 'name');
  return {
    kind: 'Rule',
    condition: condition(node(cst, 'condition')),
    effect: blacklist ? { kind: 'blacklist', range: tokenRange(blacklist) } : points(effectNode),
    ...(each && { each: tokenRange(each) }),
    ...(cap && { atMost: number(cap) }),
    ...(name && { name: string(name) }),
    range,
  };
}
