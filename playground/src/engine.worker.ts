/** The engine worker: compiles and scores off the main thread, so typing never waits for it. */
import { evaluate, parseLeads, type ParsedLead } from './engine.js';
import type { RunRequest } from './protocol.js';

let leads: ParsedLead[] = [];

self.onmessage = (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  if (request.leads !== undefined) leads = parseLeads(request.leads);
  self.postMessage(evaluate(request.id, request.source, request.now, leads));
};
