import { syntaxDiagnostics, type DiagnosticKind } from '../language/index.js';

/**
 * Every diagnostic the compiler reports beyond syntax, in one table: the code
 * is stable and documented in spec/language.md. LS2xxx names, LS3xxx types,
 * LS4xxx rules and decisions, LS5xxx static analysis, LS9xxx the compiler itself.
 */
export const semanticDiagnostics = {
  unknownName: { code: 'LS2001', severity: 'error', summary: 'a name that is no field, section, `score`, `grade`, `stage` or `route`' },
  unknownList: { code: 'LS2002', severity: 'error', summary: 'a list name that no `list` declares' },
  unknownEvent: { code: 'LS2003', severity: 'error', summary: 'an event verb that is neither built in nor declared with `event`' },
  unknownEventObject: { code: 'LS2004', severity: 'error', summary: 'an object the event verb does not take' },
  unknownFieldType: { code: 'LS2005', severity: 'error', summary: 'a field type other than `text`, `number` or `boolean`' },
  duplicateList: { code: 'LS2010', severity: 'error', summary: 'two lists with the same name' },
  duplicateField: { code: 'LS2011', severity: 'error', summary: 'a field declared twice, or a built-in field declared again' },
  duplicateSection: { code: 'LS2012', severity: 'error', summary: 'two sections with the same name' },
  duplicateDecisionRow: { code: 'LS2013', severity: 'error', summary: 'two rows of one decision with the same name' },
  duplicateEvent: { code: 'LS2014', severity: 'warning', summary: 'an `event` declaration of a verb and object already known' },
  nameClash: { code: 'LS2015', severity: 'error', summary: 'a section or field named like another field, section, `score` or a decision' },
  duplicatePolicyHeader: { code: 'LS2016', severity: 'error', summary: 'more than one `policy` header' },
  importWithoutFiles: { code: 'LS2030', severity: 'error', summary: '`import` or `list … from` where the policy is compiled without access to files' },
  unreadableFile: { code: 'LS2031', severity: 'error', summary: 'an imported policy or list file that cannot be read' },
  importCycle: { code: 'LS2032', severity: 'error', summary: 'files that import each other in a circle' },
  unknownMapping: { code: 'LS2033', severity: 'error', summary: 'an `import "leadscore:NAME"` of a mapping leadscore does not ship' },
  sourceWithoutField: { code: 'LS2040', severity: 'error', summary: '`field NAME from …` for a field that is neither built in nor declared with a type' },
  duplicateSource: { code: 'LS2041', severity: 'error', summary: 'a CRM name given to two fields, two events or two parts of an event, or that is another field’s own name' },
  unknownEventsColumn: { code: 'LS2042', severity: 'error', summary: '`events NAME from …` for a NAME other than `lead_id`, `type`, `object`, `name` or `at`' },
  sourceForManyEvents: { code: 'LS2043', severity: 'error', summary: '`event VERB A, B from …`: CRM event names for more than one event at once' },
  duplicateRuleName: { code: 'LS2050', severity: 'error', summary: 'two rules with the same name (`as "…"`), in one policy and the files it imports' },
  emptyRuleName: { code: 'LS2051', severity: 'error', summary: 'a rule named with empty text: `as ""`' },
  decisionCycle: { code: 'LS2020', severity: 'error', summary: 'a decision that depends on itself, directly or through others' },
  totalInRule: { code: 'LS2021', severity: 'error', summary: 'a rule that tests `score`, a section or a decision, which rules produce' },
  operatorType: { code: 'LS3001', severity: 'error', summary: 'an operator that does not apply to the value’s type' },
  operandType: { code: 'LS3002', severity: 'error', summary: 'a comparison with a value of the wrong type' },
  listType: { code: 'LS3003', severity: 'error', summary: 'a list mixing strings and numbers, or of the wrong type for its use' },
  emptyRange: { code: 'LS3004', severity: 'error', summary: '`between A and B` with A greater than B' },
  fieldAsCondition: { code: 'LS3005', severity: 'error', summary: 'a field or value written alone where a condition is expected' },
  eachWithoutEvent: { code: 'LS4001', severity: 'error', summary: '`each` on a rule whose condition is not a single event pattern' },
  capWithoutEvent: { code: 'LS4002', severity: 'error', summary: '`at most` on a rule whose condition is not a single event pattern' },
  quantifierWithoutEvent: { code: 'LS4003', severity: 'error', summary: '`K times` or `within N days` after something that is not an event pattern' },
  capWithoutEach: { code: 'LS4004', severity: 'warning', summary: '`at most` on a rule that scores once, where it has no effect' },
  unreachableRow: { code: 'LS4005', severity: 'warning', summary: 'a decision row after `otherwise`, which can never match' },
  misplacedDecay: { code: 'LS4006', severity: 'error', summary: '`decay` outside a section, or twice in one section' },
  badNumber: { code: 'LS4007', severity: 'error', summary: 'a number out of range for its place (negative points, `0 times`, a zero half-life)' },
  unknownDecisionValue: { code: 'LS4008', severity: 'warning', summary: 'a comparison with a grade, stage or route name no row produces' },
  emptySection: { code: 'LS4009', severity: 'warning', summary: 'a section without rules, which always scores 0' },
  emptyText: { code: 'LS4010', severity: 'warning', summary: 'a comparison with empty text, which blank values never equal: use `is missing` or `is present`' },
  impliedRow: { code: 'LS5001', severity: 'warning', summary: 'a decision row whose condition an earlier row of the same decision already covers, so it never matches' },
  unreachableThreshold: { code: 'LS5002', severity: 'warning', summary: 'a comparison of a section or `score` with a number outside the range the rules can produce' },
  alwaysFalse: { code: 'LS5003', severity: 'warning', summary: 'a condition no lead can meet, e.g. `employees > 100 and employees < 50`' },
  unusedDeclaration: { code: 'LS5004', severity: 'warning', summary: 'a list, field or event declared but never used' },
  uncappedEach: { code: 'LS5005', severity: 'warning', summary: 'an `each` rule with neither `at most` nor decay in its section, so its points grow without limit' },
  duplicateCondition: { code: 'LS5006', severity: 'warning', summary: 'the same condition scored twice in one section' },
  internalError: { code: 'LS9001', severity: 'error', summary: 'a fault in the compiler itself; please report it with the policy' },
} as const satisfies Record<string, DiagnosticKind>;

/** Every diagnostic leadscore can report, syntax included, by code. */
export const allDiagnostics: readonly DiagnosticKind[] = [...Object.values(syntaxDiagnostics), ...Object.values(semanticDiagnostics)].sort((a, b) => a.code.localeCompare(b.code));
