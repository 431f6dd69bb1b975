/** The editor's language services off the main thread: the page stays free of the compiler. */
import { LanguageService, offeredAfterSpace } from '../../language-service/index.js';
import { policyFile, type ServiceRequest, type ServiceResponse } from './services-protocol.js';

// No host: the playground has one policy and no files, so `import` is reported as the compiler reports it.
const service = new LanguageService();

function answer(request: ServiceRequest): ServiceResponse['result'] {
  switch (request.method) {
    case 'complete': {
      const completions = service.complete(policyFile, request.text, request.position);
      return request.afterSpace && !offeredAfterSpace.has(completions.context) ? { context: completions.context, items: [] } : completions;
    }
    case 'hover':
      return service.hover(policyFile, request.text, request.position);
    case 'definition':
      return service.definition(policyFile, request.text, request.position);
    case 'prepareRename':
      return service.prepareRename(policyFile, request.text, request.position);
    case 'rename':
      return service.rename(policyFile, request.text, request.position, request.newName);
    case 'codeActions':
      return service.codeActions(policyFile, request.text, request.range);
    case 'format':
      return service.format(policyFile, request.text);
  }
}

self.onmessage = (event: MessageEvent<ServiceRequest>) => {
  let result: ServiceResponse['result'];
  try {
    result = answer(event.data);
  } catch (error) {
    // A service that fails offers nothing; the editor keeps working.
    console.warn('leadscore editor services:', error);
    result = undefined;
  }
  self.postMessage({ id: event.data.id, result } satisfies ServiceResponse);
};
