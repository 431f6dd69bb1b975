/**
 * The leads side of the page: which leads are scored (the samples or a file the user loads,
 * read in the page and sent only to the engine worker), the outcomes beside them, the editor of
 * the selected lead, the score distribution by stage, the evidence of the outcomes, and what
 * changed against the baseline.
 */
import type { Outcomes } from '../../evidence/index.js';
import type { FieldReport } from '../../leads/index.js';
import { baselineOf, compare, type Baseline } from './changes.js';
import { evidencePanel } from './evidence-chart.js';
import { aucChange, describeAucChange, evidenceOf, outcomesOf, type Evidence } from './evidence-view.js';
import { loadHistorySample } from './history-sample.js';
import { changesView, stageChart } from './insights.js';
import { formatOf, isEventsCsv, type LeadFile } from './leads.js';
import type { LeadEdit, LeadRow, RunRequest, RunResponse } from './protocol.js';
import { element } from './view.js';

export interface LeadsPanelOptions {
  /** Where the panel's bar and chart go: before this element. */
  before: HTMLElement;
  sample: LeadFile;
  /** Asks the engine for new results now (no debounce). */
  run(): void;
  /** Told when the leads change: another file, or an edit in place; `shareable` when they are not the sample leads as shipped. */
  changed?(shareable: boolean): void;
  /** Told, before they are scored, when the user picks leads: a file of their own (`own`), the sample leads again, or the history sample with its outcomes. */
  chosen?(leads: 'own' | 'sample' | 'history'): void;
  /** Makes the policy read a CRM's names: `import "leadscore:NAME"` (offered when fields go unprovided). */
  useMapping?(name: CrmName): void;
}

/** The leads as they are now, for a share link: the user's file (none for the sample leads) and the leads edited in place. */
export interface CurrentLeads {
  file?: LeadFile;
  edits: LeadEdit[];
}

/** Problems listed under the bar at most; the rest are counted. */
const shownProblems = 20;

/** The CRMs whose names leadscore ships a mapping for (`import "leadscore:NAME"`). */
type CrmName = 'hubspot' | 'salesforce';
const crmLabels: Record<CrmName, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

export class LeadsPanel {
  private file: LeadFile;
  /** The leads to send with the next request, until a request carries them. */
  private unsent: LeadFile | undefined;
  private pendingEdit: LeadEdit | undefined;
  /** Edits from a shared link, to send with the leads. */
  private unsentEdits: LeadEdit[] | undefined;
  /** The leads edited in place, as the engine keeps them. */
  private edited: LeadEdit[] = [];
  private selectedLine: number | undefined;
  private baseline: { results: Baseline; rows: readonly LeadRow[]; savedAt: string } | undefined;
  private rows: readonly LeadRow[] = [];
  /** The outcomes beside the leads; `bundled` when they came with the history sample, and so go with its leads. */
  private outcomes: { name: string; read: Outcomes; bundled: boolean } | undefined;
  /** The history sample's leads while they are loaded (not put in share links: they ship with the page). */
  private history: LeadFile | undefined;
  /** The evidence of the current results and of the baseline's, while outcomes are loaded. */
  private evidence: Evidence | undefined;
  private baselineEvidence: Evidence | undefined;
  private readonly source = element('span', { id: 'leads-source', class: 'leads-source' });
  private readonly loadError = element('span', { id: 'leads-error', class: 'lead-error', role: 'alert' });
  private readonly problems = element('ul', { id: 'leads-problems', class: 'lead-problems', 'aria-label': 'Rows of the files that no lead shows' });
  private readonly fields = element('div', { id: 'leads-fields', class: 'lead-fields', 'aria-label': 'What the leads give the policy' });
  private readonly eventsButton: HTMLElement;
  private readonly chart = element('div', { id: 'chart' });
  private readonly changes = element('div', { id: 'changes', class: 'changes', 'aria-live': 'polite' });
  private readonly evidencePlace = element('div', { id: 'evidence', hidden: '' });
  private readonly outcomesSource = element('span', { id: 'outcomes-source', class: 'leads-source' });
  private readonly editorBox: HTMLElement;
  private readonly textarea = element('textarea', { id: 'lead-json', spellcheck: 'false', rows: '10', 'aria-label': 'The selected lead as JSON' });
  private readonly editError = element('p', { id: 'lead-json-error', class: 'lead-error', role: 'alert' });
  /** The line whose JSON the textarea shows, and whether the user changed it since. */
  private shownLine: number | undefined;
  private dirty = false;

