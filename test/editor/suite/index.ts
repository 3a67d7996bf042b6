// Entry point of the extension-host suite in the `@vscode/test-electron` layout: VS Code loads this
// file as `extensionTestsPath` and awaits `run()`. The same file serves code-server here
// (scripts/editor/run-in-code-server.ts) and a downloaded VS Code elsewhere.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { scaled } from '../../../scripts/editor/timeouts';
import { GREP_ENV, LINE_PREFIX, RESULT_ENV, type EditorSuiteResult, type EditorTestOutcome } from './result';

function say(line: string): void {
  console.log(LINE_PREFIX + line);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.message}\n${err.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`;
  return String(err);
}

/** Runs every `*.test.js` beside this file and writes the outcome for the runner; rejects on any failure. */
export async function run(): Promise<void> {
  const started = Date.now();
  const result: EditorSuiteResult = { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [] };
  const resultFile = process.env[RESULT_ENV];
  const finish = (): void => {
    result.durationMs = Date.now() - started;
    if (resultFile) writeFileSync(resultFile, JSON.stringify(result, null, 2));
    say(`suite done: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''}`);
  };
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: scaled(120_000), reporter: 'base' });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  const record = (t: Mocha.Test, state: EditorTestOutcome['state'], err?: unknown): void => {
    const outcome: EditorTestOutcome = { title: t.fullTitle(), state, durationMs: t.duration ?? 0 };
    if (err !== undefined) outcome.error = errorText(err);
    result.tests.push(outcome);
    result[state]++;
    say(`${state === 'passed' ? 'ok  ' : state === 'failed' ? 'FAIL' : 'skip'} ${outcome.title} (${outcome.durationMs} ms)${outcome.error ? `\n${outcome.error}` : ''}`);
  };
  try {
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', (t) => record(t, 'passed'));
      runner.on('fail', (t, err) => record(t as Mocha.Test, 'failed', err));
      runner.on('pending', (t) => record(t, 'pending'));
    });
    finish();
    if (failures > 0) throw new Error(`${failures} editor test(s) failed`);
  } catch (e) {
    if (result.tests.length === 0 && result.failed === 0) {
      result.fatal = errorText(e);
      result.failed = 1;
      finish();
    }
    throw e;
  }
}
