import { HttpError, sendJson } from '../http.js';
import { describePolicy } from '../served-policy.js';
import type { RouteContext } from './context.js';

/** GET /healthz: the policy in force, whether its last reload failed, uptime, how many leads are kept. */
export function health(context: RouteContext): void {
  const { method, served, policy } = context;
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `/healthz takes GET, not ${method}`, { allow: 'GET, HEAD' });
  sendJson(context.response, 200, {
    status: served.reloadError ? 'degraded' : 'ok',
    policy: { ...describePolicy(policy), file: context.policyFile, backend: policy.backend },
    reloadError: served.reloadError,
    uptimeSeconds: Math.round((Date.now() - context.startedAt) / 1000),
    leads: context.leads.size,
    fields: context.fields.report(),
  });
}
