import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Policy } from '../../runtime/index.js';
import { inTimeRange, outOfTimeRange, outsideTimeRange, parseIsoTime, timeRange } from '../../runtime/support.js';
import type { FieldTally } from '../../leads/index.js';
import type { CliIo } from '../../workspace/index.js';
import { HttpError } from '../http.js';
import type { LeadStore } from '../lead-store.js';
import type { ServedPolicy } from '../served-policy.js';

/** What a route handler sees: the request, the policy in force for it, the lead states. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  method: string;
  /** The policy as it was when the request arrived (a reload does not change it mid-request). */
  policy: Policy;
  served: ServedPolicy;
  leads: LeadStore;
  policyFile: string;
  maxBodyBytes: number;
  startedAt: number;
  io: CliIo;
  /** What the leads scored under this policy gave it, field by field (for /healthz). */
  fields: FieldTally;
}

/** Throws 405 unless the request's method is `allowed`. */
export function requireMethod(context: RouteContext, allowed: string): void {
  if (context.method !== allowed) throw new HttpError(405, `${context.url.pathname} takes ${allowed}, not ${context.method}`, { allow: allowed });
}

/** The time to score at: `?now=ISO-TIME`, or the clock; either in the years 0000 to 9999 (UTC), so that the states it writes can be read back. */
export function nowOf(context: RouteContext): Date {
  const text = context.url.searchParams.get('now');
  if (text === null) {
    const clock = context.io.clock();
    if (!inTimeRange(clock.getTime()))
      throw new HttpError(500, `the server's clock says ${JSON.stringify(String(clock))}, outside ${timeRange}; set the clock, or give ?now=ISO-TIME`);
    return clock;
  }
  const millis = parseIsoTime(text);
  if (outOfTimeRange(text)) throw new HttpError(400, `?now ${JSON.stringify(text)} ${outsideTimeRange}`);
  if (Number.isNaN(millis)) throw new HttpError(400, `?now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${JSON.stringify(text)}`);
  return new Date(millis);
}
