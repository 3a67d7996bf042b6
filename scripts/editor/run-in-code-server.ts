// Runs the extension-host suite inside code-server: starts the editor, opens the workbench in
// headless Chromium with `extensionDevelopmentPath`/`extensionTestsPath` in the URL payload, waits
// for the suite's result file, prints `N passed, N failed` and exits non-zero on any failure,
// time-out or editor that would not start. Everything it starts is stopped before it exits.
//
// Usage: tsx scripts/editor/run-in-code-server.ts [--extension <dir>] [--suite <index.js>]
//          [--folder <dir>] [--timeout <s>] [--grep <pattern>] [--theme <name>] [--keep]
//          [--editor oldest|newest]   (default TAGTRAIL_EDITOR, else oldest; see scripts/editor/editors.json)
//        tsx scripts/editor/run-in-code-server.ts --test-cli   (.vscode-test.mjs through test-cli's own runner)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium, plainConsoleText } from './browser';
import { editor, startCodeServer, type CodeServer } from './codeServer';
import { scaled, timeoutScale } from './timeouts';
import { SpecWatcher, testCliLaunch } from './testCli';
import { GREP_ENV, LINE_PREFIX, RESULT_ENV, type EditorSuiteResult } from '../../test/editor/suite/result';

const repo = resolve(__dirname, '..', '..');
const { values: args } = parseArgs({
  options: {
    extension: { type: 'string', default: repo },
    suite: { type: 'string', default: join(repo, 'out', 'test', 'editor', 'suite', 'index.js') },
    folder: { type: 'string' },
    // The whole suite's bound, times TAGTRAIL_TEST_TIMEOUT_SCALE (each test has its own, scaled alike).
    timeout: { type: 'string', default: '300' },
    grep: { type: 'string' },
    theme: { type: 'string', default: 'Default Light Modern' },
    keep: { type: 'boolean', default: false },
    editor: { type: 'string' },
    'test-cli': { type: 'boolean', default: false },
  },
});

function closing(passed: number, failed: number, code: number): never {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

async function waitForResult(file: string, server: CodeServer, ms: number): Promise<EditorSuiteResult | string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as EditorSuiteResult;
      } catch {
        // written but not complete yet
      }
    }
    if (server.exited()) return 'code-server exited before the suite reported';
    await new Promise((r) => setTimeout(r, 250));
  }
  return `no result within ${ms / 1000}s`;
}

/** The outcome as mocha's spec reporter printed it (test-cli mode). */
interface SpecOutcome {
  kind: 'spec';
  passed: number;
  failed: number;
}

/** Waits for test-cli's runner to finish, reading mocha's spec report from the console. */
async function waitForSpec(watcher: SpecWatcher, server: CodeServer, ms: number): Promise<SpecOutcome | string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (watcher.done()) return { kind: 'spec', passed: watcher.passing ?? 0, failed: watcher.failing };
    if (server.exited()) return 'code-server exited before the suite reported';
    await new Promise((r) => setTimeout(r, 250));
  }
  return `no mocha report within ${ms / 1000}s`;
}

async function main(): Promise<void> {
  const cli = args['test-cli'] ? testCliLaunch(repo) : undefined;
  const extension = resolve(cli?.extensionDevelopmentPath ?? args.extension);
  const suite = resolve(cli?.extensionTestsPath ?? args.suite);
  const folder = args.folder ?? cli?.workspaceFolder;
  if (!existsSync(join(extension, 'package.json'))) throw new Error(`${extension} has no package.json`);
  if (!existsSync(suite)) throw new Error(`${suite} not found; build the suite first (npm run test:editor builds it)`);
  const started = Date.now();
  const resultFile = join(tmpdir(), `tagtrail-editor-result-${process.pid}-${started}.json`);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const stopAll = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    rmSync(resultFile, { force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stopAll().then(() => process.exit(130)));
  try {
    // The extension host inherits code-server's environment: that is how the suite learns where to write.
    const env: Record<string, string> = { [RESULT_ENV]: resultFile, ...cli?.env };
    if (args.grep) env[GREP_ENV] = args.grep;
    const ed = editor(args.editor);
    server = await startCodeServer({ ...(folder ? { folder: resolve(folder) } : {}), theme: args.theme, keep: args.keep, env, editor: ed.name });
    console.log(`editor: code-server ${ed.codeServer} (VS Code ${ed.vscode}, Node ${ed.nodeVersion}) on ${server.origin} (${((Date.now() - started) / 1000).toFixed(1)}s), workspace ${server.folder}, time-outs x${timeoutScale()}${cli ? `, test-cli configuration "${cli.label}"` : ''}`);
    browser = await launchChromium();
    const page = await browser.newPage();
    const spec = new SpecWatcher();
    page.on('console', (m) => {
      const text = plainConsoleText(m.text());
      if (cli) {
        for (const line of text.split('\n')) {
          const shown = spec.feed(line);
          if (shown !== undefined) console.log(shown);
        }
        return;
      }
      if (process.env.TAGTRAIL_EDITOR_CONSOLE) console.log(`console: ${text.slice(0, 500)}`);
      const at = text.indexOf(LINE_PREFIX);
      if (at >= 0) console.log(text.slice(at + LINE_PREFIX.length));
    });
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    await page.goto(server.workbenchUrl([['extensionDevelopmentPath', remote(extension)], ['extensionTestsPath', remote(suite)]]));
    const timeout = scaled(Number(args.timeout) * 1000);
    const result: EditorSuiteResult | SpecOutcome | string =
      cli ? await waitForSpec(spec, server, timeout) : await waitForResult(resultFile, server, timeout);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (typeof result === 'string') {
      console.error(`editor: ${result}\n--- code-server log (tail) ---\n${server.logTail()}`);
      await stopAll();
      closing(0, 1, 1);
    }
    if (!('kind' in result)) {
      if (result.fatal) console.error(`editor: the suite could not run: ${result.fatal}`);
      for (const t of result.tests.filter((x) => x.state === 'failed')) console.error(`FAILED ${t.title}\n${t.error ?? ''}`);
      console.log(`editor: suite took ${(result.durationMs / 1000).toFixed(1)}s, whole run ${seconds}s`);
    } else {
      console.log(`editor: whole run ${seconds}s`);
    }
    await stopAll();
    closing(result.passed, result.failed, result.failed > 0 || result.passed === 0 ? 1 : 0);
  } catch (e) {
    console.error(`editor: ${e instanceof Error ? e.message : String(e)}`);
    await stopAll();
    closing(0, 1, 1);
  }
}

void main();
