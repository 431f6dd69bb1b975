import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { renderDiagnostic, renderDiagnostics, summarizeDiagnostics } from './render.js';

/**
 * Golden files: each `__golden__/NAME.score` is a group of mistakes users
 * really make; `NAME.errors.txt` is what `leadscore check` shows for it. A
 * reviewer reads the .errors.txt and sees the experience. Update with
 * `npx vitest run -u compiler/render.test.ts`, then read the diff.
 */
const goldenDir = join(import.meta.dirname, '__golden__');
const inputs = readdirSync(goldenDir)
  .filter((name) => name.endsWith('.score'))
  .sort();

describe('rendered diagnostics (golden files)', () => {
  it('has golden inputs', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(8);
  });

  for (const input of inputs) {
    const name = input.slice(0, -'.score'.length);
    it(name, async () => {
      const source = readFileSync(join(goldenDir, input), 'utf8');
      const { diagnostics } = compile(source);
      expect(diagnostics.length).toBeGreaterThan(0);
      await expect(renderDiagnostics(diagnostics, source, { fileName: input })).toMatchFileSnapshot(join(goldenDir, `${name}.errors.txt`));
    });
  }

  it('the warnings-only policy still compiles', () => {
    const { ir, diagnostics } = compile(readFileSync(join(goldenDir, 'warnings-only.score'), 'utf8'));
    expect(ir).toBeDefined();
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('renderDiagnostic', () => {
  const at = (line: number, column: number, offset: number) => ({ line, column, offset });

  it('puts the carets under the range, with help', () => {
    const source = 'policy "x"\nwhen titel contains "CTO" add 15\n';
    const rendered = renderDiagnostic(
      { code: 'LS2001', severity: 'error', message: 'unknown name `titel`', range: { start: at(2, 6, 16), end: at(2, 11, 21) }, help: 'did you mean `title`?' },
      source,
      { fileName: 'p.score' },
    );
    expect(rendered).toBe(
      ['error LS2001: unknown name `titel`', ' --> p.score:2:6', '  |', '2 | when titel contains "CTO" add 15', '  |      ^^^^^', '  = help: did you mean `title`?'].join('\n'),
    );
  });

  it('shows one caret for an empty range, at the end of the line', () => {
    const rendered = renderDiagnostic(
      { code: 'LS1004', severity: 'error', message: 'expected a number', range: { start: at(1, 21, 20), end: at(1, 21, 20) } },
      'when title = "x" add',
      { fileName: 'p.score' },
    );
    expect(rendered.split('\n').slice(3)).toEqual(['1 | when title = "x" add', '  |                     ^']);
  });

  it('underlines to the end of the first line when the range spans lines', () => {
    const rendered = renderDiagnostic({ code: 'LS3001', severity: 'error', message: 'm', range: { start: at(1, 6, 5), end: at(2, 5, 18) } }, 'when (employees\n  or x) add 1', {
      fileName: 'p.score',
    });
    expect(rendered.split('\n').slice(3)).toEqual(['1 | when (employees', '  |      ^^^^^^^^^^']);
  });

  it('expands tabs so that the carets line up', () => {
    const rendered = renderDiagnostic({ code: 'LS1001', severity: 'error', message: 'm', range: { start: at(1, 3, 2), end: at(1, 4, 3) } }, '\tx@', { fileName: 'p.score' });
    expect(rendered.split('\n').slice(3)).toEqual(['1 |     x@', '  |      ^']);
  });

  it('shows control characters of the source, the message, the help and the file name as escapes, carets still under the range', () => {
    // A raw ESC in a comment or a string reached the terminal: `]0;…BEL` set its title, `[2J` cleared it.
    const source = 'fit:\n  when title = "\u001b[2J" and titel = "\u009b" add 1 # \u001b]0;owned\u0007\n';
    const [diagnostic] = compile(source).diagnostics;
    const rendered = renderDiagnostics([{ ...diagnostic!, help: 'not \u001b[31mred' }], source, { fileName: 'p\u001b[2J.score' });
    expect(rendered).toBe(
      [
        'error LS2001: unknown name `titel`: no field is called that',
        ' --> p\\u001b[2J.score:2:27',
        '  |',
        '2 |   when title = "\\u001b[2J" and titel = "\\u009b" add 1 # \\u001b]0;owned\\u0007',
        '  |                                ^^^^^',
        '  = help: not \\u001b[31mred',
        '',
        'p\\u001b[2J.score: 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
    const message = renderDiagnostic({ ...diagnostic!, message: 'a\u009bb\nc' }, source, { fileName: 'p.score', color: true });
    // The colours are the renderer's own escapes; the message's are shown, its line break kept.
    expect(message).toContain('\u001b[31m');
    expect(message).toContain('a\\u009bb\nc');
  });

  it('widens the gutter for long line numbers', () => {
    const source = `${'\n'.repeat(99)}when @ add 1`;
    const rendered = renderDiagnostic({ code: 'LS1001', severity: 'warning', message: 'm', range: { start: at(100, 6, 104), end: at(100, 7, 105) } }, source, {
      fileName: 'p.score',
    });
    expect(rendered.split('\n')).toEqual(['warning LS1001: m', '   --> p.score:100:6', '    |', '100 | when @ add 1', '    |      ^']);
  });

  it('colours the severity and carets for terminals, and only then', () => {
    const diagnostic = { code: 'LS4004', severity: 'warning' as const, message: 'm', range: { start: at(1, 1, 0), end: at(1, 2, 1) } };
    expect(renderDiagnostic(diagnostic, 'x', { fileName: 'p', color: true })).toContain('\x1b[33m');
    expect(renderDiagnostic(diagnostic, 'x', { fileName: 'p' })).not.toContain('\x1b[');
  });
});

describe('summarizeDiagnostics', () => {
  const one = (severity: 'error' | 'warning') => ({
    code: 'LS0000',
    severity,
    message: '',
    range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
  });

  it('counts errors and warnings, singular and plural', () => {
    expect(summarizeDiagnostics([])).toBe('0 errors, 0 warnings');
    expect(summarizeDiagnostics([one('error'), one('warning')])).toBe('1 error, 1 warning');
    expect(summarizeDiagnostics([one('error'), one('error'), one('warning'), one('warning')])).toBe('2 errors, 2 warnings');
  });
});
