// End-to-end UI tests: package TagTrail as a .vsix (or take one given), install it into a fresh
// code-server, drive the workbench in headless Chromium, save screenshots to test-results/editor/,
// print `N passed, N failed` and exit non-zero on any failure. Stops everything it started.
//
// Usage: tsx test/editor/e2e/run.ts [--vsix <file>] [--keep] [--editor oldest|newest]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/editor/browser';
import { editor, startCodeServer, type CodeServer } from '../../../scripts/editor/codeServer';
import { scaled, timeoutScale } from '../../../scripts/editor/timeouts';
import { scenario } from './scenario';
import { Steps } from './steps';

const repo = resolve(__dirname, '..', '..', '..');
const { values: args } = parseArgs({ options: { vsix: { type: 'string' }, keep: { type: 'boolean', default: false }, editor: { type: 'string' } } });

/**
 * Packages the current build (dist/) exactly as `npm run package` ships it. Relative links in the
 * README stay relative: the project names no repository URL for vsce to point them at.
 */
function packageVsix(dir: string): string {
  const out = join(dir, 'tagtrail.vsix');
  const r = spawnSync(process.execPath, [join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', out],
    { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}${r.stderr}`);
  return out;
}

async function main(): Promise<number> {
  const started = Date.now();
  // The README's pictures come from the oldest editor's run (npm run screenshots); others keep theirs apart.
  const which = args.editor ?? process.env.TAGTRAIL_EDITOR ?? 'oldest';
  const shots = join(repo, 'test-results', 'editor', ...(which === 'oldest' ? [] : [which]));
  mkdirSync(shots, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'tagtrail-e2e-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const steps = new Steps(() => page, shots);
  try {
    const vsix = args.vsix ? resolve(args.vsix) : packageVsix(scratch);
    console.log(`e2e: packaged in ${((Date.now() - started) / 1000).toFixed(1)}s: ${vsix}`);
    const ed = editor(args.editor);
    server = await startCodeServer({ install: [vsix], keep: args.keep, editor: ed.name });
    console.log(`e2e: code-server ${ed.codeServer} (VS Code ${ed.vscode}, Node ${ed.nodeVersion}), time-outs x${timeoutScale()}`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The bound of any one wait on the page; a whole step has its own (steps.ts).
    page.setDefaultTimeout(scaled(60_000));
    const expected = JSON.parse(readFileSync(join(repo, 'demo', 'expected.json'), 'utf8'));
    await scenario(steps, { page, server, shots, expected });
  } catch (e) {
    // Setup failed (package, editor, browser): that is a failure of the whole run.
    steps.outcomes.push({ name: 'setup', state: 'failed', ms: 0, error: e instanceof Error ? e.message : String(e) });
    console.error(`e2e: ${e instanceof Error ? e.message : String(e)}`);
    if (server) console.error(server.logTail());
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
  const passed = steps.count('passed');
  const failed = steps.count('failed');
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)}s, screenshots in ${shots}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

void main().then((code) => process.exit(code));
