/**
 * The Monaco side of the editor's language services: completion, hover, go to
 * definition and format document, answered by services.ts in a worker. Thin on
 * purpose: what to offer is decided (and unit-tested) in services.ts.
 */
import { monaco } from './monaco.js';
import { languageId } from './language.js';
import ServicesWorker from './services.worker.ts?worker';
import type { CompletionContext, CompletionKind, Completions, FormatAnswer, Hover, Position, ServiceRequest, ServiceResponse, TextRange } from './services.js';

type Method = ServiceRequest['method'];
type Answer<M extends Method> = M extends 'complete' ? Completions : M extends 'hover' ? Hover | undefined : M extends 'definition' ? TextRange | undefined : FormatAnswer;

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

/** After a space, suggestions pop up only where the next word is clear: a list after `in`, a verb's objects… */
const offeredAfterSpace = new Set<CompletionContext>(['list', 'object', 'is', 'type', 'operator', 'condition', 'after-verb']);

export function registerEditorServices(onFormatError: (message: string) => void): void {
  const worker = new ServicesWorker();
  const waiting = new Map<number, (result: ServiceResponse['result']) => void>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<ServiceResponse>) => {
    waiting.get(event.data.id)?.(event.data.result);
    waiting.delete(event.data.id);
  };

  function ask<M extends Method>(method: M, model: monaco.editor.ITextModel, position?: monaco.Position): Promise<Answer<M>> {
    const id = nextId++;
    const at: Position | undefined = position && { line: position.lineNumber, column: position.column };
    const request = (method === 'format' ? { id, method, text: model.getValue() } : { id, method, text: model.getValue(), position: at }) as ServiceRequest;
    return new Promise((resolve) => {
      waiting.set(id, (result) => resolve(result as Answer<M>));
      worker.postMessage(request);
    });
  }

  monaco.languages.registerCompletionItemProvider(languageId, {
    triggerCharacters: [' '],
    async provideCompletionItems(model, position, context) {
      const completions = await ask('complete', model, position);
      if (context.triggerKind === monaco.languages.CompletionTriggerKind.TriggerCharacter && !offeredAfterSpace.has(completions.context)) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      return {
        suggestions: completions.items.map((item, index) => ({
          label: item.label,
          kind: kinds[item.kind],
          detail: item.detail,
          documentation: item.documentation,
          insertText: item.label,
          // Keep the order services.ts chose: declared names before built-ins is its decision.
          sortText: String(index).padStart(4, '0'),
          range,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(languageId, {
    async provideHover(model, position) {
      const hover = await ask('hover', model, position);
      // Markdown without HTML and untrusted: the services escape the policy's text.
      return hover && { range: hover.range, contents: hover.contents.map((value) => ({ value, isTrusted: false, supportHtml: false })) };
    },
  });

  monaco.languages.registerDefinitionProvider(languageId, {
    async provideDefinition(model, position) {
      const range = await ask('definition', model, position);
      return range && { uri: model.uri, range };
    },
  });

  monaco.languages.registerDocumentFormattingEditProvider(languageId, {
    displayName: 'leadscore fmt',
    async provideDocumentFormattingEdits(model) {
      const answer = await ask('format', model);
      if (answer.text === undefined) {
        onFormatError(answer.error ?? 'not formatted');
        return [];
      }
      return answer.text === model.getValue() ? [] : [{ range: model.getFullModelRange(), text: answer.text }];
    },
  });
}
