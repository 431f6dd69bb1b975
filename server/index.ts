/**
 * server/: `leadscore serve`, the HTTP service. Scores leads on request, keeps each lead's
 * state for incremental scoring (events one at a time, decisions that change reported),
 * reloads the policy when its files change, and keeps the states in a file across restarts.
 */
export { startServer, type RunningServer, type ServeOptions } from './server.js';
