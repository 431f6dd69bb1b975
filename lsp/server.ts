/**
 * The Language Server Protocol server: the language service's features over a JSON-RPC
 * connection, for any LSP client (VS Code, Neovim, Helix…). Documents the client opens are read
 * as the client holds them, other files from disk; a change to one file checks again every open
 * policy that reads it.
 */
import {
  CodeActionKind,
  CompletionTriggerKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compilerVersion } from '../compiler/index.js';
import { LanguageService, offeredAfterSpace } from '../language-service/index.js';
import { toCodeAction, toCompletionItems, toDiagnostic, toDocumentSymbol, toFoldingRange, toWorkspaceEdit } from './convert.js';
import { Workspace } from './workspace.js';

export interface LspStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Serves until the client sends `exit` or closes the input; then the process exits, as LSP servers do. */
export function startLspServer({ input, output }: LspStreams): Connection {
  // Given the streams themselves, the connection also ends the process when the input closes (the client died): with 1, as no shutdown came.
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace(documents);
  const service = new LanguageService(workspace);
  let watchFiles = false;

  const fileOf = (uri: string) => workspace.pathOf(uri);
  const uriOf = (file: string) => workspace.uriOf(file);
  /** The document's name and text, or undefined for a document the client never opened. */
  const open = (uri: string) => {
    const document = documents.get(uri);
    return document && { file: fileOf(uri), text: document.getText() };
  };

  const publish = (document: TextDocument) => {
    const diagnostics = service.diagnostics(fileOf(document.uri), document.getText()).map((diagnostic) => toDiagnostic(diagnostic, uriOf));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };
  /** Checks again every open policy that read `file` (other than `file` itself). */
  const publishDependents = (file: string) => {
    for (const document of documents.all()) {
      const other = fileOf(document.uri);
      if (other !== file && service.dependencies(other).includes(file)) publish(document);
    }
  };

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setFolders(folders);
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [' ', '['] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'leadscore', version: compilerVersion },
    };
  });

  connection.onInitialized(() => {
    // Files the open policies import or read lists from change on disk too (a `git checkout`, another editor).
    if (watchFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch((error: unknown) => {
        connection.console.warn(`leadscore: cannot watch the workspace's files, so changes made outside the editor go unseen: ${String(error)}`);
      });
    }
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      connection.workspace.getWorkspaceFolders().then(
        (folders) => workspace.setFolders(folders?.map((folder) => folder.uri) ?? []),
        (error: unknown) => connection.console.warn(`leadscore: cannot read the workspace folders: ${String(error)}`),
      );
    });
  });

  // Fired on open too.
  documents.onDidChangeContent(({ document }) => {
    publish(document);
    publishDependents(fileOf(document.uri));
  });
  documents.onDidClose(({ document }) => {
    const file = fileOf(document.uri);
    service.forget(file);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // Its importers now read it from disk, which may differ from what the editor held.
    publishDependents(file);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      if (change.type !== FileChangeType.Changed) workspace.policiesChanged();
      // An open document is read as the editor holds it, whatever the disk says.
      if (!documents.get(change.uri)) publishDependents(fileOf(change.uri));
    }
  });

  connection.onCompletion(({ textDocument, position, context }) => {
    const document = open(textDocument.uri);
    if (!document) return [];
    const completions = service.complete(document.file, document.text, position);
    const typedSpace = context?.triggerKind === CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === ' ';
    if (typedSpace && !offeredAfterSpace.has(completions.context)) return [];
    return toCompletionItems(completions);
  });

  connection.onHover(({ textDocument, position }) => {
    const document = open(textDocument.uri);
    const hover = document && service.hover(document.file, document.text, position);
    return hover ? { range: hover.range, contents: { kind: MarkupKind.Markdown, value: hover.contents.join('\n\n') } } : null;
  });

  connection.onDefinition(({ textDocument, position }) => {
    const document = open(textDocument.uri);
    const location = document && service.definition(document.file, document.text, position);
    return location ? { uri: uriOf(location.file), range: location.range } : null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const document = open(textDocument.uri);
    if (!document) return [];
    return service.references(document.file, document.text, position, context.includeDeclaration).map((location) => ({ uri: uriOf(location.file), range: location.range }));
  });

  connection.onDocumentHighlight(({ textDocument, position }) => {
    const document = open(textDocument.uri);
    return document ? service.highlights(document.file, document.text, position).map((range) => ({ range })) : [];
  });

  connection.onPrepareRename(({ textDocument, position }) => {
    const document = open(textDocument.uri);
    if (!document) return null;
    const answer = service.prepareRename(document.file, document.text, position);
    if ('error' in answer) throw new ResponseError(LSPErrorCodes.RequestFailed, answer.error);
    return answer;
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const document = open(textDocument.uri);
    if (!document) return null;
    const answer = service.rename(document.file, document.text, position, newName);
    if ('error' in answer) throw new ResponseError(LSPErrorCodes.RequestFailed, answer.error);
    return toWorkspaceEdit(answer.edit, uriOf);
  });

  connection.onDocumentFormatting(({ textDocument }) => {
    const document = open(textDocument.uri);
    if (!document) return [];
    const answer = service.format(document.file, document.text);
    if ('error' in answer) {
      void connection.window.showWarningMessage(`leadscore: ${answer.error}`);
      return [];
    }
    return answer.edits;
  });

  connection.onCodeAction(({ textDocument, range, context }) => {
    const document = open(textDocument.uri);
    if (!document) return [];
    if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    return service.codeActions(document.file, document.text, range).map((action) => toCodeAction(action, uriOf));
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const document = open(textDocument.uri);
    return document ? service.documentSymbols(document.file, document.text).map(toDocumentSymbol) : [];
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const document = open(textDocument.uri);
    return document ? service.foldingRanges(document.file, document.text).map(toFoldingRange) : [];
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
