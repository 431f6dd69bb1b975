/**
 * evidence/: a policy's scores set beside what became of the leads. Outcomes read from CSV or
 * JSON Lines, the statistics (AUC with DeLong's interval, Wilson's interval for rates), the
 * backtest's figures, and their rendering as text and Markdown. Browser-safe.
 */
export { csvOutcomes, defaultOutcomeColumns, jsonlOutcomes, type Outcome, type OutcomeColumns, type OutcomeProblem, type Outcomes } from './outcomes.js';
export { aucDifference, aucOf, wilsonInterval, type AucDifference, type AucEstimate, type Interval } from './statistics.js';
export {
  backtest,
  compareBacktests,
  pairOutcomes,
  type BacktestComparison,
  type BacktestReport,
  type Decile,
  type LabelFigures,
  type LabelOrder,
  type Rate,
  type ScoredLead,
  type Unmatched,
} from './backtest.js';
export { renderBacktestMarkdown, renderBacktestText, renderComparison, type BacktestHeading, type Escapes } from './render.js';
export { areaUnder, gainsCurve, rocCurve, type CurvePoint } from './curves.js';
export { chartSeries, renderCurvesSvg, type ChartSeries } from './chart-svg.js';
export { fitLogistic, logOddsOf, type LogisticFit } from './logistic.js';
export { gridOf, ruleFeatures, suggestPoints, type FittedRule, type RuleFeatures, type RuleSuggestion, type Suggestion } from './suggest.js';
export { rewritePoints, type PointsChange } from './rewrite-points.js';
export { thresholdForConversion, thresholdForShare, type Threshold } from './thresholds.js';
export { candidateCriteria, candidateEvidence, type Candidate } from './candidates.js';
