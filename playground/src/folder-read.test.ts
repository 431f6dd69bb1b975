import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { maxFileBytes, readChosenFiles, readZip, textOf } from './folder-read.js';
import { zipFiles } from './folder-write.js';

/** A file as an `<input webkitdirectory>` gives it: its path under the chosen folder. */
function chosen(relativePath: string, content: string | Uint8Array): File {
  const file = new File([content as BlobPart], relativePath.slice(relativePath.lastIndexOf('/') + 1));
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

describe('reading a policy folder', () => {
  test('from a folder input: paths under the folder, its name; hidden folders, node_modules and binary files left out', async () => {
    const read = await readChosenFiles([
      chosen('policies/b2b.score', '\ufeffpolicy "x"\n'),
      chosen('policies/lists/a.txt', 'a\n'),
      chosen('policies/.git/HEAD', 'ref: x'),
      chosen('policies/node_modules/x/y.score', ''),
      chosen('policies/logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe])),
    ]);
    expect(read).toEqual({
      name: 'policies',
      files: [
        { path: 'b2b.score', text: 'policy "x"\n' },
        { path: 'lists/a.txt', text: 'a\n' },
      ],
      skipped: ['logo.png (not text)'],
    });
  });

  test('loose files keep their names; a file too large is skipped and said', async () => {
    const read = await readChosenFiles([new File(['p'], 'p.score'), new File(['x'.repeat(maxFileBytes + 1)], 'big.txt')]);
    expect(read).toEqual({ name: '2 files', files: [{ path: 'p.score', text: 'p' }], skipped: ['big.txt (larger than 2 MB)'] });
  });

  test('a zip with one top folder (as GitHub makes them) opens as that folder', async () => {
    const zip = zipSync({ 'policies-main/b2b.score': strToU8('policy "x"\n'), 'policies-main/lists/a.txt': strToU8('a\n'), '__MACOSX/policies-main/._b2b.score': strToU8('junk') });
    expect(readZip('policies-main.zip', zip)).toEqual({
      name: 'policies-main',
      files: [
        { path: 'b2b.score', text: 'policy "x"\n' },
        { path: 'lists/a.txt', text: 'a\n' },
      ],
      skipped: [],
    });
    const loose = await readChosenFiles([new File([zipSync({ 'a.score': strToU8('a'), 'lists/b.txt': strToU8('b') }) as BlobPart], 'mine.zip')]);
    expect(loose.name).toBe('mine');
    expect(loose.files.map((file) => file.path)).toEqual(['a.score', 'lists/b.txt']);
  });

  test('changed files zip with their paths, and read back the same', () => {
    const files = [
      { path: 'b2b.score', text: 'policy "Ünïcode"\n' },
      { path: 'lists/a.txt', text: 'a\n' },
    ];
    const entries = unzipSync(zipFiles(files));
    expect(Object.keys(entries)).toEqual(['b2b.score', 'lists/a.txt']);
    expect(textOf(entries['b2b.score']!)).toBe('policy "Ünïcode"\n');
  });
});
