/**
 * What the SQL target refuses, in one table. LS6xxx: a policy that compiles, but whose SQL
 * for a dialect could give another result than the runtime; the code says why. Documented in
 * spec/language.md ("Scoring in SQL").
 */
export const sqlDiagnostics = {
  unrepresentableText: { code: 'LS6001', summary: 'text a SQL string cannot hold: NUL, or half of a UTF-16 surrogate pair' },
  clashingColumn: {
    code: 'LS6002',
    summary:
      'two columns of one name for the dialect: a section named like a result column (`id`, `score`, `grade`, `stage`, `route`, `blacklisted`), or two names that differ only in case where the dialect ignores case',
  },
  finalSigma: { code: 'LS6003', summary: 'text with a Greek σ or ς in a comparison: lower-casing Σ depends on the letters around it, which SQL cannot follow' },
  invalidNow: { code: 'LS6004', summary: '`now` that is not an ISO-8601 time' },
  dbtRawEnd: { code: 'LS6005', summary: 'a dbt model of a policy whose text holds `{% endraw %}`, which would end the model’s raw block' },
} as const;

export interface SqlDiagnostic {
  code: string;
  severity: 'error';
  message: string;
  /** Where in the policy, when the cause is one rule, list or section. */
  range?: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
}
