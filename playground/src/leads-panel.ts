/**
 * The leads side of the page: which leads are scored (the samples or a file the user loads,
 * read in the page and sent only to the engine worker), the editor of the selected lead, the
 * score distribution by stage, and what changed against the baseline.
 */
import { baselineOf, compare, type Baseline } from './changes.js';
import { changesView, stageChart } from './insights.js';
import { formatOf, type LeadFile } from './leads.js';
import type { LeadRow, RunRequest, RunResponse } from './protocol.js';
import { element } from './view.js';

export interface LeadsPanelOptions {
  /** Where the panel's bar and chart go: before this element. */
  before: HTMLElement;
  sample: LeadFile;
  /** Asks the engine for new results now (no debounce). */
  run(): void;
  /** Told when other leads are used: the user's own file, or undefined for the sample leads. */
  changed?(own: LeadFile | undefined): void;
}

export class LeadsPanel {
  private file: LeadFile;
  /** The leads to send with the next request, until a request carries them. */
  private unsent: LeadFile | undefined;
  private pendingEdit: { line: number; json: string } | undefined;
  private selectedLine: number | undefined;
  private baseline: { results: Baseline; savedAt: string } | undefined;
  private rows: readonly LeadRow[] = [];
  private readonly source = element('span', { id: 'leads-source', class: 'leads-source' });
  private readonly loadError = element('span', { id: 'leads-error', class: 'lead-error', role: 'alert' });
  private readonly chart = element('div', { id: 'chart' });
  private readonly changes = element('div', { id: 'changes', class: 'changes', 'aria-live': 'polite' });
  private readonly editorBox: HTMLElement;
  private readonly textarea = element('textarea', { id: 'lead-json', spellcheck: 'false', rows: '10', 'aria-label': 'The selected lead as JSON' });
  private readonly editError = element('p', { id: 'lead-json-error', class: 'lead-error', role: 'alert' });
  /** The line whose JSON the textarea shows, and whether the user changed it since. */
  private shownLine: number | undefined;
  private dirty = false;

  constructor(private readonly options: LeadsPanelOptions) {
    this.file = options.sample;
    this.unsent = options.sample;
    const input = element('input', { id: 'leads-file', type: 'file', accept: '.jsonl,.ndjson,.json,.csv,text/csv,application/json' });
    input.addEventListener('change', () => {
      const chosen = input.files?.[0];
      if (chosen) void this.read(chosen);
      input.value = '';
    });
    const sample = element('button', { id: 'leads-sample', type: 'button', title: 'Score the sample leads again' }, 'Sample leads');
    sample.addEventListener('click', () => this.load(options.sample));
    const save = element('button', { id: 'set-baseline', type: 'button', title: 'Remember the current results; edits are then compared with them' }, 'Set baseline');
    save.addEventListener('click', () => this.setBaseline());
    const bar = element(
      'div',
      { class: 'leads-bar' },
      element('span', {}, 'Leads: ', this.source),
      element('label', { class: 'file-button', title: 'A JSON Lines or CSV file; it is read in this page and never leaves it' }, 'Load JSONL or CSV…', input),
      sample,
      save,
      this.loadError,
    );
    const insights = element('div', { class: 'insights' }, this.chart, this.changes);
    options.before.before(bar, insights);
    const apply = element('button', { id: 'lead-apply', type: 'button' }, 'Apply');
    apply.addEventListener('click', () => this.apply());
    this.textarea.addEventListener('input', () => {
      this.dirty = true;
    });
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.apply();
      }
    });
    this.editorBox = element(
      'div',
      { class: 'lead-editor' },
      element('h3', {}, 'Edit this lead (JSON)'),
      this.textarea,
      element('div', { class: 'lead-editor-actions' }, apply, element('span', { class: 'muted' }, 'Ctrl+Enter applies; an invalid lead is refused and the old one kept.')),
      this.editError,
    );
    this.showSource();
  }

  private async read(chosen: File): Promise<void> {
    try {
      this.load({ name: chosen.name, format: formatOf(chosen.name), text: await chosen.text() });
    } catch (error) {
      this.loadError.textContent = `cannot read ${chosen.name}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** The user's own leads (as loaded, before any edit in place), or undefined while the sample leads are used. */
  ownLeads(): LeadFile | undefined {
    return this.file === this.options.sample ? undefined : this.file;
  }

  /** Scores these leads from now on; with `run` false they go with the next request. */
  load(file: LeadFile, run = true): void {
    this.file = file;
    this.unsent = file;
    this.baseline = undefined;
    this.selectedLine = undefined;
    this.shownLine = undefined;
    this.loadError.textContent = '';
    this.showSource();
    this.options.changed?.(this.ownLeads());
    if (run) this.options.run();
  }

  private showSource(): void {
    this.source.textContent = this.file === this.options.sample ? 'sample leads' : `${this.file.name} (${this.file.format === 'csv' ? 'CSV' : 'JSON Lines'})`;
  }

  /** Adds what the engine needs to know to a request: new leads, an edited lead, the selected lead. */
  fill(message: RunRequest): void {
    if (this.unsent) message.leads = this.unsent;
    if (this.pendingEdit) message.edit = this.pendingEdit;
    if (this.selectedLine !== undefined) message.selected = this.selectedLine;
    this.unsent = undefined;
    this.pendingEdit = undefined;
  }

  /** A request that replaces one still waiting takes over what only the waiting one carried. */
  carryOver(waiting: RunRequest, message: RunRequest): void {
    message.leads ??= waiting.leads;
    message.edit ??= waiting.edit;
  }

  setBaseline(): void {
    this.baseline = { results: baselineOf(this.rows), savedAt: new Date().toLocaleTimeString() };
    this.renderChanges();
  }

  /** Every answer of the engine, even one for a policy with errors: edits and the selected lead. */
  answer(response: RunResponse): void {
    if (response.edit) {
      this.editError.textContent = response.edit.error ? `Not applied: ${response.edit.error}` : '';
      if (!response.edit.error) this.dirty = false;
    }
    const selected = response.selectedLead;
    if (selected && selected.line === this.selectedLine && (!this.dirty || this.shownLine !== selected.line)) {
      this.textarea.value = selected.json;
      this.shownLine = selected.line;
      this.dirty = false;
    }
  }

  /** New results: the chart, and the changes against the baseline (the first results of a lead set become it). */
  update(rows: readonly LeadRow[]): void {
    this.rows = rows;
    if (!this.baseline) this.setBaseline();
    this.chart.replaceChildren(stageChart(rows));
    this.renderChanges();
  }

  private renderChanges(): void {
    this.changes.replaceChildren(changesView(this.baseline && compare(this.baseline.results, this.rows), this.baseline?.savedAt ?? ''));
  }

  /** The editor of the selected lead; selecting another lead asks the engine for its JSON. */
  leadEditor(row: LeadRow): HTMLElement {
    if (this.selectedLine !== row.line) {
      this.selectedLine = row.line;
      this.dirty = false;
      this.editError.textContent = '';
      this.textarea.value = '';
      this.options.run();
    }
    return this.editorBox;
  }

  private apply(): void {
    const line = this.selectedLine;
    if (line === undefined) return;
    const json = this.textarea.value;
    try {
      JSON.parse(json);
    } catch (error) {
      this.editError.textContent = `Not applied: not JSON: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.editError.textContent = '';
    this.pendingEdit = { line, json };
    this.options.run();
  }
}
