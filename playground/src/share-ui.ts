/** The Share button, and opening a shared link: the page's side of share.ts. */
import type { CurrentLeads } from './leads-panel.js';
import type { LeadFile } from './leads.js';
import { basename } from './paths.js';
import type { LeadEdit } from './protocol.js';
import { maxLinkLength, readShareHash, shareHashWithin, type SharedState } from './share.js';
import { Workspace } from './workspace.js';

/** The leads side, for sharing: the leads as they are now, and loading a link's leads. */
export interface SharedLeads {
  current(): CurrentLeads | undefined;
  /** The link's file (undefined: the sample leads) with its edited leads. */
  load(file: LeadFile | undefined, edits: LeadEdit[] | undefined): void;
}

/** The policy side: the policy scored with the files it reads, and opening a link's. */
export interface SharedPolicy {
  /** The policy scored, its path, and the other files it reads (none for a policy on its own). */
  current(): { policy: string; path: string; files: Record<string, string> };
  /** Opens a link's policy (the caller asks before discarding edits); false when it was not opened. */
  open(shared: SharedState, hash: string): boolean;
}

/**
 * A link's policy as a workspace: the policy alone, or with the files it reads at their paths.
 * Text for the editor and data for the engine only: nothing from a link is run or parsed as HTML.
 */
export function linkWorkspace(shared: SharedState): Workspace {
  const path = shared.path ?? 'policy.score';
  const files = [
    { path, text: shared.policy },
    ...Object.entries(shared.files ?? {})
      .filter(([other]) => other !== path)
      .map(([other, text]) => ({ path: other, text })),
  ];
  return new Workspace({ kind: 'link', name: basename(path) }, files, { entry: path, shown: path });
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
 * The Share button puts the policy (with the files it reads, when it reads any) and `now` in the
 * address bar's hash and copies the link; `note` says what happened. A link pasted into the
 * address bar later is opened too (`hashchange`).
 */
export function setupShareButton(
  button: HTMLButtonElement,
  note: HTMLElement,
  nowInput: HTMLInputElement,
  includeLeads: HTMLInputElement,
  policy: SharedPolicy,
  leads: SharedLeads,
  /** Told the hash Share made, which the workspace keeps (see persist.ts). */
  shared: (hash: string) => void,
): void {
  let ownHash = '';
  button.addEventListener('click', () => {
    const current = includeLeads.checked && !includeLeads.closest('label')?.hidden ? leads.current() : undefined;
    const { policy: text, path, files } = policy.current();
    const state: SharedState = { policy: text, now: nowInput.value.trim() };
    if (Object.keys(files).length > 0) {
      state.path = path;
      state.files = files;
    }
    if (current?.file) state.leads = current.file;
    if (current && current.edits.length > 0) state.edits = current.edits;
    const base = location.href.length - location.hash.length;
    const { hash, leadsTooLong } = shareHashWithin(state, maxLinkLength - base);
    ownHash = hash;
    history.replaceState(null, '', ownHash);
    shared(ownHash);
    const link = location.href;
    // Too many leads for a link: the policy and now still go, and the note says the leads did not.
    const without =
      leadsTooLong === undefined
        ? ''
        : ` without the leads: with them it would be ${megabytes(leadsTooLong)}, and links hold at most ${megabytes(maxLinkLength)}; send the leads file along`;
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
    const opened = readShareHash(location.hash);
    if (opened && policy.open(opened, location.hash)) {
      note.textContent = hasLeads(opened) ? 'Opened a shared policy and its leads' : 'Opened a shared policy';
      if (opened.now !== undefined) nowInput.value = opened.now;
      if (hasLeads(opened)) leads.load(opened.leads, opened.edits);
      nowInput.dispatchEvent(new Event('input'));
    }
  });
}
