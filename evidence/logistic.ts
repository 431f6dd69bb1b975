/**
 * Logistic regression with an L2 penalty (ridge), fitted by Newton's method: the model that
 * `suggest` fits to a policy's rules. The intercept is not penalised. The standard errors come
 * from the inverse of the penalised Hessian at the optimum.
 */
import { Matrix, inverse, solve } from 'ml-matrix';

export interface LogisticFit {
  intercept: number;
  weights: number[];
  /** Standard error of each weight. */
  standardErrors: number[];
  iterations: number;
}

export interface LogisticOptions {
  /** The penalty on the squared weights. */
  l2?: number;
  maxIterations?: number;
}

const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));

/** Fits P(y) = sigmoid(intercept + weights · x) to rows `features` and outcomes `y`. */
export function fitLogistic(features: readonly (readonly number[])[], y: readonly boolean[], options: LogisticOptions = {}): LogisticFit {
  const { l2 = 1, maxIterations = 50 } = options;
  const columns = (features[0]?.length ?? 0) + 1;
  // The first column is the intercept's.
  const rows = features.map((row) => [1, ...row]);
  let beta = new Array<number>(columns).fill(0);
  let hessian = Matrix.eye(columns);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = beta.map((b, j) => (j === 0 ? 0 : -l2 * b));
    hessian = Matrix.zeros(columns, columns);
    for (let j = 1; j < columns; j++) hessian.set(j, j, l2);
    rows.forEach((row, i) => {
      let eta = 0;
      for (let j = 0; j < columns; j++) eta += beta[j]! * row[j]!;
      const p = sigmoid(eta);
      const residual = (y[i] ? 1 : 0) - p;
      const weight = p * (1 - p);
      for (let j = 0; j < columns; j++) {
        gradient[j]! += residual * row[j]!;
        if (row[j] === 0) continue;
        for (let k = j; k < columns; k++) hessian.set(j, k, hessian.get(j, k) + weight * row[j]! * row[k]!);
      }
    });
    for (let j = 0; j < columns; j++) for (let k = 0; k < j; k++) hessian.set(j, k, hessian.get(k, j));
    // A tiny ridge on the intercept too keeps the system solvable when every lead converted (or none).
    hessian.set(0, 0, hessian.get(0, 0) + 1e-9);
    const step = solve(hessian, Matrix.columnVector(gradient)).to1DArray();
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const covariance = inverse(hessian);
  return {
    intercept: beta[0]!,
    weights: beta.slice(1),
    standardErrors: beta.slice(1).map((_, j) => Math.sqrt(Math.max(0, covariance.get(j + 1, j + 1)))),
    iterations,
  };
}

/** The linear score of a row under a fit (its log-odds). */
export function logOddsOf(fit: Pick<LogisticFit, 'intercept' | 'weights'>, row: readonly number[]): number {
  let eta = fit.intercept;
  row.forEach((value, j) => (eta += fit.weights[j]! * value));
  return eta;
}
