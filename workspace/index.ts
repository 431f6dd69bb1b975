/**
 * workspace/: policies on disk, for the tools (CLI, server, bench). Reading a policy file and
 * the files it imports, loading a compiled rule graph, finding policies and tests in folders,
 * and the errors a user can fix (CliError) with the I/O every command writes to.
 */
export { CliError, fileProblem, write, type CliIo, type Output } from './io.js';
export { compileFile, dateFormatOption, fileHost, loadPolicyFile, numberFormatOption, readText, reportDiagnostics, type CompiledPolicy, type PolicyFileOptions } from './load.js';
export { filesUnder, isPolicyFile, isTestFile, policyFiles, testFileSuffix } from './files.js';
export { filesRoot, maxPolicyFileBytes, readPolicyFile } from './file-access.js';
