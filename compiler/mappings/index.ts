import { hubspotMapping } from './hubspot.js';
import { salesforceMapping } from './salesforce.js';

/** The prefix of a bundled mapping's name in `import`: `import "leadscore:hubspot"`. */
export const bundledPrefix = 'leadscore:';

/** The mappings leadscore ships, by name: policy text that only says where fields and events come from. */
export const bundledMappings: ReadonlyMap<string, string> = new Map([
  ['hubspot', hubspotMapping],
  ['salesforce', salesforceMapping],
]);
