/** A Language Server Protocol client for tests: runs `leadscore lsp` as a child process and speaks JSON-RPC to it over stdio. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { root } from './harness.js';

type Waiter = { uri: string; accept: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void };

export class LspClient {
  /** Every notification of diagnostics, in the order received. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** The capabilities the server registered with `client/registerCapability`. */
  readonly registrations: Registration[] = [];
  /** Everything the server wrote to standard error. */
  stderr = '';
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const ready = this.waiters.filter((waiter) => waiter.uri === params.uri && waiter.accept(params));
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve(params);
    });
    // As editors do: accept what the server registers (file watchers).
    connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
      this.registrations.push(...registrations);
    });
    connection.listen();
  }

  /** Starts the built binary (`npm run build` first) with `leadscore lsp --stdio`. */
  static start(): LspClient {
    const child = spawn(process.execPath, [join(root, 'bin/leadscore.js'), 'lsp', '--stdio'], { cwd: root });
    return new LspClient(child, createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
  }

  async initialize(folder: string, capabilities: ClientCapabilities = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: 'policies' }],
      capabilities,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** The next diagnostics published for `uri` that `accept` takes; call before the change that causes them. */
  diagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** Opens a document and resolves to its first diagnostics. */
  async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const published = this.diagnostics(uri, (params) => params.version === 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'leadscore', version: 1, text } });
    return published;
  }

  /** Replaces a document's whole text and resolves to its diagnostics. */
  async change(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.diagnostics(uri, (params) => params.version === version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return published;
  }

  /** Shuts the server down as a client does; resolves to its exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Closes the server's input without shutting it down, as a client that crashed; resolves to its exit code. */
  hangUp(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  kill(): void {
    this.child.kill();
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
