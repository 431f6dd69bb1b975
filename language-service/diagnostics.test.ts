import { describe, expect, test } from 'vitest';
import { LanguageService, type LanguageServiceHost } from './index.js';

/** Files in memory; `resolve` joins a path to the importing file's folder, as on disk. */
function memoryHost(files: Record<string, string>): LanguageServiceHost {
  return {
    resolve: (from, specifier) => {
      const parts = [...from.split('/').slice(0, -1), ...specifier.split('/')];
      const path: string[] = [];
      for (const part of parts) {
        if (part === '..') path.pop();
        else if (part !== '.') path.push(part);
      }
      return path.join('/');
    },
    readFile: (path) => files[path],
  };
}

describe('diagnostics', () => {
  test('code, severity, the range as the LSP counts, and the help in the message', () => {
    expect(new LanguageService().diagnostics('policy.score', 'when titel = "CTO" add 5\n')).toEqual([
      {
        range: { start: { line: 0, character: 5 }, end: { line: 0, character: 10 } },
        severity: 'error',
        code: 'LS2001',
        message: 'unknown name `titel`: no field is called that\ndid you mean `title`?',
      },
    ]);
  });

  test('an unused declaration is a warning marked unnecessary, so editors fade it', () => {
    const [unused] = new LanguageService().diagnostics('policy.score', 'list unused = ["a"]\nwhen title = "CTO" add 5\n');
    expect(unused).toMatchObject({ code: 'LS5004', severity: 'warning', unnecessary: true });
  });

  test('an empty range is widened to one character, so it can be seen', () => {
    const diagnostics = new LanguageService().diagnostics('policy.score', 'when title = "CTO" add\n');
    expect(diagnostics[0]?.range.end.character).toBeGreaterThan(diagnostics[0]!.range.start.character);
  });

  test('without a host an import is an error, as the compiler reports it', () => {
    expect(new LanguageService().diagnostics('policy.score', 'import "shared.score"\n').map((d) => d.code)).toEqual(['LS2030']);
  });
});

describe('diagnostics of policies in several files', () => {
  test('a problem in an imported file is shown at the import that brings it in, with where it is', () => {
    const files = { 'policies/shared/fit.score': 'fit:\n  when titel = "CTO" add 5\n' };
    const service = new LanguageService(memoryHost(files));
    const diagnostics = service.diagnostics('policies/main.score', '# main\nimport "shared/fit.score"\n');
    expect(diagnostics).toEqual([
      {
        range: { start: { line: 1, character: 7 }, end: { line: 1, character: 25 } },
        severity: 'error',
        code: 'LS2001',
        message: 'shared/fit.score:2:8: unknown name `titel`: no field is called that\ndid you mean `title`?',
        related: [
          {
            location: { file: 'policies/shared/fit.score', range: { start: { line: 1, character: 7 }, end: { line: 1, character: 12 } } },
            message: 'unknown name `titel`: no field is called that',
          },
        ],
      },
    ]);
  });

  test('through two imports: at the first, naming the way there', () => {
    const files = { 'a.score': 'import "lib/b.score"\n', 'lib/b.score': 'when x = 1 add 1\n' };
    const [diagnostic] = new LanguageService(memoryHost(files)).diagnostics('main.score', 'import "a.score"\n');
    expect(diagnostic?.range.start).toEqual({ line: 0, character: 7 });
    expect(diagnostic?.message).toMatch(/^a\.score → lib\/b\.score:1:6: unknown name `x`/);
    expect(diagnostic?.related?.[0]?.location.file).toBe('lib/b.score');
  });

  test('checked again when an imported file changes, and the files read are its dependencies', () => {
    const files: Record<string, string> = { 'lists.txt': 'DE\n', 'shared.score': 'list dach from "lists.txt"\n' };
    const service = new LanguageService(memoryHost(files));
    const main = 'import "shared.score"\nwhen country in dach add 5\n';
    expect(service.diagnostics('main.score', main)).toEqual([]);
    expect(service.dependencies('main.score').sort()).toEqual(['lists.txt', 'shared.score']);
    files['shared.score'] = 'list dach from "lists.txt"\nwhen employees > "x" add 1\n';
    expect(service.diagnostics('main.score', main).map((d) => d.code)).toEqual(['LS3002']);
    delete files['lists.txt'];
    expect(service.diagnostics('main.score', main).map((d) => d.code)).toEqual(['LS2031', 'LS3002']);
  });
});
