import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../runtime/index.js';
import { compile } from './compile.js';
import { listEntries, type CompileHost } from './modules.js';
import { renderDiagnostics } from './render.js';

/** Files in memory; paths resolve like relative file paths. */
function memoryHost(files: Record<string, string>): CompileHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    resolve(from, specifier) {
      const parts = [...from.split('/').slice(0, -1), ...specifier.split('/')];
      const resolved: string[] = [];
      for (const part of parts) {
        if (part === '..') resolved.pop();
        else if (part !== '.' && part !== '') resolved.push(part);
      }
      return resolved.join('/');
    },
    readFile(path) {
      reads.push(path);
      return files[path];
    },
  };
}

const codes = (text: string, files: Record<string, string>, fileName = 'policy.score') =>
  compile(text, { fileName, host: memoryHost(files) }).diagnostics.map((d) => `${d.code} ${d.range.file ?? fileName}:${d.range.start.line}`);

describe('import', () => {
  const files = {
    'shared/lists.score': 'list competitors = ["acme.com"]\nlist titles = ["CTO", "CEO"]\n',
    'shared/engagement.score': 'import "lists.score"\nengagement:\n  when open email add 5 each, at most 15\n',
  };

  it('brings in lists, sections and rules, resolved relative to the importing file', () => {
    const result = compile('import "shared/engagement.score"\nwhen domain in competitors blacklist\nwhen title in titles add 10\n', {
      host: memoryHost(files),
    });
    expect(result.diagnostics).toEqual([]);
    const policy = loadPolicy(result.ir);
    const scored = policy.score({ email: 'a@acme.com', title: 'cto', events: [{ type: 'open', object: 'email', at: '2026-01-01' }] }, { now: '2026-01-02' });
    expect(scored).toMatchObject({ score: 15, dimensions: { engagement: 5 }, blacklisted: true });
    expect(scored.reasons[0]).toMatchObject({ rule: 'when open email add 5 each, at most 15', line: 3, file: 'shared/engagement.score' });
    expect(scored.reasons[1]).not.toHaveProperty('file');
    expect([...result.sources.keys()]).toEqual(['policy.score', 'shared/engagement.score', 'shared/lists.score']);
  });

  it('reads a file imported twice only once', () => {
    const host = memoryHost({ ...files, 'shared/more.score': 'import "lists.score"\n' });
    const result = compile('import "shared/lists.score"\nimport "shared/more.score"\nwhen title in titles add 1\n', { host });
    expect(result.diagnostics).toEqual([]);
    expect(host.reads.filter((path) => path === 'shared/lists.score')).toHaveLength(1);
  });

  it('ignores the `policy` line of an imported file', () => {
    const result = compile('policy "Main"\nimport "other.score"\n', { host: memoryHost({ 'other.score': 'policy "Other"\nwhen unsubscribe subtract 5\n' }) });
    expect(result.diagnostics).toEqual([]);
    expect(result.ir?.policy.name).toBe('Main');
  });

  it('reports problems in an imported file with that file and its positions', () => {
    const result = compile('import "bad.score"\n', { host: memoryHost({ 'bad.score': 'fit:\n  when titel = "CTO" add 5\n  when x = add 1\n' }) });
    expect(result.diagnostics.map((d) => `${d.code} ${d.range.file}:${d.range.start.line}:${d.range.start.column}`)).toEqual(['LS2001 bad.score:2:8', 'LS1004 bad.score:3:12']);
    const rendered = renderDiagnostics(result.diagnostics, result.sources, { fileName: 'policy.score' });
    expect(rendered).toContain(' --> bad.score:2:8\n  |\n2 |   when titel = "CTO" add 5\n  |        ^^^^^');
    expect(rendered.trimEnd().endsWith('policy.score: 2 errors, 0 warnings')).toBe(true);
  });

  it('reports a file that cannot be read at the import (LS2031)', () => {
    expect(codes('import "nowhere.score"\n', {})).toEqual(['LS2031 policy.score:1']);
  });

  it('reports an import cycle at the import that closes it (LS2032)', () => {
    expect(codes('import "a.score"\n', { 'a.score': 'import "b.score"\n', 'b.score': 'import "a.score"\n' })).toEqual(['LS2032 b.score:1']);
    expect(codes('import "policy.score"\n', {})).toEqual(['LS2032 policy.score:1']);
  });

  it('needs a host (LS2030)', () => {
    expect(compile('import "a.score"\nlist x from "x.txt"\n').diagnostics.map((d) => d.code)).toEqual(['LS2030', 'LS2030']);
  });
});

describe('list … from', () => {
  it('reads one entry per line, trimmed, without comments and blank lines', () => {
    const result = compile('list competitors from "lists/competitors.txt"\nwhen domain in competitors blacklist\n', {
      host: memoryHost({ 'lists/competitors.txt': '\ufeff# maintained by sales ops\nacme.com\n\n  Globex.io  # since 2025\r\ninitech.net' }),
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.ir?.lists[0]).toMatchObject({ name: 'competitors', values: ['acme.com', 'globex.io', 'initech.net'] });
  });

  it('resolves the file relative to the file that declares the list', () => {
    const result = compile('import "shared/lists.score"\nwhen domain in competitors blacklist\n', {
      host: memoryHost({ 'shared/lists.score': 'list competitors from "competitors.txt"\n', 'shared/competitors.txt': 'acme.com\n' }),
    });
    expect(result.diagnostics).toEqual([]);
  });

  it('reports a list file that cannot be read (LS2031), and not the uses of the list', () => {
    expect(codes('list competitors from "missing.txt"\nwhen domain in competitors blacklist\n', {})).toEqual(['LS2031 policy.score:1']);
  });

  it('splits list files like the docs say', () => {
    expect(listEntries('a\n  b  \n#c\nd # e\n\n')).toEqual(['a', 'b', 'd']);
  });
});
