/**
 * language-service/: what an editor asks about a policy (diagnostics, completion, hover, go to
 * definition, references, rename, formatting, quick fixes, outline and folding), answered from
 * the parser's AST and the compiler's binder, in positions as the Language Server Protocol
 * counts them. It knows no editor: lsp/ speaks the protocol over stdio, playground/ adapts it to
 * Monaco in a web worker. It imports no Node module; other files come through its host.
 */
export { LanguageService, type LanguageServiceHost } from './service.js';
export { offeredAfterSpace } from './completion.js';
export { keywordDocs } from './keyword-docs.js';
export { escapeMarkdown, shortEntries } from './markdown.js';
export type * from './types.js';
