import { startLead, type LeadState, type Policy, type Step } from '../runtime/index.js';
import { readSnapshot, writeSnapshot } from './state.js';

/** The decisions of a lead never scored: its first step reports each decision as changed from null. */
const undecided = { grade: null, stage: null, route: null, blacklisted: false };

/** Every lead's incremental state, kept in memory and, with a state file, written when it changed. */
export class LeadStore {
  private dirty = false;

  private constructor(
    private readonly leads: Map<string, LeadState>,
    private readonly stateFile: string | undefined,
  ) {}

  /** The store of a state file (read now), or an empty one kept in memory only. */
  static async open(stateFile: string | undefined): Promise<LeadStore> {
    return new LeadStore(stateFile === undefined ? new Map() : await readSnapshot(stateFile), stateFile);
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

  /** Applies `change` to a lead's state (a new lead starts empty) and keeps the result. */
  step(id: string, policy: Policy, change: (state: LeadState) => Step): Step {
    const state = this.leads.get(id) ?? { ...startLead(policy, { id }, { now: 0 }).state, decisions: undecided };
    const step = change(state);
    this.leads.set(id, step.state);
    this.dirty = true;
    return step;
  }

  /** Writes the state file when something changed since the last write (or always, with `force`). */
  async save(force = false): Promise<void> {
    if (this.stateFile === undefined || !(this.dirty || force)) return;
    this.dirty = false;
    await writeSnapshot(this.stateFile, this.leads, new Date());
  }
}
