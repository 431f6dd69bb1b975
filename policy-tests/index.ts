/** policy-tests/: runs `.test.score` files against their policies, and reports results and coverage. */
export { testCheckDiagnostics } from './diagnostics.js';
export { prepareTest, type PreparedTest } from './lead.js';
export { checkExpectation, runTestFile, type Failure, type TestFileOutcome, type TestResult } from './run.js';
export { coverage, type Coverage, type Uncovered } from './coverage.js';
export { formatCoverage, formatJunit, formatSummary, formatText, totals, type FileReport, type PolicyCoverage, type Totals } from './report.js';
