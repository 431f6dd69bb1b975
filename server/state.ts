// The lead states of `leadscore serve --state FILE`: read at start, written atomically (temp file + rename).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { checkLeadState, LeadError, type LeadState } from '../runtime/index.js';
import { CliError, fileProblem } from '../workspace/index.js';

const snapshotFormat = 'leadscore-serve-state';

interface Snapshot {
  format: typeof snapshotFormat;
  savedAt: string;
  leads: Record<string, LeadState>;
}

/** The states saved in `file`, by lead id; none when the file does not exist yet. */
export async function readSnapshot(file: string): Promise<Map<string, LeadState>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new CliError(`cannot read the state file ${file}: ${fileProblem(error)}`);
  }
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = JSON.parse(text) as Partial<Snapshot>;
  } catch (error) {
    throw new CliError(`the state file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (snapshot?.format !== snapshotFormat || typeof snapshot.leads !== 'object' || snapshot.leads === null) {
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
  return leads;
}

/** Writes the states to a temporary file beside `file`, then renames it: a reader never sees half a file. */
export async function writeSnapshot(file: string, leads: ReadonlyMap<string, LeadState>, savedAt: Date): Promise<void> {
  const snapshot: Snapshot = { format: snapshotFormat, savedAt: savedAt.toISOString(), leads: Object.fromEntries(leads) };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(snapshot));
    await rename(temporary, file);
  } catch (error) {
    throw new CliError(`cannot write the state file ${file}: ${fileProblem(error, true)}`);
  }
}
