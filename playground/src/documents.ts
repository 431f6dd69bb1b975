/**
 * The open files in Monaco: one model per file (so each keeps its own undo history, and its
 * own markers), the one shown in the editor, and each file's diagnostics as markers.
 */
import type { Diagnostic } from '../../language/index.js';
import { languageId, toMarkers } from './language.js';
import { monaco } from './monaco.js';

export class Documents {
  private readonly models = new Map<string, monaco.editor.ITextModel>();
  private readonly viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  private shownPath: string | undefined;

  constructor(
    private readonly editor: monaco.editor.IStandaloneCodeEditor,
    /** A file's text changed in the editor (by the user, or an editor action such as Format). */
    private readonly edited: (path: string, text: string) => void,
  ) {}

  /** Replaces every model with these files. */
  open(files: ReadonlyArray<{ path: string; text: string }>): void {
    this.editor.setModel(null);
    for (const model of this.models.values()) model.dispose();
    this.models.clear();
    this.viewStates.clear();
    this.shownPath = undefined;
    for (const { path, text } of files) {
      // `.score` files are policies (and tests); list files and the rest are plain text.
      const model = monaco.editor.createModel(text, path.endsWith('.score') ? languageId : 'plaintext', monaco.Uri.from({ scheme: 'leadscore', path: `/${path}` }));
      model.onDidChangeContent(() => this.edited(path, model.getValue()));
      this.models.set(path, model);
    }
  }

  /** Puts a file in the editor, keeping the scroll position and cursor of the one it replaces. */
  show(path: string): void {
    const model = this.models.get(path);
    if (!model || path === this.shownPath) return;
    if (this.shownPath !== undefined) this.viewStates.set(this.shownPath, this.editor.saveViewState());
    this.editor.setModel(model);
    // Suggestions pop up as one types only in policies: in a list file, Enter after an entry starts the next one.
    this.editor.updateOptions({ quickSuggestions: model.getLanguageId() === languageId ? { other: 'on', comments: 'off', strings: 'off' } : false });
    const state = this.viewStates.get(path);
    if (state) this.editor.restoreViewState(state);
    this.shownPath = path;
  }

  get shown(): string | undefined {
    return this.shownPath;
  }

  model(path: string): monaco.editor.ITextModel | undefined {
    return this.models.get(path);
  }

  /** Replaces a file's text as an edit the user can undo (e.g. a shared link opened over it). */
  replaceText(path: string, text: string): void {
    const model = this.models.get(path);
    if (model && model.getValue() !== text) model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  }

  /** Each file's markers, from its diagnostics (none for a file `byFile` does not have). */
  setDiagnostics(byFile: ReadonlyMap<string, readonly Diagnostic[]>): void {
    for (const [path, model] of this.models) monaco.editor.setModelMarkers(model, 'leadscore', toMarkers(byFile.get(path) ?? []));
  }

  /** Shows a file and selects a line of it (a rule a reason names). */
  selectLine(path: string, line: number): void {
    this.show(path);
    const model = this.models.get(path);
    if (!model || line < 1 || line > model.getLineCount()) return;
    const first = model.getLineFirstNonWhitespaceColumn(line) || 1;
    this.editor.setSelection(new monaco.Selection(line, first, line, model.getLineMaxColumn(line)));
    this.editor.revealLineInCenterIfOutsideViewport(line);
    this.editor.focus();
  }
}
