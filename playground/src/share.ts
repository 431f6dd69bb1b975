/**
 * Share links: the policy (and `now`) compressed into the URL's hash with
 * lz-string. Reading a link only yields text for the editor: nothing in it is
 * run or shown as HTML.
 */
import LZString from 'lz-string';
import type { LeadFile } from './leads.js';

export interface SharedState {
  policy: string;
  now?: string;
  /** The user's own leads, as the file they loaded (text for the engine worker to parse). */
  leads?: LeadFile;
}

/** Longer policies are refused when a link is opened: no real policy comes near it. */
export const maxSharedPolicyLength = 1_000_000;
/** Longer lead files are left out when a link is opened. */
export const maxSharedLeadsLength = 20_000_000;

export function shareHash(state: SharedState): string {
  const parts = [`policy=${LZString.compressToEncodedURIComponent(state.policy)}`];
  if (state.now !== undefined && state.now !== '') parts.push(`now=${encodeURIComponent(state.now)}`);
  if (state.leads) {
    parts.push(`leadsName=${encodeURIComponent(state.leads.name)}`, `leadsFormat=${state.leads.format}`, `leads=${LZString.compressToEncodedURIComponent(state.leads.text)}`);
  }
  return `#${parts.join('&')}`;
}

/** The state in a hash such as `#policy=…&now=…`; undefined when there is none or it cannot be read. */
export function readShareHash(hash: string): SharedState | undefined {
  const values = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const equals = part.indexOf('=');
    if (equals > 0) values.set(part.slice(0, equals), part.slice(equals + 1));
  }
  const encoded = values.get('policy');
  if (encoded === undefined || encoded === '') return undefined;
  let policy: string | null;
  try {
    policy = LZString.decompressFromEncodedURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (typeof policy !== 'string' || policy === '' || policy.length > maxSharedPolicyLength) return undefined;
  const state: SharedState = { policy };
  const now = values.get('now');
  if (now !== undefined) {
    try {
      state.now = decodeURIComponent(now);
    } catch {
      // A malformed `now` is left out; the policy still opens.
    }
  }
  const leads = readLeads(values);
  if (leads) state.leads = leads;
  return state;
}

/** The leads of a link, when they are there and readable; otherwise none (the policy still opens). */
function readLeads(values: Map<string, string>): LeadFile | undefined {
  const encoded = values.get('leads');
  const format = values.get('leadsFormat');
  if (encoded === undefined || encoded === '' || (format !== 'jsonl' && format !== 'csv')) return undefined;
  let text: string | null;
  let name: string;
  try {
    text = LZString.decompressFromEncodedURIComponent(encoded);
    name = decodeURIComponent(values.get('leadsName') ?? '');
  } catch {
    return undefined;
  }
  if (typeof text !== 'string' || text === '' || text.length > maxSharedLeadsLength) return undefined;
  return { name: name || `shared leads.${format}`, format, text };
}
