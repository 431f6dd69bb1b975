/**
 * `npm start`: the playground's dev server. It always prints the address, and opens a browser
 * only where one can be shown (see open-browser.ts); elsewhere it says why it did not.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { browserDecision } from './open-browser.js';

const server = await createServer({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) });
await server.listen();
server.printUrls();
const decision = browserDecision(process.env, process.platform);
if (decision.open) server.openBrowser();
else server.config.logger.info(`  ➜  No browser opened: ${decision.why}. Open the address above in one.`);
server.bindCLIShortcuts({ print: true });
