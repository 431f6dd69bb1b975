/**
 * The ranked leads: a virtual table (only the rows in and just around the viewport are in the
 * DOM), the count per stage above it, and the selected lead's reasons and editor below it.
 */
import type { Reason } from '../../runtime/index.js';
import type { LeadRow } from './protocol.js';
import { reasonList, stageSummary, tableHead, tableRow } from './view.js';

/** Every row is this tall (style.css: `#leads tbody tr`), so a row's place is its index times this. */
const rowHeight = 40;
/** Rows drawn above and below the viewport, so a short scroll shows rows already there. */
const overscan = 10;

export interface ResultsViewOptions {
  table: HTMLTableElement;
  summary: HTMLElement;
  details: HTMLElement;
  /** What goes under the reasons of the selected lead (the lead editor). */
  below(row: LeadRow): HTMLElement;
  /** A reason was clicked: show its rule. */
  showReason(reason: Reason): void;
}

export class ResultsView {
  private rows: LeadRow[] = [];
  private sections: string[] = [];
  private selectedId: string | undefined;
  private readonly tableWrap: HTMLElement;
  /** Its top and bottom padding stand in for the rows not drawn, so the scrollbar is right. */
  private readonly tableSpace: HTMLElement;
  private drawn = { from: 0, to: 0, rows: [] as LeadRow[] };
  private scrollFrame = 0;

  constructor(private readonly options: ResultsViewOptions) {
    this.tableWrap = options.table.closest<HTMLElement>('.table-wrap')!;
    this.tableSpace = options.table.parentElement!;
    this.tableWrap.addEventListener('scroll', () => {
      if (this.scrollFrame === 0)
        this.scrollFrame = requestAnimationFrame(() => {
          this.scrollFrame = 0;
          this.drawRows(false);
        });
    });
    window.addEventListener('resize', () => this.drawRows(false));
  }

  show(rows: LeadRow[], sections: string[]): void {
    this.rows = rows;
    this.sections = sections;
    this.options.table.tHead!.replaceChildren(tableHead(sections));
    this.drawRows(true);
    this.options.summary.replaceChildren(stageSummary(rows));
    this.renderDetails();
  }

  /** Scrolls the table to a lead (its row is drawn at once); false when no row has that id. */
  revealLead(id: string): boolean {
    const index = this.rows.findIndex((row) => row.id === id);
    if (index < 0) return false;
    const head = this.options.table.tHead?.offsetHeight ?? 0;
    const rowTop = head + index * rowHeight;
    if (rowTop < this.tableWrap.scrollTop || rowTop + rowHeight > this.tableWrap.scrollTop + this.tableWrap.clientHeight) {
      this.tableWrap.scrollTop = rowTop - head;
    }
    this.drawRows(false);
    return true;
  }

  private renderDetails(): void {
    const row = this.rows.find((candidate) => candidate.id === this.selectedId);
    const { details } = this.options;
    details.hidden = row === undefined;
    details.replaceChildren(...(row ? [reasonList(row, this.options.showReason), this.options.below(row)] : []));
  }

  private rowElement(row: LeadRow, index: number): HTMLTableRowElement {
    const tr = tableRow(row, index + 1, this.sections, row.id === this.selectedId);
    tr.setAttribute('aria-rowindex', String(index + 2));
    const select = () => {
      this.selectedId = row.id;
      for (const other of this.options.table.tBodies[0]!.rows) other.classList.toggle('selected', other === tr);
      this.renderDetails();
    };
    tr.addEventListener('click', select);
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    });
    return tr;
  }

  /** Draws the rows in view (again only if they changed, or `force`). */
  private drawRows(force: boolean): void {
    const { table } = this.options;
    const rows = this.rows;
    const top = Math.max(0, this.tableWrap.scrollTop - (table.tHead?.offsetHeight ?? 0));
    const from = Math.max(0, Math.min(Math.floor(top / rowHeight), rows.length) - overscan);
    const to = Math.min(rows.length, Math.floor(top / rowHeight) + Math.ceil(this.tableWrap.clientHeight / rowHeight) + overscan);
    if (!force && this.drawn.rows === rows && this.drawn.from === from && this.drawn.to === to) return;
    this.drawn = { from, to, rows };
    this.tableSpace.style.paddingTop = `${from * rowHeight}px`;
    this.tableSpace.style.paddingBottom = `${(rows.length - to) * rowHeight}px`;
    table.setAttribute('aria-rowcount', String(rows.length + 1));
    table.tBodies[0]!.replaceChildren(...rows.slice(from, to).map((row, index) => this.rowElement(row, from + index)));
  }
}
