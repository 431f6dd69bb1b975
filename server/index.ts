/**
 * server/: `leadscore serve`, the HTTP service. Scores leads on request, keeps each lead's
 * state for incremental scoring (events one at a time, decisions that change reported),
 * reloads the policy when its files change, and keeps the states across restarts and crashes
 * (a snapshot file and a journal of every acknowledged change since).
 */
export { startServer, type RunningServer, type ServeOptions } from './server.js';
export { defaultMaxLeadEvents } from './lead-store.js';
