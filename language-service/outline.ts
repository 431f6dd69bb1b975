/** The document's outline (its declarations, sections with their rules, decision rows) and where it folds. */
import { parse, type Range as SourceRange } from '../language/index.js';
import type * as ast from '../language/index.js';
import { toRange } from './positions.js';
import type { DocumentSymbol, FoldingRange, SymbolKind } from './types.js';

/** A statement's source text on one line, shortened: the detail of a rule or a row. */
function excerpt(text: string, range: SourceRange, width = 60): string {
  const flat = text.slice(range.start.offset, range.end.offset).replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function symbol(name: string, detail: string, kind: SymbolKind, range: SourceRange, selection: SourceRange, children?: DocumentSymbol[]): DocumentSymbol {
  return { name, detail, kind, range: toRange(range), selectionRange: toRange(selection), ...(children && { children }) };
}

function ruleSymbol(text: string, rule: ast.Rule): DocumentSymbol {
  const effect = rule.effect.kind === 'blacklist' ? 'blacklist' : `${rule.effect.kind === 'add' ? '+' : '−'}${rule.effect.amount.raw}`;
  // A named rule goes by its name; its condition follows the points.
  if (rule.name) return symbol(rule.name.value, `${effect} · ${excerpt(text, rule.condition.range, 48)}`, 'rule', rule.range, rule.name.range);
  return symbol(excerpt(text, rule.condition.range, 48), effect, 'rule', rule.range, rule.condition.range);
}

export function documentSymbols(text: string): DocumentSymbol[] {
  const { program } = parse(text);
  const symbols: DocumentSymbol[] = [];
  for (const statement of program.statements) {
    switch (statement.kind) {
      case 'PolicyHeader':
        symbols.push(symbol(statement.name.value, statement.version ? `version ${statement.version.value}` : 'policy', 'policy', statement.range, statement.name.range));
        break;
      case 'Import':
        symbols.push(symbol(statement.path.value, 'import', 'import', statement.range, statement.path.range));
        break;
      case 'ListDeclaration':
        symbols.push(
          symbol(
            statement.name.name,
            statement.from ? `from ${JSON.stringify(statement.from.value)}` : `${statement.items.items.length} entries`,
            'list',
            statement.range,
            statement.name.range,
          ),
        );
        break;
      case 'FieldDeclaration':
        // `field title from "Job Title"` names where a field comes from: its detail is the names.
        symbols.push(
          symbol(
            statement.name.name,
            statement.type?.name ?? `from ${statement.sources.map((source) => JSON.stringify(source.value)).join(', ')}`,
            'field',
            statement.range,
            statement.name.range,
          ),
        );
        break;
      case 'EventDeclaration':
        symbols.push(
          symbol(statement.verb.name.toLowerCase(), statement.objects.map((object) => object.name.toLowerCase()).join(', '), 'event', statement.range, statement.verb.range),
        );
        break;
      case 'Section': {
        const children = statement.items.map((item) =>
          item.kind === 'Rule' ? ruleSymbol(text, item) : symbol('decay', `half-life ${item.halfLife.raw} days`, 'decay', item.range, item.range),
        );
        const last = statement.items[statement.items.length - 1];
        const range = last ? { start: statement.range.start, end: last.range.end } : statement.range;
        symbols.push(symbol(statement.name.name, 'section', 'section', range, statement.name.range, children));
        break;
      }
      case 'Rule':
        symbols.push(ruleSymbol(text, statement));
        break;
      case 'DecisionRow':
        symbols.push(
          symbol(
            `${statement.decision} ${JSON.stringify(statement.label.value)}`,
            statement.condition ? excerpt(text, statement.condition.range, 48) : 'otherwise',
            'decision',
            statement.range,
            statement.label.range,
          ),
        );
        break;
      case 'Decay':
        symbols.push(symbol('decay', `half-life ${statement.halfLife.raw} days`, 'decay', statement.range, statement.range));
        break;
    }
  }
  return symbols;
}

/** Sections, statements over several lines, and runs of comment lines fold. */
export function foldingRanges(text: string): FoldingRange[] {
  const { program } = parse(text);
  const ranges: FoldingRange[] = [];
  const fold = (start: number, end: number, kind?: FoldingRange['kind']) => {
    if (end > start) ranges.push({ startLine: start - 1, endLine: end - 1, ...(kind && { kind }) });
  };
  for (const statement of program.statements) {
    if (statement.kind === 'Section') {
      const last = statement.items[statement.items.length - 1];
      if (last) fold(statement.range.start.line, last.range.end.line);
      for (const item of statement.items) fold(item.range.start.line, item.range.end.line);
    } else fold(statement.range.start.line, statement.range.end.line);
  }
  // Comments alone on their lines, one after the other.
  let run: { start: number; end: number } | undefined;
  for (const comment of program.comments) {
    const alone = text.slice(text.lastIndexOf('\n', comment.range.start.offset - 1) + 1, comment.range.start.offset).trim() === '';
    if (alone && run && comment.range.start.line === run.end + 1) run.end = comment.range.start.line;
    else {
      if (run) fold(run.start, run.end, 'comment');
      run = alone ? { start: comment.range.start.line, end: comment.range.start.line } : undefined;
    }
  }
  if (run) fold(run.start, run.end, 'comment');
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
