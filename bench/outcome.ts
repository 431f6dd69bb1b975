/** What every implementation of the reference policy must agree on for one lead. */
export interface Outcome {
  score: number;
  dimensions: { fit: number; engagement: number };
  grade: string | null;
  stage: string | null;
  route: string | null;
  blacklisted: boolean;
}

/** A lead that cannot be scored; the message is each implementation's own. */
export interface Rejected {
  error: string;
}

/** The fields compared between implementations, or the first difference in words. */
export function difference(expected: Outcome | Rejected, actual: Outcome | Rejected): string | null {
  if ('error' in expected || 'error' in actual) {
    if ('error' in expected && 'error' in actual) return null;
    if ('error' in expected) return `expected an error (${expected.error}), got a result`;
    return `expected a result, got the error ${(actual as Rejected).error}`;
  }
  const pairs: Array<[string, unknown, unknown]> = [
    ['score', expected.score, actual.score],
    ['fit', expected.dimensions.fit, actual.dimensions.fit],
    ['engagement', expected.dimensions.engagement, actual.dimensions.engagement],
    ['grade', expected.grade, actual.grade],
    ['stage', expected.stage, actual.stage],
    ['route', expected.route, actual.route],
    ['blacklisted', expected.blacklisted, actual.blacklisted],
  ];
  for (const [name, want, got] of pairs) if (want !== got) return `${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
  return null;
}
