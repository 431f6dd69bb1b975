import { renderDiagnostics, summarizeDiagnostics } from '../render.js';
import { compileFile } from './load.js';
import { write, type CliIo } from './io.js';

export interface CheckOptions {
  format: 'text' | 'json';
}

/** `leadscore check POLICY`: every diagnostic, rendered or as JSON; exit 1 on errors. */
export async function checkCommand(path: string, options: CheckOptions, io: CliIo): Promise<number> {
  const { source, result } = await compileFile(path, io);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (options.format === 'json') {
    // Every diagnostic has the same keys (`suggestions` is [] when there are none), so scripts need no guards.
    const diagnostics = result.diagnostics.map(({ code, severity, message, range, suggestions, help }) => ({
      code,
      severity,
      message,
      range,
      suggestions: suggestions ?? [],
      ...(help === undefined ? {} : { help }),
    }));
    const report = { file: path, errors, warnings: result.diagnostics.length - errors, diagnostics };
    await write(io.stdout, JSON.stringify(report, null, 2) + '\n');
  } else if (result.diagnostics.length > 0) {
    await write(io.stdout, renderDiagnostics(result.diagnostics, source, { fileName: path, color: io.stdoutIsTty }));
  } else {
    await write(io.stdout, `${path}: ${summarizeDiagnostics(result.diagnostics)}\n`);
  }
  return errors > 0 ? 1 : 0;
}
