/** The Share button, and opening a shared link: the page's side of share.ts. */
import type { monaco } from './monaco.js';
import type { CurrentLeads } from './leads-panel.js';
import type { LeadFile } from './leads.js';
import type { LeadEdit } from './protocol.js';
import { maxLinkLength, readShareHash, shareHashWithin, type SharedState } from './share.js';

/** The leads side, for sharing: the leads as they are now, and loading a link's leads. */
export interface SharedLeads {
  current(): CurrentLeads | undefined;
  /** The link's file (undefined: the sample leads) with its edited leads. */
  load(file: LeadFile | undefined, edits: LeadEdit[] | undefined): void;
}

/**
 * Puts the state of a shared link (if the URL has one) into the editor and the `now` box,
 * and returns it (its leads are for the caller to give to the engine); undefined when there is none.
 */
export function restoreSharedState(model: monaco.editor.ITextModel, nowInput: HTMLInputElement): SharedState | undefined {
  const shared = readShareHash(location.hash);
  if (!shared) return undefined;
  // Text for the editor and the input box only: nothing from the link is run or parsed as HTML.
  // Leads go to the engine worker as text, which parses them as data.
  if (shared.now !== undefined) nowInput.value = shared.now;
  if (model.getValue() !== shared.policy) model.setValue(shared.policy);
  return shared;
}

/** Shows the "include leads" box only while the leads are the user's own or edited. */
export function offerLeads(includeLeads: HTMLInputElement, shareable: boolean): void {
  const label = includeLeads.closest('label');
  if (label) label.hidden = !shareable;
}

/** Whether a link carries leads: a file, or edits of the sample leads. */
export const hasLeads = (shared: SharedState) => shared.leads !== undefined || (shared.edits?.length ?? 0) > 0;

const megabytes = (length: number) => `${(length / 1_000_000).toFixed(1)} MB`;

/**
 * The Share button puts the policy and `now` in the address bar's hash and copies
 * the link; `note` says what happened. A link pasted into the address bar later is
 * opened too (`hashchange`).
 */
export function setupShareButton(
  button: HTMLButtonElement,
  note: HTMLElement,
  model: monaco.editor.ITextModel,
  nowInput: HTMLInputElement,
  includeLeads: HTMLInputElement,
  leads: SharedLeads,
): void {
  let ownHash = '';
  button.addEventListener('click', () => {
    const current = includeLeads.checked && !includeLeads.closest('label')?.hidden ? leads.current() : undefined;
    const state: SharedState = { policy: model.getValue(), now: nowInput.value.trim() };
    if (current?.file) state.leads = current.file;
    if (current && current.edits.length > 0) state.edits = current.edits;
    const base = location.href.length - location.hash.length;
    const { hash, leadsTooLong } = shareHashWithin(state, maxLinkLength - base);
    ownHash = hash;
    history.replaceState(null, '', ownHash);
    const link = location.href;
    // Too many leads for a link: the policy and now still go, and the note says the leads did not.
    const without = leadsTooLong === undefined ? '' : ` without the leads: with them it would be ${megabytes(leadsTooLong)}, and links hold at most ${megabytes(maxLinkLength)}; send the leads file along`;
    note.classList.toggle('share-warning', without !== '');
    note.textContent = `Link in the address bar${without}`;
    note.title = link;
    navigator.clipboard?.writeText(link).then(
      () => {
        note.textContent = `Link copied${without}`;
      },
      () => {
        note.textContent = `Link in the address bar: copy it from there${without}`;
      },
    );
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === ownHash) return;
    const shared = restoreSharedState(model, nowInput);
    if (shared) {
      note.textContent = hasLeads(shared) ? 'Opened a shared policy and its leads' : 'Opened a shared policy';
      if (hasLeads(shared)) leads.load(shared.leads, shared.edits);
      nowInput.dispatchEvent(new Event('input'));
    }
  });
}
