/**
 * The journal of `leadscore serve --state FILE`: every change to a lead's state as one JSON line,
 * on disk (fdatasync) before the change is acknowledged. It is kept in numbered segments beside
 * the state file (`FILE.journal.1`, `.2`, …): a snapshot starts a new segment and, once written,
 * deletes the segments it holds, so the journal only ever holds what came after a snapshot.
 */
import { closeSync, fdatasync, fdatasyncSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, fileProblem } from '../workspace/index.js';

/** A numbered segment file of the journal. */
interface Segment {
  number: number;
  path: string;
}

/** A line of the journal, as written: its sequence number and what it records. */
export interface JournalLine {
  seq: number;
  [key: string]: unknown;
}

/** The journal's segments beside `stateFile`, oldest first. */
export function journalSegments(stateFile: string): Segment[] {
  const folder = dirname(stateFile);
  const prefix = `${basename(stateFile)}.journal.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CliError(`cannot read the folder of the state file ${stateFile}: ${fileProblem(error)}`);
  }
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ number: Number(name.slice(prefix.length)), path: join(folder, name) }))
    .sort((a, b) => a.number - b.number);
}

/**
 * The lines of a segment, in order. A last line without its newline was being written when the
 * process stopped, so it was never acknowledged: it is left out. Any other line that is not JSON
 * is damage, reported with its position.
 */
export function readSegment(path: string): JournalLine[] {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read the journal ${path}: ${fileProblem(error)}`);
  }
  const complete = text.lastIndexOf(0x0a) + 1;
  const lines: JournalLine[] = [];
  const whole = text.subarray(0, complete).toString('utf8').split('\n');
  whole.pop();
  whole.forEach((line, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new CliError(`the journal ${path} is damaged at line ${index + 1}: ${(error as Error).message}; move it away to start without the changes it holds`);
    }
    if (typeof parsed !== 'object' || parsed === null || !Number.isSafeInteger((parsed as JournalLine).seq)) {
      throw new CliError(`the journal ${path} is damaged at line ${index + 1}: not a journal entry; move it away to start without the changes it holds`);
    }
    lines.push(parsed as JournalLine);
  });
  return lines;
}

/** Makes a folder's entries (a created, renamed or deleted file) durable. */
export function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Appends lines to the newest segment; `append` resolves once its line is on disk. */
export class Journal {
  private fd: number;
  private segment: Segment;
  private bytes: number;
  /** The datasync under way, and the one after it that every line written meanwhile waits for. */
  private syncing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  /** Starts a segment after any there are: the journal is replayed into a snapshot before it opens. */
  constructor(
    private readonly stateFile: string,
    private seq: number,
  ) {
    const number = (journalSegments(stateFile).at(-1)?.number ?? 0) + 1;
    this.segment = { number, path: `${stateFile}.journal.${number}` };
    this.fd = this.openSegment(this.segment.path);
    this.bytes = 0;
  }

  /** The sequence number of the last line written. */
  get lastSeq(): number {
    return this.seq;
  }

  /** The segment lines are written to. */
  get current(): Segment {
    return this.segment;
  }

  /** How many bytes the newest segment holds. */
  get size(): number {
    return this.bytes;
  }

  /**
   * Writes a line now (to the operating system: a failure throws before anything is acknowledged)
   * and resolves when it is on disk. Lines written while a datasync runs share the next one.
   */
  append(entry: Record<string, unknown>): Promise<void> {
    const text = `${JSON.stringify({ seq: this.seq + 1, ...entry })}\n`;
    const buffer = Buffer.from(text);
    let written = 0;
    while (written < buffer.length) written += writeSync(this.fd, buffer, written);
    this.seq += 1;
    this.bytes += buffer.length;
    return this.sync();
  }

  /**
   * Starts a new segment: lines from now on go there. Returns the segments before it, which a
   * snapshot of the states as they are now makes redundant.
   */
  rotate(): Segment[] {
    const previous = this.fd;
    // Every line of the old segment is on disk before the new one takes lines.
    fdatasyncSync(previous);
    const closePrevious = () => closeSync(previous);
    void (this.syncing ?? Promise.resolve()).then(closePrevious, closePrevious);
    const older = journalSegments(this.stateFile).filter((segment) => segment.number <= this.segment.number);
    this.segment = { number: this.segment.number + 1, path: `${this.stateFile}.journal.${this.segment.number + 1}` };
    this.fd = this.openSegment(this.segment.path);
    this.bytes = 0;
    syncFolder(dirname(this.stateFile));
    return older;
  }

  /** Waits for the lines written so far to be on disk, then closes the segment. */
  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    closeSync(this.fd);
  }

  private openSegment(path: string): number {
    try {
      const fd = openSync(path, 'a');
      syncFolder(dirname(path));
      return fd;
    } catch (error) {
      throw new CliError(`cannot write the journal ${path}: ${fileProblem(error, true)}`);
    }
  }

  private sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.syncing) return this.startSync();
    const after = () => {
      this.queued = undefined;
      return this.startSync();
    };
    this.queued = this.syncing.then(after, after);
    return this.queued;
  }

  private startSync(): Promise<void> {
    const fd = this.fd;
    const syncing = new Promise<void>((resolveSync, rejectSync) => fdatasync(fd, (error) => (error ? rejectSync(error) : resolveSync())));
    this.syncing = syncing;
    const done = () => {
      if (this.syncing === syncing) this.syncing = undefined;
    };
    syncing.then(done, done);
    return syncing;
  }
}

/** Deletes journal segments a snapshot holds; one that is already gone is fine. */
export function deleteSegments(segments: readonly Segment[]): void {
  for (const segment of segments) {
    try {
      unlinkSync(segment.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
