import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * The vocabulary of the policy language. The playground derives its syntax
 * highlighting from these definitions, so they are the single source of truth.
 */

/** Any word usable as a name: identifiers and the soft keywords below. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/,
  categories: [Name],
  label: 'a name',
});

function keyword(word: string, options: { soft?: boolean; pattern?: RegExp } = {}): TokenType {
  return createToken({
    name: word.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    pattern: options.pattern ?? new RegExp(`${word}\\b`),
    longer_alt: Identifier,
    categories: options.soft ? [Name] : [],
    label: `\`${word}\``,
  });
}

// Hard keywords: never names.
export const When = keyword('when');
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const In = keyword('in');
export const Contains = keyword('contains');
export const Any = keyword('any');
export const Starts = keyword('starts');
export const Ends = keyword('ends');
export const With = keyword('with');
export const Between = keyword('between');
export const Is = keyword('is');
export const Add = keyword('add');
export const Subtract = keyword('subtract');
export const Blacklist = keyword('blacklist');
export const Each = keyword('each');
export const At = keyword('at');
export const Most = keyword('most');
export const Times = keyword('times', { pattern: /times?\b/ });
export const Within = keyword('within');
export const Days = keyword('days', { pattern: /days?\b/ });
export const For = keyword('for');
export const No = keyword('no');
export const Otherwise = keyword('otherwise');

// Soft keywords: they start statements or follow `is`, but also work as names
// (`stage = "SQL"`, `attend event`).
export const Policy = keyword('policy', { soft: true });
export const List = keyword('list', { soft: true });
export const Field = keyword('field', { soft: true });
export const Event = keyword('event', { soft: true });
export const Events = keyword('events', { soft: true });
export const Decay = keyword('decay', { soft: true });
export const HalfLife = keyword('half-life', { soft: true });
export const Version = keyword('version', { soft: true });
export const Grade = keyword('grade', { soft: true });
export const Stage = keyword('stage', { soft: true });
export const Route = keyword('route', { soft: true });
export const Activity = keyword('activity', { soft: true });
export const Missing = keyword('missing', { soft: true });
export const Present = keyword('present', { soft: true });
export const True = keyword('true', { soft: true });
export const False = keyword('false', { soft: true });
export const From = keyword('from', { soft: true });
export const Import = keyword('import', { soft: true });
export const Word = keyword('word', { soft: true });
export const Before = keyword('before', { soft: true });
export const After = keyword('after', { soft: true });
export const More = keyword('more', { soft: true });
export const Than = keyword('than', { soft: true });
export const Ago = keyword('ago', { soft: true });
export const Dates = keyword('dates', { soft: true });
export const Numbers = keyword('numbers', { soft: true });
/** `… add 15 as "C-level title"`: the name a rule goes by in reasons, explanations and tests. */
export const As = keyword('as', { soft: true });

export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: 'a string',
});
/** A string whose closing quote is missing; reported by the lexer, never parsed. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\.)*/,
  label: 'an unterminated string',
});
/**
 * A string in single, curly or low-high („…“) quotes, as word processors write
 * them; reported by the lexer, never parsed.
 */
export const WrongQuotes = createToken({
  name: 'WrongQuotes',
  pattern: /'[^'\r\n]*'|[“”„][^"“”„\r\n]*["“”]|[‘’‚][^'‘’‚\r\n]*[‘’]/,
  label: 'a string in the wrong quotes',
});
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /-?\d+(?:\.\d+)?[kMB]?(?![\w.])/,
  label: 'a number',
});
/** Digits run together with letters or dots that make no number (`10m`, `1.2.3`). */
export const BadNumber = createToken({
  name: 'BadNumber',
  pattern: /-?\d[\w.]*/,
  label: 'a malformed number',
});

export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: '`[`' });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/, label: '`]`' });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '`(`' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: '`)`' });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: '`,`' });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: '`:`' });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: />=/, label: '`>=`' });
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=/, label: '`<=`' });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=/, label: '`!=`' });
export const Equal = createToken({ name: 'Equal', pattern: /=/, label: '`=`' });
export const Greater = createToken({ name: 'Greater', pattern: />/, label: '`>`' });
export const Less = createToken({ name: 'Less', pattern: /</, label: '`<`' });

export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
export const Newline = createToken({
  name: 'Newline',
  pattern: /\r\n|\r|\n/,
  line_breaks: true,
  label: 'end of line',
});
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
/**
 * Any other character. Part of the vocabulary, but left out of the lexer itself
 * (it would disable chevrotain's optimisations): the lexer reports such characters
 * from its error list instead, never parses them.
 */
export const UnexpectedCharacter = createToken({ name: 'UnexpectedCharacter', pattern: /[^]/ });

export const hardKeywords = [
  When,
  And,
  Or,
  Not,
  In,
  Contains,
  Any,
  Starts,
  Ends,
  With,
  Between,
  Is,
  Add,
  Subtract,
  Blacklist,
  Each,
  At,
  Most,
  Times,
  Within,
  Days,
  For,
  No,
  Otherwise,
];
export const softKeywords = [
  Policy,
  List,
  Field,
  Event,
  Events,
  Decay,
  HalfLife,
  Grade,
  Stage,
  Route,
  Activity,
  Missing,
  Present,
  True,
  False,
  From,
  Import,
  Version,
  Word,
  Before,
  After,
  More,
  Than,
  Ago,
  Dates,
  Numbers,
  As,
];

/** Lexer order matters: keywords before identifiers, longer operators before shorter ones. */
export const allTokens: TokenType[] = [
  Whitespace,
  Newline,
  Comment,
  StringLiteral,
  UnterminatedString,
  WrongQuotes,
  NumberLiteral,
  BadNumber,
  ...hardKeywords,
  ...softKeywords,
  Identifier,
  Name,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Colon,
  GreaterEqual,
  LessEqual,
  NotEqual,
  Equal,
  Greater,
  Less,
  UnexpectedCharacter,
];
