/** The Share button, and opening a shared link: the page's side of share.ts. */
import type { monaco } from './monaco.js';
import { readShareHash, shareHash } from './share.js';

/** Puts the state of a shared link (if the URL has one) into the editor and the `now` box. Returns whether it did. */
export function restoreSharedState(model: monaco.editor.ITextModel, nowInput: HTMLInputElement): boolean {
  const shared = readShareHash(location.hash);
  if (!shared) return false;
  // Text for the editor and the input box only: nothing from the link is run or parsed as HTML.
  if (shared.now !== undefined) nowInput.value = shared.now;
  if (model.getValue() !== shared.policy) model.setValue(shared.policy);
  return true;
}

/**
 * The Share button puts the policy and `now` in the address bar's hash and copies
 * the link; `note` says what happened. A link pasted into the address bar later is
 * opened too (`hashchange`).
 */
export function setupShareButton(button: HTMLButtonElement, note: HTMLElement, model: monaco.editor.ITextModel, nowInput: HTMLInputElement): void {
  let ownHash = '';
  button.addEventListener('click', () => {
    ownHash = shareHash({ policy: model.getValue(), now: nowInput.value.trim() });
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
    if (restoreSharedState(model, nowInput)) {
      note.textContent = 'Opened a shared policy';
      nowInput.dispatchEvent(new Event('input'));
    }
  });
}
