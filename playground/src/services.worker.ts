/** The editor's language services off the main thread: the page stays free of the compiler. */
import { PolicyServices, type ServiceRequest, type ServiceResponse } from './services.js';

const services = new PolicyServices();

self.onmessage = (event: MessageEvent<ServiceRequest>) => {
  const request = event.data;
  let result: ServiceResponse['result'];
  try {
    if (request.method === 'format') result = services.format(request.text);
    else if (request.method === 'complete') result = services.complete(request.text, request.position);
    else if (request.method === 'hover') result = services.hover(request.text, request.position);
    else result = services.definition(request.text, request.position);
  } catch (error) {
    // A service that fails offers nothing; the editor keeps working.
    console.warn('leadscore editor services:', error);
    result = undefined;
  }
  self.postMessage({ id: request.id, result } satisfies ServiceResponse);
};
