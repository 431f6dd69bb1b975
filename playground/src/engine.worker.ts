/** The engine worker: compiles and scores off the main thread, so typing never waits for it. */
import { EngineSession } from './engine.js';
import type { RunRequest } from './protocol.js';

const session = new EngineSession();

self.onmessage = (event: MessageEvent<RunRequest>) => {
  self.postMessage(session.handle(event.data));
};
