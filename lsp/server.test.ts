import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CodeActionKind,
  CodeActionRequest,
  CompletionRequest,
  CompletionTriggerKind,
  DefinitionRequest,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FileChangeType,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CodeAction,
  type CompletionItem,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, uriOf } from '../test-support/lsp-client.js';

/** A workspace of policies in a temporary folder. */
function workspace(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'leadscore-lsp-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.score', 'leadscore', 1, text), edits);
}

const typo =
  'policy "Inbound"\n\nlist dach = ["DE", "AT", "CH"]\n\nfit:\n    when industy = "Software"   add 10\n  when country in dach add 5\n\nstage "SQL" when fit >= 10\nstage "Nurture" otherwise\n';

describe('leadscore lsp, spoken to over stdio', () => {
  let client: LspClient;
  let folder: string;
  let uri: string;

  beforeAll(async () => {
    folder = workspace({ 'inbound.score': typo });
    uri = uriOf(join(folder, 'inbound.score'));
    client = LspClient.start();
  });
  afterAll(() => {
    client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  test('initialize: the server says what it offers', async () => {
    const { capabilities, serverInfo } = await client.initialize(folder);
    expect(serverInfo?.name).toBe('leadscore');
    expect(capabilities).toMatchObject({
      completionProvider: { triggerCharacters: [' ', '['] },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentFormattingProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentSymbolProvider: true,
      documentHighlightProvider: true,
    });
  });

  test('didOpen with a typo: publishDiagnostics with the code, the range and the did-you-mean', async () => {
    const { diagnostics, version } = await client.open(uri, typo);
    expect(version).toBe(1);
    expect(diagnostics).toEqual([
      {
        range: { start: { line: 5, character: 9 }, end: { line: 5, character: 16 } },
        severity: DiagnosticSeverity.Error,
        code: 'LS2001',
        source: 'leadscore',
        message: 'unknown name `industy`: no field is called that\ndid you mean `industry`?',
      },
    ]);
  });

  test('completion after `in `: the lists, with their entries', async () => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 6, character: 18 },
      context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ' ' },
    })) as CompletionItem[];
    expect(items.map((item) => [item.label, item.detail])).toEqual([['dach', '["DE", "AT", "CH"]']]);
    // After `add `, a space does not pop up the list; asking does.
    const quiet = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 6, character: 27 },
      context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ' ' },
    });
    expect(quiet).toEqual([]);
  });

  test("hover: a list's entries, in Markdown", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 20 } });
    expect(hover).toEqual({
      range: { start: { line: 6, character: 18 }, end: { line: 6, character: 22 } },
      contents: { kind: 'markdown', value: '**list dach**\n\n3 entries: \\"DE\\", \\"AT\\", \\"CH\\"' },
    });
  });

  test('definition: from a use of a section to its header', async () => {
    const location = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 8, character: 18 } });
    expect(location).toEqual({ uri, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } } });
  });

  test('rename a list: its declaration and its uses', async () => {
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 6, character: 19 } });
    expect(prepared).toEqual({ range: { start: { line: 6, character: 18 }, end: { line: 6, character: 22 } }, placeholder: 'dach' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line: 6, character: 19 }, newName: 'german' });
    expect(Object.keys(edit?.changes ?? {})).toEqual([uri]);
    const renamed = applyEdits(typo, edit!.changes![uri]!);
    expect(renamed).toContain('list german = ["DE", "AT", "CH"]');
    expect(renamed).toContain('when country in german add 5');
    // A built-in field cannot be renamed: the request fails with the reason.
    await expect(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line: 6, character: 9 }, newName: 'land' })).rejects.toThrow(
      '`country` is a built-in field; it cannot be renamed',
    );
  });

  test('references: the declaration and the use', async () => {
    const locations = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: { line: 2, character: 6 },
      context: { includeDeclaration: true },
    });
    expect(locations?.map((location) => location.range.start.line)).toEqual([2, 6]);
    const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: { line: 6, character: 19 } });
    expect(highlights?.map((highlight) => highlight.range.start)).toEqual([
      { line: 2, character: 5 },
      { line: 6, character: 18 },
    ]);
  });

  test('document symbols: the outline', async () => {
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    expect(symbols?.map((symbol) => symbol.name)).toEqual(['Inbound', 'dach', 'fit', 'stage "SQL"', 'stage "Nurture"']);
  });

  test('a code action fixes the typo, and the diagnostic goes away', async () => {
    const [diagnostic] = client.published.filter((params) => params.uri === uri).at(-1)!.diagnostics;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!], only: [CodeActionKind.QuickFix] },
    })) as CodeAction[];
    expect(actions).toEqual([
      {
        title: 'Change to `industry`',
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: diagnostic!.range, newText: 'industry' }] } },
      },
    ]);
    const fixed = applyEdits(typo, actions[0]!.edit!.changes![uri]!);
    expect(fixed).toContain('when industry = "Software"');
    expect((await client.change(uri, fixed)).diagnostics).toEqual([]);
  });

  test('formatting: one edit to the canonical text', async () => {
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    expect(edits).toHaveLength(1);
    expect(applyEdits(typo.replace('industy', 'industry'), edits!)).toContain('fit:\n  when industry = "Software" add 10\n  when country in dach add 5\n');
  });

  test('shutdown and exit: the process ends with 0', async () => {
    expect(await client.stop()).toBe(0);
  });
});

