/**
 * The Monaco side of the editor's language services: completion, hover, go to definition,
 * rename, quick fixes and format document, answered by language-service/ in a worker. Thin on
 * purpose: what to offer is decided (and unit-tested) in language-service/; this only converts
 * positions and shapes.
 */
import { monaco } from './monaco.js';
import { languageId } from './language.js';
import ServicesWorker from './services.worker.ts?worker';
import type { CompletionKind, TextEdit } from '../../language-service/index.js';
import { fromMonacoPosition, fromMonacoRange, toMonacoRange } from './monaco-ranges.js';
import { policyFile, type ServiceAnswers, type ServiceMethod, type ServiceQuestion, type ServiceRequest, type ServiceResponse } from './services-protocol.js';

const kinds: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  field: monaco.languages.CompletionItemKind.Field,
  list: monaco.languages.CompletionItemKind.Enum,
  section: monaco.languages.CompletionItemKind.Module,
  event: monaco.languages.CompletionItemKind.Event,
  object: monaco.languages.CompletionItemKind.EnumMember,
  decision: monaco.languages.CompletionItemKind.Property,
  type: monaco.languages.CompletionItemKind.TypeParameter,
  value: monaco.languages.CompletionItemKind.Value,
};

export function registerEditorServices(onFormatError: (message: string) => void): void {
  const worker = new ServicesWorker();
  const waiting = new Map<number, (result: ServiceResponse['result']) => void>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<ServiceResponse>) => {
    waiting.get(event.data.id)?.(event.data.result);
    waiting.delete(event.data.id);
  };

  function ask<M extends ServiceMethod>(model: monaco.editor.ITextModel, question: ServiceQuestion & { method: M }): Promise<ServiceAnswers[M] | undefined> {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, (result) => resolve(result as ServiceAnswers[M] | undefined));
      worker.postMessage({ ...question, id, text: model.getValue() } as ServiceRequest);
    });
  }

  const toMonacoEdits = (model: monaco.editor.ITextModel, edits: readonly TextEdit[]): monaco.languages.IWorkspaceTextEdit[] =>
    edits.map((edit) => ({ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: toMonacoRange(edit.range), text: edit.newText } }));

  monaco.languages.registerCompletionItemProvider(languageId, {
    triggerCharacters: [' '],
    async provideCompletionItems(model, position, context) {
      const afterSpace = context.triggerKind === monaco.languages.CompletionTriggerKind.TriggerCharacter;
      const completions = await ask(model, { method: 'complete', position: fromMonacoPosition(position), afterSpace });
      if (!completions) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      return {
        suggestions: completions.items.map((item, index) => ({
          label: item.label,
          kind: kinds[item.kind],
          detail: item.detail,
          documentation: item.documentation,
          insertText: item.label,
          // Keep the order the service chose: declared names before built-ins is its decision.
          sortText: String(index).padStart(4, '0'),
          range,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(languageId, {
    async provideHover(model, position) {
      const hover = await ask(model, { method: 'hover', position: fromMonacoPosition(position) });
      // Markdown without HTML and untrusted: the service escapes the policy's text.
      return hover && { range: toMonacoRange(hover.range), contents: hover.contents.map((value) => ({ value, isTrusted: false, supportHtml: false })) };
    },
  });

  monaco.languages.registerDefinitionProvider(languageId, {
    async provideDefinition(model, position) {
      const location = await ask(model, { method: 'definition', position: fromMonacoPosition(position) });
      return location && location.file === policyFile ? { uri: model.uri, range: toMonacoRange(location.range) } : undefined;
    },
  });

  monaco.languages.registerRenameProvider(languageId, {
    async resolveRenameLocation(model, position) {
      const answer = await ask(model, { method: 'prepareRename', position: fromMonacoPosition(position) });
      if (!answer) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: '', rejectReason: 'cannot rename here' };
      if ('error' in answer) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: '', rejectReason: answer.error };
      return { range: toMonacoRange(answer.range), text: answer.placeholder };
    },
    async provideRenameEdits(model, position, newName) {
      const answer = await ask(model, { method: 'rename', position: fromMonacoPosition(position), newName });
      if (!answer) return { edits: [], rejectReason: 'cannot rename here' };
      if ('error' in answer) return { edits: [], rejectReason: answer.error };
      return { edits: toMonacoEdits(model, answer.edit[policyFile] ?? []) };
    },
  });

  monaco.languages.registerCodeActionProvider(
    languageId,
    {
      async provideCodeActions(model, range) {
        const actions = (await ask(model, { method: 'codeActions', range: fromMonacoRange(range) })) ?? [];
        return {
          actions: actions.map((action) => ({
            title: action.title,
            kind: action.kind,
            isPreferred: action.preferred,
            // The markers the engine set carry the same code and range as the diagnostic fixed.
            diagnostics: monaco.editor
              .getModelMarkers({ resource: model.uri, owner: 'leadscore' })
              .filter((marker) => marker.code === action.diagnostic.code && monaco.Range.areIntersectingOrTouching(marker, toMonacoRange(action.diagnostic.range))),
            edit: { edits: toMonacoEdits(model, action.edit[policyFile] ?? []) },
          })),
          dispose() {},
        };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );

  monaco.languages.registerDocumentFormattingEditProvider(languageId, {
    displayName: 'leadscore fmt',
    async provideDocumentFormattingEdits(model) {
      const answer = await ask(model, { method: 'format' });
      if (!answer || 'error' in answer) {
        onFormatError(answer?.error ?? 'not formatted');
        return [];
      }
      return answer.edits.map((edit) => ({ range: toMonacoRange(edit.range), text: edit.newText }));
    },
  });
}
