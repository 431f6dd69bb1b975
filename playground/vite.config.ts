import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** The playground: a static site; `base: './'` lets it work from any folder of any file server. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // Workers are ES modules, so they can share chunks with the page.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    // Monaco in a chunk of its own, so the size of the playground's own code is plain to see.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'monaco', test: /node_modules[\\/]monaco-editor/ }] } } },
  },
  // The playground imports the project's language/, compiler/ and runtime/ directly.
  server: { fs: { allow: [repositoryRoot] } },
});
