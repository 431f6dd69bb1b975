// The snapshot of `leadscore serve --state FILE`: every lead's state, read at start, written atomically (temp file, fsync, rename).
import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from './journal.js';
import { checkLeadState, LeadError, type LeadState } from '../runtime/index.js';
import { CliError, fileProblem } from '../workspace/index.js';

const snapshotFormat = 'leadscore-serve-state';

interface Snapshot {
  format: typeof snapshotFormat;
  savedAt: string;
  /** The last journal line the snapshot holds; absent in snapshots written before the journal. */
  seq?: number;
  leads: Record<string, LeadState>;
}

/** The states saved in `file`, by lead id, and the last journal line they hold; none when the file does not exist yet. */
export async function readSnapshot(file: string): Promise<{ leads: Map<string, LeadState>; seq: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { leads: new Map(), seq: 0 };
    throw new CliError(`cannot read the state file ${file}: ${fileProblem(error)}`);
  }
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = JSON.parse(text) as Partial<Snapshot>;
  } catch (error) {
    throw new CliError(`the state file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (snapshot?.format !== snapshotFormat || typeof snapshot.leads !== 'object' || snapshot.leads === null || !(snapshot.seq === undefined || Number.isSafeInteger(snapshot.seq))) {
    throw new CliError(`${file} is not a leadscore state file (it needs "format": "${snapshotFormat}" and "leads")`);
  }
  const leads = new Map<string, LeadState>();
  for (const [id, state] of Object.entries(snapshot.leads)) {
    try {
      leads.set(id, checkLeadState(state));
    } catch (error) {
      // Refused rather than dropped: the next write would lose the lead. The message says which lead, what is wrong, and what to do.
      if (error instanceof LeadError) {
        throw new CliError(
          `the state file ${file}, lead ${JSON.stringify(id)}: ${error.message}; correct or remove that lead in the file (or move the file away to start with no leads), then start again`,
        );
      }
      throw error;
    }
  }
  return { leads, seq: snapshot.seq ?? 0 };
}

/**
 * Writes the states, holding the journal up to line `seq`, to a temporary file beside `file`, puts it on
 * disk, then renames it: a reader never sees half a file, and a crash leaves the old one or the new one.
 */
export async function writeSnapshot(file: string, leads: ReadonlyMap<string, LeadState>, seq: number, savedAt: Date): Promise<void> {
  const snapshot: Snapshot = { format: snapshotFormat, savedAt: savedAt.toISOString(), seq, leads: Object.fromEntries(leads) };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(JSON.stringify(snapshot));
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    syncFolder(dirname(file));
  } catch (error) {
    throw new CliError(`cannot write the state file ${file}: ${fileProblem(error, true)}`);
  }
}