  constructor(private readonly options: LeadsPanelOptions) {
    this.file = options.sample;
    this.unsent = options.sample;
    const input = element('input', { id: 'leads-file', type: 'file', multiple: '', accept: '.jsonl,.ndjson,.json,.csv,text/csv,application/json' });
    input.addEventListener('change', () => {
      const chosen = [...(input.files ?? [])];
      if (chosen.length > 0) void this.read(chosen);
      input.value = '';
    });
    const eventsInput = element('input', { id: 'events-file', type: 'file', accept: '.csv,text/csv' });
    eventsInput.addEventListener('change', () => {
      const chosen = eventsInput.files?.[0];
      if (chosen) void this.read([chosen], true);
      eventsInput.value = '';
    });
    this.eventsButton = element(
      'label',
      { class: 'file-button', title: 'The events of these leads, one per row: lead_id,type,object,name,at (as `leadscore score --events` reads them)' },
      'Add events CSV…',
      eventsInput,
    );
    const outcomesInput = element('input', { id: 'outcomes-file', type: 'file', accept: '.csv,.jsonl,.ndjson,text/csv' });
    outcomesInput.addEventListener('change', () => {
      const chosen = outcomesInput.files?.[0];
      if (chosen) void this.readOutcomes(chosen);
      outcomesInput.value = '';
    });
    const outcomesButton = element(
      'label',
      { class: 'file-button', title: 'What became of these leads, one row per lead: id,converted (as `leadscore backtest --outcomes` reads them); read in this page' },
      'Outcomes…',
      outcomesInput,
    );
    const sample = element('button', { id: 'leads-sample', type: 'button', title: 'Score the sample leads again' }, 'Sample leads');
    sample.addEventListener('click', () => {
      options.chosen?.('sample');
      this.setOutcomes(undefined);
      this.load(options.sample);
    });
    const history = element('button', { id: 'leads-history', type: 'button', title: '1,500 past leads with their outcomes, scored as of 2026-06-30' }, 'History sample');
    history.addEventListener('click', () => void this.loadHistory());
    const save = element('button', { id: 'set-baseline', type: 'button', title: 'Remember the current results; edits are then compared with them' }, 'Set baseline');
    save.addEventListener('click', () => this.setBaseline());
    const bar = element(
      'div',
      { class: 'leads-bar' },
      element('span', {}, 'Leads: ', this.source),
      element(
        'label',
        { class: 'file-button', title: 'A JSON Lines or CSV file, or a profile CSV and its events CSV together; read in this page, they never leave it' },
        'Load JSONL or CSV…',
        input,
      ),
      this.eventsButton,
      outcomesButton,
      this.outcomesSource,
      sample,
      history,
      save,
      this.loadError,
    );
    const insights = element('div', { class: 'insights' }, this.chart, this.evidencePlace, this.changes);
    options.before.before(bar, this.fields, this.problems, insights);
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

  /**
   * Reads the chosen files: a leads file, or a profile CSV and its events CSV together (told apart
   * by the events file's `lead_id` column), or (`eventsOnly`) an events CSV for the profile CSV loaded now.
   */
  private async read(chosen: File[], eventsOnly = false): Promise<void> {
    let files: Array<{ name: string; text: string }>;
    try {
      files = await Promise.all(chosen.map(async (file) => ({ name: file.name, text: await file.text() })));
    } catch (error) {
      this.loadError.textContent = `cannot read ${chosen.map((file) => file.name).join(', ')}: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    const events = files.filter((file) => eventsOnly || (formatOf(file.name) === 'csv' && isEventsCsv(file.text)));
    const leads = files.filter((file) => !events.includes(file));
    if (leads.length > 1 || events.length > 1) {
      this.loadError.textContent = 'choose one leads file, or a profile CSV and its events CSV';
      return;
    }
    const [profile] = leads;
    const [eventsFile] = events;
    if (profile) {
      this.options.chosen?.('own');
      this.load({ name: profile.name, format: formatOf(profile.name), text: profile.text, ...(eventsFile ? { events: eventsFile } : {}) });
    } else if (eventsFile && this.file !== this.options.sample && this.file.format === 'csv') {
      this.load({ ...this.file, events: eventsFile });
    } else if (eventsFile) {
      this.loadError.textContent = `${eventsFile.name} is an events CSV: load the profile CSV (with an id column) first, or both files together`;
    }
  }

  /** Reads an outcomes file; its rows that cannot be read are listed in the evidence panel. */
  private async readOutcomes(chosen: File): Promise<void> {
    let text: string;
    try {
      text = await chosen.text();
    } catch (error) {
      this.loadError.textContent = `cannot read ${chosen.name}: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.loadError.textContent = '';
    this.setOutcomes({ name: chosen.name, read: outcomesOf(chosen.name, text), bundled: false });
  }

  /** The history sample: its leads and outcomes together, fetched the first time. */
  private async loadHistory(): Promise<void> {
    let sample: Awaited<ReturnType<typeof loadHistorySample>>;
    try {
      sample = await loadHistorySample();
    } catch (error) {
      this.loadError.textContent = `cannot load the history sample: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.options.chosen?.('history');
    this.history = sample.leads;
    this.outcomes = { name: sample.outcomes.name, read: outcomesOf(sample.outcomes.name, sample.outcomes.text), bundled: true };
    this.load(sample.leads);
  }

  /** New outcomes (or none): the evidence of the results shown now, and of the baseline. */
  private setOutcomes(outcomes: typeof this.outcomes): void {
    this.outcomes = outcomes;
    this.showOutcomesSource();
    this.baselineEvidence = this.baseline && outcomes && evidenceOf(this.baseline.rows, outcomes.read);
    this.evidence = outcomes && evidenceOf(this.rows, outcomes.read);
    this.renderEvidence();
    this.renderChanges();
  }

  private showOutcomesSource(): void {
    this.outcomesSource.textContent = this.outcomes ? `outcomes: ${this.outcomes.name}` : '';
  }

  /** The leads as they are now, or undefined while they are the sample leads as shipped (or the history sample, which ships with the page too). */
  current(): CurrentLeads | undefined {
    if (this.history && this.file === this.history) return undefined;
    const file = this.file === this.options.sample ? undefined : this.file;
    if (!file && this.edited.length === 0) return undefined;
    return { ...(file ? { file } : {}), edits: this.edited };
  }

  /**
   * Scores these leads (the sample leads when `file` is undefined) from now on, with `edits`
   * (from a shared link) applied; with `run` false they go with the next request.
   */
  load(file: LeadFile | undefined, run = true, edits?: LeadEdit[]): void {
    file ??= this.options.sample;
    // The history's outcomes go with its leads only.
    if (file !== this.history && this.outcomes?.bundled) this.outcomes = undefined;
    this.file = file;
    this.unsent = file;
    this.unsentEdits = edits;
    this.edited = [];
    this.problems.replaceChildren();
    this.baseline = undefined;
    this.baselineEvidence = undefined;
    this.showOutcomesSource();
    this.selectedLine = undefined;
    this.shownLine = undefined;
    this.loadError.textContent = '';
    this.showSource();
    this.options.changed?.(this.current() !== undefined);
    if (run) this.options.run();
  }

  private showSource(): void {
    const { name, format, events } = this.file;
    const edited = this.edited.length > 0 ? `, ${this.edited.length} edited here` : '';
    this.source.textContent =
      this.file === this.options.sample
        ? `sample leads${edited}`
        : this.file === this.history
          ? `history sample, as of 2026-06-30${edited}`
          : `${name}${events ? ` + ${events.name}` : ''} (${format === 'csv' ? 'CSV' : 'JSON Lines'}${edited})`;
    this.eventsButton.hidden = this.file === this.options.sample || format !== 'csv';
  }

  /** Adds what the engine needs to know to a request: new leads, an edited lead, the selected lead. */
  fill(message: RunRequest): void {
    if (this.unsent) message.leads = this.unsent;
    if (this.unsentEdits) message.edits = this.unsentEdits;
    if (this.pendingEdit) message.edit = this.pendingEdit;
    if (this.selectedLine !== undefined) message.selected = this.selectedLine;
    this.unsent = undefined;
    this.unsentEdits = undefined;
    this.pendingEdit = undefined;
  }

  /** A request that replaces one still waiting takes over what only the waiting one carried. */
  carryOver(waiting: RunRequest, message: RunRequest): void {
    message.leads ??= waiting.leads;
    message.edits ??= waiting.edits;
    message.edit ??= waiting.edit;
  }

  /** Another policy is open: the next results become the baseline, as comparing two policies' results says little. */
  resetBaseline(): void {
    this.baseline = undefined;
    this.baselineEvidence = undefined;
  }

  setBaseline(): void {
    this.baseline = { results: baselineOf(this.rows), rows: this.rows, savedAt: new Date().toLocaleTimeString() };
    this.baselineEvidence = this.evidence;
    this.renderEvidence();
    this.renderChanges();
  }

  /** Every answer of the engine, even one for a policy with errors: edits and the selected lead. */
  answer(response: RunResponse): void {
    if (response.edited) {
      this.edited = response.edited;
      this.showSource();
      this.options.changed?.(this.current() !== undefined);
    }
    if (response.rows) this.showProblems(response.leadProblems ?? []);
    if (response.rows) this.showFields(this.file === this.options.sample ? undefined : response.fields, response.noIdColumn);
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

  /**
   * The field report of a loaded file, as `leadscore score` prints it, with a CRM mapping to pick
   * when fields go unprovided; or, for a CSV without an id column, the mapping that finds one.
   */
  private showFields(report: FieldReport | undefined, noIdColumn?: { mappings: string[] }): void {
    if (noIdColumn) {
      this.fields.replaceChildren(this.noIdWarning(noIdColumn.mappings));
      return;
    }
    if (!report || report.leads === 0) {
      this.fields.replaceChildren();
      return;
    }
    const unreadable = (field: FieldReport['fields'][number]) =>
      field.unreadable > 0
        ? ` (${field.unreadable} unreadable${field.notCountries ? `; no country: ${field.notCountries.map((value) => JSON.stringify(value)).join(', ')}` : ''})`
        : '';
    const counts = report.fields.map((field) => `${field.name} ${field.present} of ${report.leads}${unreadable(field)}`);
    const parts: Array<string | HTMLElement> = [element('p', {}, `Fields read: ${counts.join(' · ') || 'none'}`)];
    if (report.unused.length > 0) parts.push(element('p', {}, `Not read by the policy: ${report.unused.join(', ')}`));
    if (report.unprovided.length > 0) {
      const mapping = (name: CrmName) => this.mappingButton(name, crmLabels[name]);
      parts.push(
        element(
          'p',
          { class: 'lead-fields-warning', role: 'alert' },
          `Nothing in this file gives ${report.unprovided.join(', ')}, which the policy reads: every lead is scored without ${report.unprovided.length === 1 ? 'it' : 'them'}. Name the columns in the policy (field ${report.unprovided[0]} from "Column") or read a CRM's names: `,
          mapping('hubspot'),
          ' ',
          mapping('salesforce'),
        ),
      );
    }
    this.fields.replaceChildren(...parts);
  }