describe('leadscore lsp with policies in several files', () => {
  let client: LspClient;
  let folder: string;
  const files = {
    'policies/main.score':
      'import "shared/fit.score"\nlist competitors from "lists/competitors.txt"\n\nwhen domain in competitors blacklist\nstage "SQL" when fit >= 10\nstage "Nurture" otherwise\n',
    'policies/shared/fit.score': 'fit:\n  when title contains word "CTO" add 10\n',
    'policies/lists/competitors.txt': 'acme.com\n',
    'policies/other.score': 'import "shared/fit.score"\nstage "A" when fit >= 5\n',
    'policies/main.test.score': 'test "a CTO"\n  lead\n    title "CTO"\n  expect fit 10\n',
  };
  const path = (name: string) => join(folder, name);

  beforeAll(async () => {
    folder = workspace(files);
    client = LspClient.start();
    await client.initialize(folder, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
  });
  afterAll(() => {
    client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  test('imports and list files are read from the workspace; a policy test is checked as a test', async () => {
    expect((await client.open(uriOf(path('policies/main.score')), files['policies/main.score'])).diagnostics).toEqual([]);
    // A policy test is read as one: no policy syntax errors.
    expect((await client.open(uriOf(path('policies/main.test.score')), files['policies/main.test.score'])).diagnostics).toEqual([]);
    // The server asked to hear of files changed outside the editor.
    expect(client.registrations).toEqual([expect.objectContaining({ method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/*' }] } })]);
  });

  test('an imported file that breaks gives the importing file a diagnostic at its import, pointing into the broken file', async () => {
    const main = uriOf(path('policies/main.score'));
    const shared = uriOf(path('policies/shared/fit.score'));
    await client.open(shared, files['policies/shared/fit.score']);
    const republished = client.diagnostics(main, (params) => params.diagnostics.length > 0);
    const own = await client.change(shared, 'fit:\n  when titel contains "CTO" add 10\n');
    expect(own.diagnostics.map((d) => d.code)).toEqual(['LS2001']);
    const { diagnostics } = await republished;
    expect(diagnostics).toEqual([
      {
        range: { start: { line: 0, character: 7 }, end: { line: 0, character: 25 } },
        severity: DiagnosticSeverity.Error,
        code: 'LS2001',
        source: 'leadscore',
        message: 'shared/fit.score:2:8: unknown name `titel`: no field is called that\ndid you mean `title`?',
        relatedInformation: [
          { location: { uri: shared, range: { start: { line: 1, character: 7 }, end: { line: 1, character: 12 } } }, message: 'unknown name `titel`: no field is called that' },
        ],
      },
    ]);
    // Closed unsaved, the file is read from disk again, where it is fine.
    const cleared = client.diagnostics(main, (params) => params.diagnostics.length === 0);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: shared } });
    expect((await cleared).diagnostics).toEqual([]);
  });

  test('a list file changed on disk: the policies reading it are checked again', async () => {
    const main = uriOf(path('policies/main.score'));
    rmSync(path('policies/lists/competitors.txt'));
    const republished = client.diagnostics(main);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(path('policies/lists/competitors.txt')), type: FileChangeType.Deleted }],
    });
    expect((await republished).diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['LS2031', 1]]);
  });

  test('go to definition into an imported file; rename across every policy that imports it, and their tests', async () => {
    const main = uriOf(path('policies/main.score'));
    const location = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: main }, position: { line: 4, character: 18 } });
    expect(location).toEqual({ uri: uriOf(path('policies/shared/fit.score')), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: main }, position: { line: 4, character: 18 }, newName: 'profile' });
    const changes = edit?.changes ?? {};
    expect(Object.keys(changes).sort()).toEqual(
      [main, uriOf(path('policies/other.score')), uriOf(path('policies/shared/fit.score')), uriOf(path('policies/main.test.score'))].sort(),
    );
    expect(applyEdits(files['policies/main.test.score'], changes[uriOf(path('policies/main.test.score'))]!)).toContain('  expect profile 10\n');
    expect(applyEdits(files['policies/other.score'], changes[uriOf(path('policies/other.score'))]!)).toBe('import "shared/fit.score"\nstage "A" when profile >= 5\n');
  });

  test('a client that goes away without shutting the server down: it exits with 1', async () => {
    expect(await client.hangUp()).toBe(1);
  });
});
