/**
 * cli/: the `leadscore` command (bin/leadscore.js runs `main`). program.ts lists the commands;
 * each command's module registers its arguments and options and does its work: check, compile,
 * score, explain, diff, fmt, test, serve (the HTTP service itself is in server/).
 */
export { main, run } from './main.js';
