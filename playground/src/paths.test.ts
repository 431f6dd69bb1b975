import { describe, expect, test } from 'vitest';
import { basename, dirname, memoryHost, normalizePath, resolvePath } from './paths.js';

describe('paths in an open folder', () => {
  test('resolve relative to the file that names them, as the CLI does', () => {
    expect(resolvePath('b2b.score', 'lists/competitors.txt')).toBe('lists/competitors.txt');
    expect(resolvePath('shared/fit.score', '../lists/freemail.txt')).toBe('lists/freemail.txt');
    expect(resolvePath('shared/fit.score', './titles.txt')).toBe('shared/titles.txt');
    expect(resolvePath('a/b/c.score', '../../d.score')).toBe('d.score');
  });

  test('a path above the folder or absolute stays outside it', () => {
    expect(resolvePath('b2b.score', '../elsewhere.score')).toBe('../elsewhere.score');
    expect(resolvePath('shared/x.score', '../../up/y.txt')).toBe('../up/y.txt');
    expect(resolvePath('shared/x.score', '/etc/passwd')).toBe('/etc/passwd');
    expect(normalizePath('/../a//b/./c')).toBe('/a/b/c');
  });

  test('dirname and basename', () => {
    expect(dirname('a/b/c.score')).toBe('a/b');
    expect(dirname('c.score')).toBe('');
    expect(basename('a/b/c.score')).toBe('c.score');
  });

  test('the memory host reads only the open files', () => {
    const host = memoryHost(new Map([['lists/a.txt', 'x\n']]));
    expect(host.readFile(host.resolve('p.score', 'lists/a.txt'))).toBe('x\n');
    expect(host.readFile(host.resolve('p.score', 'lists/b.txt'))).toBeUndefined();
  });
});
