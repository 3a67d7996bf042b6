// The file the suite writes when it ends, and the runner reads: the one channel from the extension
// host back to the process that started the editor (console forwarding is best-effort).

/** One test's outcome. */
export interface EditorTestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

/** What the suite reports when it ends. */
export interface EditorSuiteResult {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: EditorTestOutcome[];
  /** Set when the suite could not run at all (e.g. a test file threw while loading). */
  fatal?: string;
}

/** Environment variable naming the result file; the runner sets it on code-server, whose extension host inherits it. */
export const RESULT_ENV = 'TAGTRAIL_EDITOR_RESULT';
/** Environment variable holding a mocha grep pattern, to run a subset. */
export const GREP_ENV = 'TAGTRAIL_EDITOR_GREP';
/** Prefix of the lines the suite prints, so that the runner can pick them out of the browser console. */
export const LINE_PREFIX = '[tagtrail-editor] ';