  /** No lead of the file can be scored: offer the mapping whose id column the header has, or both. */
  private noIdWarning(fitting: readonly string[]): HTMLElement {
    const [best] = fitting.filter((name): name is CrmName => name in crmLabels);
    const text = 'No column of this file gives the lead’s id, so none of its leads can be scored.';
    if (best)
      return element(
        'p',
        { class: 'lead-fields-warning', role: 'alert' },
        `${text} It looks like a ${crmLabels[best]} export: `,
        this.mappingButton(best, `Read ${crmLabels[best]}’s names`),
      );
    return element(
      'p',
      { class: 'lead-fields-warning', role: 'alert' },
      `${text} Name the id column in the policy (field id from "Column") or read a CRM's names: `,
      this.mappingButton('hubspot', crmLabels.hubspot),
      ' ',
      this.mappingButton('salesforce', crmLabels.salesforce),
    );
  }

  private mappingButton(name: CrmName, label: string): HTMLElement {
    const button = element('button', { type: 'button', 'data-mapping': name }, label);
    button.addEventListener('click', () => this.options.useMapping?.(name));
    return button;
  }

  private showProblems(problems: readonly string[]): void {
    const items = problems.slice(0, shownProblems).map((problem) => element('li', {}, problem));
    if (problems.length > shownProblems) items.push(element('li', {}, `and ${problems.length - shownProblems} more`));
    this.problems.replaceChildren(...items);
  }

  /** New results: the chart, and the changes against the baseline (the first results of a lead set become it). */
  update(rows: readonly LeadRow[]): void {
    this.rows = rows;
    this.evidence = this.outcomes && evidenceOf(rows, this.outcomes.read);
    if (!this.baseline) this.setBaseline();
    this.chart.replaceChildren(stageChart(rows));
    this.renderEvidence();
    this.renderChanges();
  }

  /** The evidence panel beside the chart, while outcomes are loaded. */
  private renderEvidence(): void {
    this.evidencePlace.hidden = !this.evidence;
    this.evidencePlace.replaceChildren(...(this.evidence && this.outcomes ? [evidencePanel(this.evidence, this.outcomes.read, this.baselineEvidence)] : []));
  }

  private renderChanges(): void {
    const auc = this.outcomes && this.evidence && this.baselineEvidence && describeAucChange(aucChange(this.baselineEvidence, this.evidence, this.outcomes.read));
    this.changes.replaceChildren(changesView(this.baseline && compare(this.baseline.results, this.rows), this.baseline?.savedAt ?? '', auc));
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
