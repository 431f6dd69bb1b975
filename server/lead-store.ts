// Every lead's incremental state: in memory, and with a state file, journaled before each change is acknowledged.
import { checkLeadState, LeadError, startLead, type LeadState, type Policy, type Step } from '../runtime/index.js';
import { CliError } from '../workspace/index.js';
import { HttpError } from './http.js';
import { deleteSegments, Journal, journalSegments, readSegment, type JournalLine } from './journal.js';
import { applyDelta, stateDelta, type StateDelta } from './state-delta.js';
import { readSnapshot, writeSnapshot } from './state.js';

/** The decisions of a lead never scored: its first step reports each decision as changed from null. */
const undecided = { grade: null, stage: null, route: null, blacklisted: false };

/** The most events a lead's state keeps unless told otherwise: a step past it is refused. */
export const defaultMaxLeadEvents = 10_000;

/** A newest journal segment past this size is folded into a snapshot without waiting for the next one. */
const journalSnapshotBytes = 64 * 1024 ** 2;

export interface LeadStoreOptions {
  /** Where the states are kept; without it they live in memory only. */
  stateFile?: string;
  /** The most events one lead's state may keep (those that can still count). */
  maxLeadEvents?: number;
}

/**
 * The lead states. With a state file, a step's change is written to the journal before `step`
 * resolves, so an acknowledged change survives a crash; snapshots fold the journal away.
 */
export class LeadStore {
  private snapshotting: Promise<void> | undefined;
  private snapshotSeq: number;
  /** Why the journal can no longer be written; every later change is refused with it. */
  private broken: string | undefined;

  private constructor(
    private readonly leads: Map<string, LeadState>,
    private readonly stateFile: string | undefined,
    private readonly journal: Journal | undefined,
    private readonly maxLeadEvents: number,
  ) {
    this.snapshotSeq = journal?.lastSeq ?? 0;
  }

  /**
   * The store of a state file: its snapshot, with the journal's changes since replayed and folded
   * into a new snapshot; or an empty store kept in memory only.
   */
  static async open(options: LeadStoreOptions = {}): Promise<LeadStore> {
    const { stateFile, maxLeadEvents = defaultMaxLeadEvents } = options;
    if (stateFile === undefined) return new LeadStore(new Map(), undefined, undefined, maxLeadEvents);
    const { leads, seq } = await readSnapshot(stateFile);
    const segments = journalSegments(stateFile);
    let last = seq;
    for (const segment of segments) {
      for (const line of readSegment(segment.path)) {
        if (line.seq <= seq) continue;
        replay(leads, line, segment.path);
        last = Math.max(last, line.seq);
      }
    }
    if (segments.length > 0) {
      await writeSnapshot(stateFile, leads, last, new Date());
      deleteSegments(segments);
    }
    return new LeadStore(leads, stateFile, new Journal(stateFile, last), maxLeadEvents);
  }

  get size(): number {
    return this.leads.size;
  }

  get(id: string): LeadState | undefined {
    return this.leads.get(id);
  }

  has(id: string): boolean {
    return this.leads.has(id);
  }

  /**
   * Applies `change` to a lead's state (a new lead starts empty), keeps the result and, with a
   * state file, resolves once it is on disk. A change the journal cannot take is refused (503)
   * and changes nothing; a state past the bound on events is refused (422).
   */
  async step(id: string, policy: Policy, change: (state: LeadState) => Step): Promise<Step> {
    if (this.broken !== undefined) throw new HttpError(503, this.broken);
    const before = this.leads.get(id);
    const step = change(before ?? { ...startLead(policy, { id }, { now: 0 }).state, decisions: undecided });
    if (step.state.events.length > this.maxLeadEvents) {
      throw new HttpError(
        422,
        `lead ${JSON.stringify(id)} would keep ${step.state.events.length} events that can still count, more than the limit of ${this.maxLeadEvents} (--max-lead-events); nothing was changed`,
      );
    }
    if (this.journal) {
      const delta = before && stateDelta(before, step.state);
      await this.record(id, delta ? { delta } : { state: step.state }, () => this.leads.set(id, step.state));
    } else {
      this.leads.set(id, step.state);
    }
    return step;
  }

  /** Writes a snapshot of every state when something changed since the last (or always, with `force`). */
  async save(force = false): Promise<void> {
    if (!this.stateFile || !this.journal) return;
    if (this.snapshotting) return this.snapshotting;
    if (!force && this.journal.lastSeq === this.snapshotSeq) return;
    const stateFile = this.stateFile;
    const journal = this.journal;
    // States are replaced, never changed in place: a copy of the map is the states as they are now.
    const leads = new Map(this.leads);
    const seq = journal.lastSeq;
    const held = journal.rotate();
    this.snapshotting = (async () => {
      await writeSnapshot(stateFile, leads, seq, new Date());
      deleteSegments(held);
      this.snapshotSeq = seq;
    })().finally(() => {
      this.snapshotting = undefined;
    });
    return this.snapshotting;
  }

  /** Writes a last snapshot and closes the journal; a journal the snapshot holds entirely is deleted. */
  async close(): Promise<void> {
    await this.snapshotting?.catch(() => undefined);
    await this.save();
    if (!this.journal) return;
    await this.journal.close();
    if (this.journal.lastSeq === this.snapshotSeq) deleteSegments([this.journal.current]);
  }

  /**
   * Writes a journal line, applies the change in memory once the line is written (so a failed
   * write changes nothing), and resolves when the line is on disk. After any failure the end of
   * the journal is unknown: the store takes no more changes (503) until the service restarts.
   */
  private async record(id: string, entry: { delta: StateDelta } | { state: LeadState }, apply: () => void): Promise<void> {
    let durable: Promise<void>;
    try {
      durable = this.journal!.append({ id, ...entry });
    } catch (error) {
      this.broken = `cannot write the journal of ${this.stateFile} (${(error as Error).message}); changes are refused until the service restarts`;
      throw new HttpError(503, `${this.broken}; this one was not made`);
    }
    apply();
    try {
      await durable;
    } catch (error) {
      this.broken = `cannot put the journal of ${this.stateFile} on disk (${(error as Error).message}); changes are refused until the service restarts`;
      throw new HttpError(503, this.broken);
    }
    if (this.journal!.size > journalSnapshotBytes) void this.save().catch(() => undefined);
  }
}

/** Applies one journal line to the states read so far. */
function replay(leads: Map<string, LeadState>, line: JournalLine, path: string): void {
  const id = line['id'];
  const damaged = (why: string) => new CliError(`the journal ${path} is damaged at entry ${line.seq}: ${why}; move it away to start without the changes it holds`);
  if (typeof id !== 'string') throw damaged('it names no lead');
  if (line['state'] !== undefined) {
    try {
      leads.set(id, checkLeadState(line['state']));
    } catch (error) {
      if (error instanceof LeadError) throw damaged(error.message);
      throw error;
    }
    return;
  }
  const before = leads.get(id);
  if (!before) throw damaged(`it changes lead ${JSON.stringify(id)}, which no earlier entry or the snapshot holds`);
  leads.set(id, applyDelta(before, line['delta'] as StateDelta));
}
