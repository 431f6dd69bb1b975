/** Messages between the page and the services worker, which runs language-service/ off the main thread. */
import type { CodeAction, Completions, FormatAnswer, Hover, Location, Position, PrepareRenameAnswer, Range, RenameAnswer } from '../../language-service/index.js';

/** What the editor asks, about its text at the time. */
export type ServiceQuestion =
  /** `afterSpace`: asked because a space was typed; the worker then answers only where the next word is clear. */
  | { method: 'complete'; position: Position; afterSpace: boolean }
  | { method: 'hover' | 'definition' | 'prepareRename'; position: Position }
  | { method: 'rename'; position: Position; newName: string }
  | { method: 'codeActions'; range: Range }
  | { method: 'format' };

/** Each request carries the editor's text: the worker keeps no document of its own beyond the service's cache. */
export type ServiceRequest = ServiceQuestion & { id: number; text: string };

export type ServiceMethod = ServiceRequest['method'];

/** What each method answers; undefined when the service failed (the editor then offers nothing). */
export interface ServiceAnswers {
  complete: Completions;
  hover: Hover | undefined;
  definition: Location | undefined;
  prepareRename: PrepareRenameAnswer;
  rename: RenameAnswer;
  codeActions: CodeAction[];
  format: FormatAnswer;
}

export interface ServiceResponse {
  id: number;
  result: ServiceAnswers[ServiceMethod] | undefined;
}

/** The playground's one document, as the service names it. */
export const policyFile = 'policy.score';
