/** The Share button, and opening a shared link: the page's side of share.ts. */
import type { monaco } from './monaco.js';
import type { LeadFile } from './leads.js';
import { readShareHash, shareHash, type SharedState } from './share.js';

/** The leads side, for sharing: the user's own leads, and loading a link's leads. */
export interface SharedLeads {
  own(): LeadFile | undefined;
  load(file: LeadFile): void;
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

/** Shows the "include leads" box only while the user's own leads are loaded. */
export function offerLeads(includeLeads: HTMLInputElement, own: LeadFile | undefined): void {
  const label = includeLeads.closest('label');
  if (label) label.hidden = own === undefined;
}

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
    const own = includeLeads.checked ? leads.own() : undefined;
    ownHash = shareHash({ policy: model.getValue(), now: nowInput.value.trim(), ...(own ? { leads: own } : {}) });
    history.replaceState(null, '', ownHash);
    const link = location.href;
    note.textContent = 'Link in the address bar';
    note.title = link;
    navigator.clipboard?.writeText(link).then(
      () => {
        note.textContent = 'Link copied';
      },
      () => {
        note.textContent = 'Link in the address bar: copy it from there';
      },
    );
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === ownHash) return;
    const shared = restoreSharedState(model, nowInput);
    if (shared) {
      note.textContent = shared.leads ? 'Opened a shared policy and its leads' : 'Opened a shared policy';
      if (shared.leads) leads.load(shared.leads);
      nowInput.dispatchEvent(new Event('input'));
    }
  });
}
