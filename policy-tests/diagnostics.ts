import type { DiagnosticKind } from '../language/diagnostics.js';

/** Diagnostics of a test file read against its policy (LT2xxx); the syntax ones (LT1xxx) are in language/test-syntax. */
export const testCheckDiagnostics = {
  unknownField: { code: 'LT2001', severity: 'error', summary: 'a lead field the policy does not know' },
  fieldType: { code: 'LT2002', severity: 'error', summary: 'a lead field given a value of the wrong type' },
  unknownSection: { code: 'LT2003', severity: 'error', summary: 'an expectation on a section the policy does not have' },
  noRuleAtLine: { code: 'LT2004', severity: 'error', summary: '`expect rule at line N` where the policy has no rule on line N' },
  badTime: { code: 'LT2005', severity: 'error', summary: 'a time that is no valid ISO-8601 time, or lies outside the years 0000 to 9999 (UTC)' },
  missingNow: { code: 'LT2006', severity: 'error', summary: "a test without `now`, neither its own nor the file's" },
  policyUnavailable: { code: 'LT2007', severity: 'error', summary: 'a policy that cannot be read or has errors' },
  invalidLead: { code: 'LT2008', severity: 'error', summary: 'a lead the policy rejects' },
  unknownRuleName: { code: 'LT2050', severity: 'error', summary: '`expect rule "NAME"` where no rule of the policy is named NAME' },
} as const satisfies Record<string, DiagnosticKind>;
