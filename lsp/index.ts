/**
 * lsp/: `leadscore lsp`, a Language Server Protocol server over stdio on language-service/, so
 * that any LSP client edits policies with the playground's diagnostics, completion, hover,
 * navigation, rename, formatting and quick fixes. Reads the workspace's files from disk; the
 * documents the client has open win over the disk.
 */
export { startLspServer, type LspStreams } from './server.js';
