import { HttpError } from './http.js';
import type { RouteContext } from './routes/context.js';
import { health } from './routes/health.js';
import { lead, leadEvents } from './routes/leads.js';
import { score } from './routes/score.js';

/** Sends a request to the handler of its path; an unknown path is a 404 that lists the routes. */
export async function route(context: RouteContext): Promise<void> {
  const { pathname } = context.url;
  if (pathname === '/healthz') return health(context);
  if (pathname === '/score') return score(context);
  const leadPath = /^\/leads\/([^/]+)(\/events)?$/.exec(pathname);
  if (leadPath) {
    const id = decodeId(leadPath[1]!);
    return leadPath[2] ? leadEvents(context, id) : lead(context, id);
  }
  throw new HttpError(404, `no route ${context.method} ${pathname}; try POST /score, POST /leads/:id/events, PUT or GET /leads/:id, GET /healthz`);
}

function decodeId(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, `the lead id in the path is not valid URL encoding: ${JSON.stringify(text)}`);
  }
}
