import { applyEvents, refresh, startLead, updateProfile } from '../../runtime/index.js';
import { HttpError, readJsonBody, sendJson } from '../http.js';
import { nowOf, requireMethod, type RouteContext } from './context.js';

/** POST /leads/:id/events: applies an event (or an array) to the lead's state; reports the decisions that changed. */
export async function leadEvents(context: RouteContext, id: string): Promise<void> {
  requireMethod(context, 'POST');
  const { policy } = context;
  const body = await readJsonBody(context.request, context.maxBodyBytes);
  const now = nowOf(context);
  const { result, transitions } = await context.leads.step(id, policy, (state) => applyEvents(policy, state, body, { now }));
  sendJson(context.response, 200, { result, transitions });
}

/** GET /leads/:id (the lead scored now) and PUT /leads/:id (create it, or change profile fields). */
export async function lead(context: RouteContext, id: string): Promise<void> {
  const { policy, leads, method } = context;
  if (method === 'GET') {
    const state = leads.get(id);
    if (!state) throw new HttpError(404, `no lead ${JSON.stringify(id)}; create it with PUT /leads/:id or POST /leads/:id/events`);
    // Reading changes nothing: a decision that time (or a new policy) changed is reported by the next update.
    return sendJson(context.response, 200, { result: refresh(policy, state, { now: nowOf(context) }).result });
  }
  if (method === 'PUT') {
    const body = await readJsonBody(context.request, context.maxBodyBytes);
    const now = nowOf(context);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'a profile must be a JSON object');
    const changes = { ...body, id };
    const known = leads.has(id);
    const { result, transitions } = await (known
      ? leads.step(id, policy, (state) => updateProfile(policy, state, changes, { now }))
      : leads.step(id, policy, () => startLead(policy, changes, { now })));
    return sendJson(context.response, known ? 200 : 201, { result, transitions });
  }
  throw new HttpError(405, `${context.url.pathname} takes GET or PUT, not ${method}`, { allow: 'GET, PUT' });
}
