import { CstParser, EOF, type CstNode, type IParserErrorMessageProvider, type IToken } from 'chevrotain';
import * as t from './tokens.js';
import { describeToken, describeType, oneOf } from './words.js';

/**
 * The grammar of one logical line (a statement). Lines are parsed one at a
 * time, so a mistake on one line never hides the mistakes on the next.
 */
class PolicyGrammar extends CstParser {
  constructor() {
    super(t.allTokens, {
      maxLookahead: 3,
      recoveryEnabled: false,
      nodeLocationTracking: 'full',
      errorMessageProvider: messages,
    });
    this.performSelfAnalysis();
  }

  statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.policyHeader) },
      { ALT: () => this.SUBRULE(this.importStatement) },
      { ALT: () => this.SUBRULE(this.listDeclaration) },
      { ALT: () => this.SUBRULE(this.fieldDeclaration) },
      { ALT: () => this.SUBRULE(this.eventDeclaration) },
      { ALT: () => this.SUBRULE(this.eventsColumn) },
      { ALT: () => this.SUBRULE(this.datesStatement) },
      { ALT: () => this.SUBRULE(this.numbersStatement) },
      { ALT: () => this.SUBRULE(this.decayDeclaration) },
      { ALT: () => this.SUBRULE(this.decisionRow) },
      { ALT: () => this.SUBRULE(this.sectionHeader) },
      { ALT: () => this.SUBRULE(this.rule) },
    ]);
  });

  policyHeader = this.RULE('policyHeader', () => {
    this.CONSUME(t.Policy);
    this.CONSUME(t.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(t.Version);
      this.CONSUME2(t.StringLiteral);
    });
  });

  listDeclaration = this.RULE('listDeclaration', () => {
    this.CONSUME(t.List);
    this.CONSUME(t.Name);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Equal);
          this.SUBRULE(this.listLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.From);
          this.CONSUME(t.StringLiteral);
        },
      },
    ]);
  });

  importStatement = this.RULE('importStatement', () => {
    this.CONSUME(t.Import);
    this.CONSUME(t.StringLiteral);
  });

  /** `field NAME: TYPE`, `field NAME: TYPE from "Label", …` or, for a field declared elsewhere, `field NAME from "Label", …`. */
  fieldDeclaration = this.RULE('fieldDeclaration', () => {
    this.CONSUME(t.Field);
    this.CONSUME(t.Name, { LABEL: 'name' });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Colon);
          this.CONSUME2(t.Name, { LABEL: 'type' });
          this.OPTION(() => this.SUBRULE(this.sourceNames));
        },
      },
      { ALT: () => this.SUBRULE2(this.sourceNames) },
    ]);
  });

  /** `from "Label", "api_name", …`: the names a CRM gives a field, a column or an event. */
  sourceNames = this.RULE('sourceNames', () => {
    this.CONSUME(t.From);
    this.CONSUME(t.StringLiteral);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.CONSUME2(t.StringLiteral);
    });
  });

  eventDeclaration = this.RULE('eventDeclaration', () => {
    this.CONSUME(t.Event);
    this.CONSUME(t.Name, { LABEL: 'verb' });
    // After the verb, `from "…"` starts the CRM's names for the event; `from` alone is an object.
    this.OPTION({
      GATE: () => this.LA(1).tokenType !== t.From || this.LA(2).tokenType !== t.StringLiteral,
      DEF: () => {
        this.CONSUME2(t.Name, { LABEL: 'object' });
        this.MANY(() => {
          this.CONSUME(t.Comma);
          this.CONSUME3(t.Name, { LABEL: 'object' });
        });
      },
    });
    this.OPTION2(() => this.SUBRULE(this.sourceNames));
  });

  /** `events COLUMN from "Label", …`: where an events file or a JSON event keeps lead_id, type, object, name or at. */
  eventsColumn = this.RULE('eventsColumn', () => {
    this.CONSUME(t.Events);
    // `at` is a keyword elsewhere (`at most`), but here it names the events' time.
    this.OR([{ ALT: () => this.CONSUME(t.Name, { LABEL: 'column' }) }, { ALT: () => this.CONSUME(t.At, { LABEL: 'column' }) }]);
    this.SUBRULE(this.sourceNames);
  });

  /** `dates "MM/DD/YYYY"`: the order of day and month in dates a CRM writes as text. */
  datesStatement = this.RULE('datesStatement', () => {
    this.CONSUME(t.Dates);
    this.CONSUME(t.StringLiteral);
  });

  /** `numbers "1.234,56"`: the decimal and thousands separators in numbers a CRM writes as text. */
  numbersStatement = this.RULE('numbersStatement', () => {
    this.CONSUME(t.Numbers);
    this.CONSUME(t.StringLiteral);
  });

  decayDeclaration = this.RULE('decayDeclaration', () => {
    this.CONSUME(t.Decay);
    this.CONSUME(t.HalfLife);
    this.CONSUME(t.NumberLiteral);
    this.CONSUME(t.Days);
  });

  sectionHeader = this.RULE('sectionHeader', () => {
    this.CONSUME(t.Name);
    this.CONSUME(t.Colon);
  });

  decisionRow = this.RULE('decisionRow', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Grade, { LABEL: 'decision' }) },
      { ALT: () => this.CONSUME(t.Stage, { LABEL: 'decision' }) },
      { ALT: () => this.CONSUME(t.Route, { LABEL: 'decision' }) },
    ]);
    this.CONSUME(t.StringLiteral);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(t.When);
          this.SUBRULE(this.condition);
        },
      },
      { ALT: () => this.CONSUME(t.Otherwise) },
    ]);
  });

  rule = this.RULE('rule', () => {
    this.CONSUME(t.When);
    this.SUBRULE(this.condition);
    this.SUBRULE(this.effect);
    this.OPTION(() => {
      this.CONSUME(t.As);
      this.CONSUME(t.StringLiteral, { LABEL: 'name' });
    });
  });

  effect = this.RULE('effect', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(t.Add) }, { ALT: () => this.CONSUME(t.Subtract) }]);
          this.CONSUME(t.NumberLiteral, { LABEL: 'points' });
          this.OPTION(() => this.CONSUME(t.Each));
          this.OPTION2(() => {
            this.OPTION3(() => this.CONSUME(t.Comma));
            this.CONSUME(t.At);
            this.CONSUME(t.Most);
            this.CONSUME2(t.NumberLiteral, { LABEL: 'cap' });
          });
        },
      },
      { ALT: () => this.CONSUME(t.Blacklist) },
    ]);
  });

  condition = this.RULE('condition', () => {
    this.SUBRULE(this.conjunction);
    this.MANY(() => {
      this.CONSUME(t.Or);
      this.SUBRULE2(this.conjunction);
    });
  });

  conjunction = this.RULE('conjunction', () => {
    this.SUBRULE(this.negation);
    this.MANY(() => {
      this.CONSUME(t.And);
      this.SUBRULE2(this.negation);
    });
  });

  negation = this.RULE('negation', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Not);
          this.SUBRULE(this.negation);
        },
      },
      { ALT: () => this.SUBRULE(this.quantified) },
    ]);
  });

  /** A primary condition with an optional `K times` and `within N days`. */
  quantified = this.RULE('quantified', () => {
    this.SUBRULE(this.primary);
    this.OPTION(() => {
      this.CONSUME(t.NumberLiteral, { LABEL: 'times' });
      this.CONSUME(t.Times);
    });
    this.OPTION2(() => {
      this.CONSUME(t.Within);
      this.CONSUME2(t.NumberLiteral, { LABEL: 'within' });
      this.CONSUME(t.Days);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.SUBRULE(this.condition);
          this.CONSUME(t.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.noActivity) },
      { ALT: () => this.SUBRULE(this.nameCondition) },
    ]);
  });

  /** `no activity for N days` or `no VERB [OBJECT] ["glob"] for N days`. */
  noActivity = this.RULE('noActivity', () => {
    this.CONSUME(t.No);
    this.SUBRULE(this.eventPattern);
    this.CONSUME(t.For);
    this.CONSUME(t.NumberLiteral);
    this.CONSUME(t.Days);
  });

  eventPattern = this.RULE('eventPattern', () => {
    this.CONSUME(t.Name, { LABEL: 'verb' });
    this.OPTION(() => this.CONSUME2(t.Name, { LABEL: 'object' }));
    this.OPTION2(() => this.CONSUME(t.StringLiteral));
  });

  /** Everything that starts with a name: a test on a field or value, or an event pattern. */
  nameCondition = this.RULE('nameCondition', () => {
    this.CONSUME(t.Name, { LABEL: 'subject' });
    this.OR([
      { ALT: () => this.SUBRULE(this.comparison) },
      { ALT: () => this.SUBRULE(this.between) },
      { ALT: () => this.SUBRULE(this.inList) },
      { ALT: () => this.SUBRULE(this.textMatch) },
      { ALT: () => this.SUBRULE(this.isTest) },
      // Before the rest of an event pattern, whose object could also be `before` or `more`.
      { GATE: () => this.LA(2).tokenType === t.StringLiteral, ALT: () => this.SUBRULE(this.dateCompare) },
      { GATE: () => this.LA(2).tokenType === t.Than, ALT: () => this.SUBRULE(this.dateAgo) },
      {
        // The rest of an event pattern: `VERB` has been read as the subject.
        ALT: () => {
          this.OPTION(() => this.CONSUME2(t.Name, { LABEL: 'object' }));
          this.OPTION2(() => this.CONSUME(t.StringLiteral, { LABEL: 'glob' }));
        },
      },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Equal, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(t.NotEqual, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(t.GreaterEqual, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(t.Greater, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(t.LessEqual, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(t.Less, { LABEL: 'operator' }) },
    ]);
    this.OR2([{ ALT: () => this.SUBRULE(this.literal) }, { ALT: () => this.CONSUME(t.Name, { LABEL: 'other' }) }]);
  });

  /** `created before "2026-01-01"`, `created after "2026-01-01T12:00:00Z"`. */
  dateCompare = this.RULE('dateCompare', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Before, { LABEL: 'operator' }) }, { ALT: () => this.CONSUME(t.After, { LABEL: 'operator' }) }]);
    this.CONSUME(t.StringLiteral);
  });

  /** `last_contacted more than 30 days ago`. */
  dateAgo = this.RULE('dateAgo', () => {
    this.CONSUME(t.More);
    this.CONSUME(t.Than);
    this.CONSUME(t.NumberLiteral);
    this.CONSUME(t.Days);
    this.CONSUME(t.Ago);
  });

  between = this.RULE('between', () => {
    this.CONSUME(t.Between);
    this.CONSUME(t.NumberLiteral, { LABEL: 'low' });
    this.CONSUME(t.And);
    this.CONSUME2(t.NumberLiteral, { LABEL: 'high' });
  });

  inList = this.RULE('inList', () => {
    this.OPTION(() => this.CONSUME(t.Not));
    this.CONSUME(t.In);
    this.SUBRULE(this.listOperand);
  });

  textMatch = this.RULE('textMatch', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Contains) },
      {
        ALT: () => {
          this.CONSUME(t.Starts);
          this.CONSUME(t.With);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Ends);
          this.CONSUME2(t.With);
        },
      },
    ]);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(t.Any);
          this.OPTION(() => this.CONSUME(t.Word));
          this.SUBRULE(this.listOperand);
        },
      },
      {
        ALT: () => {
          this.OPTION2(() => this.CONSUME2(t.Word));
          this.CONSUME(t.StringLiteral);
        },
      },
    ]);
  });

  isTest = this.RULE('isTest', () => {
    this.CONSUME(t.Is);
    this.OR([
      { ALT: () => this.CONSUME(t.Missing, { LABEL: 'test' }) },
      { ALT: () => this.CONSUME(t.Present, { LABEL: 'test' }) },
      { ALT: () => this.CONSUME(t.True, { LABEL: 'test' }) },
      { ALT: () => this.CONSUME(t.False, { LABEL: 'test' }) },
    ]);
  });

  listOperand = this.RULE('listOperand', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Name) }, { ALT: () => this.SUBRULE(this.listLiteral) }]);
  });

  listLiteral = this.RULE('listLiteral', () => {
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.literal);
      this.MANY({
        GATE: () => this.LA(2).tokenType !== t.RBracket,
        DEF: () => {
          this.CONSUME(t.Comma);
          this.SUBRULE2(this.literal);
        },
      });
      this.OPTION2(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RBracket);
  });

  literal = this.RULE('literal', () => {
    this.OR([{ ALT: () => this.CONSUME(t.StringLiteral) }, { ALT: () => this.CONSUME(t.NumberLiteral) }]);
  });
}

