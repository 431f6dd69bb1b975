import { beforeAll, describe, expect, it } from 'vitest';
import { runtimeSize, type RuntimeSize } from './runtime-size.js';

describe('the runtime bundled for browsers', () => {
  let size: RuntimeSize;
  beforeAll(async () => {
    size = await runtimeSize();
  }, 120_000);

  it('holds the runtime alone: no compiler, language, chevrotain or schema compiler', () => {
    const paths = size.modules.map((module) => module.path);
    expect(paths).toContain('runtime/index.ts');
    expect(paths).toContain('runtime/ir-validator.generated.ts');
    expect(paths.filter((path) => !/^runtime\/[\w.-]+\.ts$/.test(path))).toEqual([]);
    expect(size.code).not.toMatch(/chevrotain|ajv/i);
  });

  it('needs nothing from Node and imports nothing', () => {
    expect(size.imports).toEqual([]);
    expect(size.modules.filter((module) => module.path.includes('node:') || module.path.includes('browser-external'))).toEqual([]);
    expect(size.code).not.toMatch(/["'`]node:|\brequire\(/);
  });

  // 30 KB: the generated rule-graph validator is most of it, the country table (names and codes of
  // every country, from maintained libraries) about 4 KB.
  it('stays under 30 KB gzipped', () => {
    expect(size.gzipped).toBeGreaterThan(1000);
    expect(size.gzipped).toBeLessThan(30_720);
  });
});
