/** Messages between the page and the engine worker, which compiles and scores off the main thread. */
import type { FieldReport } from '../../leads/index.js';
import type { Diagnostic } from '../../language/index.js';
import type { ScoreResult } from '../../runtime/index.js';
import type { LeadFile } from './leads.js';

export interface RunRequest {
  type: 'run';
  /** Increases with every request; the page ignores answers to older ones. */
  id: number;
  /** The open files that changed since the last request; the worker keeps the rest. */
  files?: FileChanges;
  /** The policy to score (a path among the files); absent or not a policy file: the first that can be scored. */
  entry?: string;
  /** The file in the editor: its diagnostics come back even when the policy scored does not read it. */
  shown?: string;
  /** The moment to score at, ISO-8601. */
  now: string;
  /** The leads to score from now on (JSON Lines or CSV); omitted when they have not changed since the last request. */
  leads?: LeadFile;
  /** A lead the user edited: its line (or CSV row) and its new JSON; kept only if it is a valid lead. */
  edit?: LeadEdit;
  /** Leads edited before, from a shared link: applied after `leads`, each kept only if it is a valid lead. */
  edits?: LeadEdit[];
  /** The line of the selected lead, whose JSON the answer then carries. */
  selected?: number;
}

/** Changes to the open files (path → text): with `reset`, all of them, replacing those the worker had. */
export interface FileChanges {
  reset?: boolean;
  set: Record<string, string>;
  remove?: string[];
}

/** A lead replaced by one the user wrote: its line (or CSV row) and its JSON. */
export interface LeadEdit {
  line: number;
  json: string;
}

/** Who a lead is, for the table: never HTML, always shown as text. */
export interface LeadSummary {
  name: string;
  company: string;
  title: string;
  email: string;
}

export interface LeadRow {
  /** 1-based line in the JSON Lines input, or row of the CSV input (the header is row 1). */
  line: number;
  id: string;
  who: LeadSummary;
  result?: ScoreResult;
  /** Why the lead could not be scored. */
  error?: string;
}

export interface RunResponse {
  type: 'result';
  id: number;
  /** The policy scored; absent when the files hold none. */
  entry?: string;
  /** The policies that can be scored, in folder order (see policy-files.ts). */
  policies: string[];
  /** The files the scored policy reads: itself, its imports, its list files. */
  read: string[];
  /** The problems of the scored policy and the files it reads; `range.file` names the file of each. */
  diagnostics: Diagnostic[];
  /**
   * The problems of the file in the editor when the scored policy does not read it, found by
   * compiling a policy that does (or the file itself); `range.file` is that file.
   */
  shownDiagnostics?: Diagnostic[];
  /** Why nothing could be compiled, e.g. no policy among the files. */
  problem?: string;
  /** Whether the policy compiled; when false, rows and sections are absent and the page keeps its last good results. */
  ok: boolean;
  /** Why `now` could not be used; the policy is not scored then. */
  nowError?: string;
  /** How many events of the leads lie after `now`, and so were not scored (absent when none). */
  futureEvents?: number;
  /** What the leads gave the policy: per field read, how many had it, lacked it or had it unreadable; the fields nothing gave; the columns not read. */
  fields?: FieldReport;
  /** A CSV without a column for the lead's id: the bundled CRM mappings that find one in its header, best fit first (empty when none does). */
  noIdColumn?: { mappings: string[] };
  /** Section names in policy order, for the table's columns. */
  sections?: string[];
  /** Ranked: highest score first, leads that could not be scored last. */
  rows?: LeadRow[];
  timings: { compileMs: number; scoreMs: number };
  /** The answer to `edit`: the error when the new lead was refused (the old one is kept). */
  edit?: { line: number; error?: string };
  /** Every lead edited in place since the leads were loaded (compact JSON), when that changed with this request. */
  edited?: LeadEdit[];
  /** Problems of the leads that belong to no row: an events file that cannot be used, events of no lead. */
  leadProblems?: string[];
  /** The selected lead as JSON (or the text of its line when it could not be read). */
  selectedLead?: { line: number; json: string };
}