// ---- error messages: say what was expected in words, and what was found ----

const ruleExpectations: Record<string, string> = {
  statement: 'a statement (`when`, `list`, `field`, `event`, `grade`, `stage`, `route`, `decay`, `policy`, `import` or a section `name:`)',
  primary: 'a condition (a field test, an event such as `download whitepaper`, `no activity for N days` or `(`)',
  negation: 'a condition (a field test, an event such as `download whitepaper`, `no activity for N days` or `(`)',
  effect: '`add N`, `subtract N` or `blacklist`',
  literal: 'a string or a number',
  comparison: 'a string, a number or a name',
  listOperand: 'a list name or `[`',
};

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (ruleName === 'rule' && expected === t.When) return `expected \`when\`, found ${describeToken(actual)}`;
    return `expected ${describeType(expected)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: the statement is already complete`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const found = describeToken(actual[0] ?? ({ tokenType: EOF } as IToken));
    const expectation = ruleExpectations[ruleName] ?? oneOf(expectedPathsPerAlt.flat().map((path) => (path[0] ? describeType(path[0]) : 'the end of the line')));
    return `expected ${expectation}, found ${found}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const found = describeToken(actual[0] ?? ({ tokenType: EOF } as IToken));
    return `expected ${oneOf(expectedIterationPaths.map((path) => (path[0] ? describeType(path[0]) : 'something')))}, found ${found}`;
  },
};

let grammar: PolicyGrammar | undefined;

/** The one grammar instance; chevrotain parsers are costly to build and cheap to reuse. */
export function policyGrammar(): PolicyGrammar {
  grammar ??= new PolicyGrammar();
  return grammar;
}

export type { PolicyGrammar, CstNode };
