#!/usr/bin/env node
// The `leadscore` command. The CLI is compiled TypeScript in dist/, built by `npm install` / `npm ci`.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('leadscore: not built yet; run `npm ci` (or `npm run build`) in the leadscore directory\n');
    process.exit(1);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
