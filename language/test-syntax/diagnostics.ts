import type { DiagnosticKind } from '../diagnostics.js';

/**
 * Diagnostics of `.test.score` files. LT1xxx: the syntax of the test file
 * (lexical problems keep the policy's LS1001–LS1003); LT2xxx: the test file
 * read against its policy (see policy-tests).
 */
export const testSyntaxDiagnostics = {
  unexpectedToken: { code: 'LT1001', severity: 'error', summary: 'a word or symbol where a test line expects something else' },
  misplacedLine: { code: 'LT1002', severity: 'error', summary: 'a line in the wrong place: outside a `test`, or under the wrong block' },
  duplicateSetting: { code: 'LT1003', severity: 'error', summary: 'a `policy`, `now` or `lead` given twice for one test, or a field given twice' },
  emptyTest: { code: 'LT1004', severity: 'error', summary: 'a test without a lead or without any `expect`' },
  bareLineRule: {
    code: 'LT1006',
    severity: 'warning',
    summary: "`expect rule at line N` without the rule's name or text, which a line inserted above would point at another rule",
  },
  badCount: { code: 'LT1005', severity: 'error', summary: 'an event count or a line number that is not a whole number of at least 1, or a negative age' },
} as const satisfies Record<string, DiagnosticKind>;
