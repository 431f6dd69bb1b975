import { leadWarnings } from '../../leads/index.js';
import { LeadError, type Policy, type ScoreResult } from '../../runtime/index.js';
import { readJsonBody, sendJson } from '../http.js';
import { nowOf, requireMethod, type RouteContext } from './context.js';

/** POST /score: one lead, or an array of leads scored one by one; nothing is kept. */
export async function score(context: RouteContext): Promise<void> {
  requireMethod(context, 'POST');
  const { policy } = context;
  const body = await readJsonBody(context.request, context.maxBodyBytes);
  const now = nowOf(context);
  if (!Array.isArray(body)) return sendJson(context.response, 200, scoreOne(context, policy, body, now));
  // A batch never fails as a whole: a bad lead gets its error in its place.
  const results = body.map((lead) => {
    try {
      return scoreOne(context, policy, lead, now);
    } catch (error) {
      if (!(error instanceof LeadError)) throw error;
      return { error: error.message, id: idOf(lead) };
    }
  });
  sendJson(context.response, 200, results);
}

/** A result, with `warnings` when the lead's keys suggest fields under names the policy does not know; counted for /healthz. */
function scoreOne(context: RouteContext, policy: Policy, lead: unknown, now: Date): ScoreResult & { warnings?: string[] } {
  const result = policy.score(lead, { now });
  const read = policy.readLead ? policy.readLead(lead) : lead;
  context.fields.add(read, [], lead);
  const warnings = leadWarnings(policy.ir, lead, read);
  return warnings.length > 0 ? { ...result, warnings } : result;
}

function idOf(lead: unknown): string | number | null {
  const id = typeof lead === 'object' && lead !== null ? (lead as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
