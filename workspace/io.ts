import type { Readable } from 'node:stream';

/** Where a command reads and writes; the real process in the binary, strings in tests. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: Readable;
  cwd: string;
  /** Whether stdout/stderr are terminals (colour, progress). */
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** The clock, read only when `--now` is not given. */
  clock: () => Date;
  /** Whether stderr is a terminal, whatever NO_COLOR says: progress lines. Default: stderrIsTty. */
  stderrIsTerminal?: boolean;
  /** Milliseconds from any fixed point, for the pace of progress lines. Default: performance.now. */
  timer?: () => number;
  /** `--files-root`: the folder tree imports and lists may be read from, instead of the policy's repository. */
  filesRoot?: string;
}

export interface Output {
  /** Returns false when the buffer is full; then wait for 'drain' (see writeLines). Bytes are UTF-8 text. */
  write(chunk: string | Uint8Array): boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

/** A failure the user caused and can fix: printed as `leadscore: message`, never with a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Why a file could not be read or written, in words: `no such file`, `it is a directory`, … */
export function fileProblem(error: unknown, writing = false): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return writing ? 'its directory does not exist' : 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

export async function write(output: Output, chunk: string): Promise<void> {
  if (!output.write(chunk) && output.once) await new Promise<void>((resolve) => output.once!('drain', resolve));
}
