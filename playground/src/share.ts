/**
 * Share links: the policy (and `now`) compressed into the URL's hash with
 * lz-string, and optionally the leads as they are now. Reading a link only yields
 * text for the editor and data for the engine: nothing in it is run or shown as HTML.
 */
import LZString from 'lz-string';
import type { LeadFile } from './leads.js';
import { normalizePath } from './paths.js';
import type { LeadEdit } from './protocol.js';

export interface SharedState {
  policy: string;
  /** The policy's path in its folder, when the link carries the files it reads. */
  path?: string;
  /** The other files the policy reads (what it imports, its list files), by path relative to the folder. */
  files?: Record<string, string>;
  now?: string;
  /** The user's own leads, as the file they loaded (and its events file): text for the engine worker to parse. */
  leads?: LeadFile;
  /** Leads edited in place (in the loaded file, or in the sample leads when there is none). */
  edits?: LeadEdit[];
}

/**
 * Links longer than this are not made: Chromium refuses URLs over 2 MiB, and a link that
 * cannot be opened reproduces nothing. About 5,000 leads with their events fit.
 */
export const maxLinkLength = 2_000_000;

/** Longer policies are refused when a link is opened: no real policy comes near it. */
export const maxSharedPolicyLength = 1_000_000;
/** Longer lead files are left out when a link is opened. */
export const maxSharedLeadsLength = 20_000_000;

export function shareHash(state: SharedState): string {
  const parts = [`policy=${LZString.compressToEncodedURIComponent(state.policy)}`];
  if (state.files && Object.keys(state.files).length > 0) {
    parts.push(`path=${encodeURIComponent(state.path ?? 'policy.score')}`, `files=${LZString.compressToEncodedURIComponent(JSON.stringify(state.files))}`);
  }
  if (state.now !== undefined && state.now !== '') parts.push(`now=${encodeURIComponent(state.now)}`);
  if (state.leads) {
    parts.push(`leadsName=${encodeURIComponent(state.leads.name)}`, `leadsFormat=${state.leads.format}`, `leads=${LZString.compressToEncodedURIComponent(state.leads.text)}`);
    const events = state.leads.events;
    if (events) parts.push(`eventsName=${encodeURIComponent(events.name)}`, `events=${LZString.compressToEncodedURIComponent(events.text)}`);
  }
  if (state.edits && state.edits.length > 0) {
    // [line, lead] pairs: the leads as objects, so the JSON is not escaped twice.
    const pairs = state.edits.map((edit) => [edit.line, JSON.parse(edit.json) as unknown]);
    parts.push(`edits=${LZString.compressToEncodedURIComponent(JSON.stringify(pairs))}`);
  }
  return `#${parts.join('&')}`;
}

/**
 * The hash for a link of at most `room` characters after its hash mark: with the leads when
 * they fit, otherwise the policy (with its files) and `now` only, and how long the link with leads would have been.
 */
export function shareHashWithin(state: SharedState, room: number): { hash: string; leadsTooLong?: number } {
  const hash = shareHash(state);
  if (hash.length <= room || (!state.leads && !state.edits?.length)) return { hash };
  const withoutLeads: SharedState = { policy: state.policy };
  if (state.path !== undefined) withoutLeads.path = state.path;
  if (state.files) withoutLeads.files = state.files;
  if (state.now !== undefined) withoutLeads.now = state.now;
  return { hash: shareHash(withoutLeads), leadsTooLong: hash.length };
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
  const files = readFiles(values.get('files'));
  if (files) {
    state.files = files;
    state.path = safePath(values.get('path')) ?? 'policy.score';
  }
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
  const edits = readEdits(values.get('edits'));
  if (edits) state.edits = edits;
  return state;
}

/** A relative path inside a folder, or undefined: a link cannot name `../x` or `/x` (nor make a zip that writes there). */
function safePath(encoded: string | undefined): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(encoded ?? '');
  } catch {
    return undefined;
  }
  return path !== '' && normalizePath(path) === path && !path.startsWith('/') && !path.startsWith('../') && path !== '..' ? path : undefined;
}

/** The files beside the policy: a JSON object of path → text; none when they cannot be read (the policy still opens). */
function readFiles(encoded: string | undefined): Record<string, string> | undefined {
  if (encoded === undefined || encoded === '') return undefined;
  let files: unknown;
  try {
    const text = LZString.decompressFromEncodedURIComponent(encoded);
    if (typeof text !== 'string' || text.length > maxSharedLeadsLength) return undefined;
    files = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return undefined;
  const entries = Object.entries(files as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && safePath(encodeURIComponent(entry[0])) === entry[0],
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** The edited leads of a link: `[line, lead]` pairs; none when they cannot be read (the rest still opens). */
function readEdits(encoded: string | undefined): LeadEdit[] | undefined {
  if (encoded === undefined || encoded === '') return undefined;
  let pairs: unknown;
  try {
    const text = LZString.decompressFromEncodedURIComponent(encoded);
    if (typeof text !== 'string' || text.length > maxSharedLeadsLength) return undefined;
    pairs = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!Array.isArray(pairs)) return undefined;
  const edits: LeadEdit[] = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [line, lead] = pair as [unknown, unknown];
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 1 || lead === null || typeof lead !== 'object' || Array.isArray(lead)) return undefined;
    edits.push({ line, json: JSON.stringify(lead) });
  }
  return edits.length > 0 ? edits : undefined;
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
  const file: LeadFile = { name: name || `shared leads.${format}`, format, text };
  const events = readEvents(values);
  if (events && format === 'csv') file.events = events;
  return file;
}

/** The events CSV that goes with a link's profile CSV, when it is there and readable. */
function readEvents(values: Map<string, string>): LeadFile['events'] {
  const encoded = values.get('events');
  if (encoded === undefined || encoded === '') return undefined;
  try {
    const text = LZString.decompressFromEncodedURIComponent(encoded);
    const name = decodeURIComponent(values.get('eventsName') ?? '');
    if (typeof text !== 'string' || text === '' || text.length > maxSharedLeadsLength) return undefined;
    return { name: name || 'shared events.csv', text };
  } catch {
    return undefined;
  }
}
