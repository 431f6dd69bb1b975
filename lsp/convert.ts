/** The language service's answers in the protocol's types. Positions pass through: both count as the LSP does. */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  FoldingRangeKind,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type * as service from '../language-service/index.js';

/** Names a file by the URI the client knows it by. */
export type UriOf = (file: string) => string;

const completionKinds: Record<service.CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  field: CompletionItemKind.Field,
  list: CompletionItemKind.Enum,
  section: CompletionItemKind.Module,
  event: CompletionItemKind.Event,
  object: CompletionItemKind.EnumMember,
  decision: CompletionItemKind.Property,
  type: CompletionItemKind.TypeParameter,
  value: CompletionItemKind.Value,
};

const symbolKinds: Record<service.SymbolKind, SymbolKind> = {
  policy: SymbolKind.File,
  import: SymbolKind.Package,
  list: SymbolKind.Array,
  field: SymbolKind.Field,
  event: SymbolKind.Event,
  section: SymbolKind.Module,
  rule: SymbolKind.Function,
  decay: SymbolKind.Property,
  decision: SymbolKind.EnumMember,
  test: SymbolKind.Method,
};

export function toDiagnostic(diagnostic: service.ServiceDiagnostic, uriOf: UriOf): Diagnostic {
  return {
    range: diagnostic.range,
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.code,
    source: 'leadscore',
    message: diagnostic.message,
    ...(diagnostic.unnecessary && { tags: [DiagnosticTag.Unnecessary] }),
    ...(diagnostic.related && {
      relatedInformation: diagnostic.related.map(({ location, message }) => ({ location: { uri: uriOf(location.file), range: location.range }, message })),
    }),
  };
}

export function toCompletionItems(completions: service.Completions): CompletionItem[] {
  return completions.items.map((item, index) => ({
    label: item.label,
    kind: completionKinds[item.kind],
    detail: item.detail,
    ...(item.documentation && { documentation: { kind: MarkupKind.Markdown, value: item.documentation } }),
    // Keep the service's order: declared names before built-ins is its decision.
    sortText: String(index).padStart(4, '0'),
  }));
}

export function toWorkspaceEdit(edit: service.WorkspaceEdit, uriOf: UriOf): WorkspaceEdit {
  return { changes: Object.fromEntries(Object.entries(edit).map(([file, edits]) => [uriOf(file), edits])) };
}

export function toCodeAction(action: service.CodeAction, uriOf: UriOf): CodeAction {
  return {
    title: action.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toDiagnostic(action.diagnostic, uriOf)],
    edit: toWorkspaceEdit(action.edit, uriOf),
    isPreferred: action.preferred,
  };
}

export function toDocumentSymbol(symbol: service.DocumentSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbolKinds[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    ...(symbol.children && { children: symbol.children.map(toDocumentSymbol) }),
  };
}

export function toFoldingRange(range: service.FoldingRange): FoldingRange {
  return { startLine: range.startLine, endLine: range.endLine, ...(range.kind && { kind: range.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region }) };
}
