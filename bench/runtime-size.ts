/**
 * How much the runtime adds to a web page: runtime/index.ts bundled for browsers
 * (ESM, minified) with Vite's bundler, then gzipped at level 9. Run alone,
 * `npx tsx bench/runtime-size.ts` prints the sizes and what the bundle holds.
 */
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const root = join(import.meta.dirname, '..');

export interface RuntimeSize {
  /** Bytes of the minified bundle. */
  minified: number;
  /** Bytes of the minified bundle, gzipped at level 9. */
  gzipped: number;
  /** What the bundle is made of, largest first: paths from the repository root, with their size before minifying. */
  modules: Array<{ path: string; bytes: number }>;
  /** Modules the bundle still imports (none: it is self-contained). */
  imports: string[];
  /** The minified code itself. */
  code: string;
}

export async function runtimeSize(entry = join(root, 'runtime', 'index.ts')): Promise<RuntimeSize> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: 'runtime' },
      // Vite leaves whitespace in ES libraries for the app's bundler to remove; measure what the app ships.
      rolldownOptions: { output: { minify: true } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`the runtime bundled into ${chunks.length} chunks, expected one`);
  const chunk = chunks[0]!;
  return {
    minified: Buffer.byteLength(chunk.code),
    gzipped: gzipSync(chunk.code, { level: 9 }).length,
    modules: Object.entries(chunk.modules)
      .map(([id, info]) => ({ path: id.startsWith(root) ? relative(root, id) : id, bytes: info.renderedLength }))
      .sort((a, b) => b.bytes - a.bytes),
    imports: [...chunk.imports, ...chunk.dynamicImports],
    code: chunk.code,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const size = await runtimeSize();
  const bytes = (n: number) => n.toLocaleString('en-US');
  console.log(`runtime/index.ts for browsers (ESM, minified): ${bytes(size.minified)} bytes, ${bytes(size.gzipped)} bytes gzipped`);
  console.log('modules (bytes before minifying):');
  for (const module of size.modules) console.log(`  ${bytes(module.bytes).padStart(8)}  ${module.path}`);
}
