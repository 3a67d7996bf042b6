// The hostile corpus (test/fixtures/hostile) in the events webview of a real code-server: offline
// settings point at the hostile files, the Activity panel of the attacking role opens, and inside
// the webview's nested frame every row must show its payload as literal text, no element may have
// been made from record text, the canary the payloads set must stay unset in every frame, and any
// CSP violation must be one that blocked injected content. test/unit/trust/webviewBrowser.test.ts
// proves the same on the bare page; this proves it through the editor's own webview frames.
//
// Usage: tsx test/editor/e2e/hostileWebview.ts [--extension <dir>] [--keep] [--editor oldest|newest]
// (--extension: a copy of the extension to load instead of this checkout, e.g. a deliberately broken one)
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { launchChromium, plainConsoleText } from '../../../scripts/editor/browser';
import { editor, startCodeServer, type CodeServer } from '../../../scripts/editor/codeServer';
import { scaled, timeoutScale } from '../../../scripts/editor/timeouts';
import { ALPHA_ROLE, PAYLOADS, hostileCases, writeHostileFiles } from '../../fixtures/hostile/hostileRecords';
import { Steps } from './steps';
import { openContainer, waitForWorkbench, webviewFrame } from './workbench';

const repo = resolve(__dirname, '..', '..', '..');
const { values: args } = parseArgs({ options: { extension: { type: 'string', default: repo }, keep: { type: 'boolean', default: false }, editor: { type: 'string' } } });

interface Violation { directive: string; blocked: string; sample: string; href: string }
interface ProbeState { canary: string[]; csp: Violation[]; alive: boolean }

// Runs in every frame before its scripts (plain JavaScript: this file has no DOM types). The canary
// is the global the payloads in payloads.ts assign (window.__tagtrailCanary=N); a setter records
// any assignment. VS Code fills a webview frame with document.open/write, which erases listeners,
// so the probes add the same listener again after write/close (addEventListener ignores duplicates).
const PROBES = `(() => {
  const w = window;
  if (!w.__ttProbe) {
    const p = w.__ttProbe = { canary: [], csp: [] };
    let value;
    try {
      Object.defineProperty(w, '__tagtrailCanary', { configurable: false, get: () => value, set: (v) => { value = v; p.canary.push(String(v)); } });
    } catch (e) { p.canary.push('cannot watch canary: ' + e); }
    w.alert = (m) => p.canary.push('alert ' + m);
    // The webview host writes the content with open/write/close from its parent frame: listen again after each.
    for (const m of ['write', 'close']) {
      const orig = Document.prototype[m];
      Document.prototype[m] = function (...a) { const r = orig.apply(this, a); p.listen(); return r; };
    }
    // Capture on window sees every violation in the frame once (it bubbles from element to window).
    p.listen = () => w.addEventListener('securitypolicyviolation', p.onViolation, true);
    p.onViolation = (e) => p.csp.push({ directive: e.violatedDirective, blocked: String(e.blockedURI), sample: e.sample || '', href: location.href.slice(0, 120) });
  }
  w.__ttProbe.listen();
})();`;

// The probes (again, for listeners erased since) and their findings, plus a canary set before them.
const READ = `(() => { ${PROBES}
  const p = window.__ttProbe;
  const global = window.__tagtrailCanary === undefined ? [] : ['global set: ' + String(window.__tagtrailCanary)];
  return { canary: p.canary.concat(global), csp: p.csp, alive: true };
})()`;

/** Runs the probe script again in every frame (listeners back after document.open) and reads them. */
async function probeAll(page: Page): Promise<{ frame: Frame; state: ProbeState }[]> {
  const out: { frame: Frame; state: ProbeState }[] = [];
  for (const frame of page.frames()) {
    const state = await frame.evaluate(READ).catch(() => ({ canary: [], csp: [], alive: false })) as ProbeState;
    out.push({ frame, state });
  }
  return out;
}

/**
 * A violation attributable to blocked injected content: an inline event handler (the webview's own
 * markup has none, which the sweep checks), an inline script whose sample is payload text, or a load
 * of a URL a payload names (src=x, attacker.example).
 */
function injected(v: Violation): boolean {
  if (v.directive === 'script-src-attr' && v.blocked === 'inline') return true;
  return /__tagtrailCanary|onerror|onload|alert/.test(v.sample) || /attacker\.example|\/x$/.test(v.blocked);
}

/** Counts equal lines, for a short report. */
function tally(lines: string[]): string[] {
  const n = new Map<string, number>();
  for (const l of lines) n.set(l, (n.get(l) ?? 0) + 1);
  return [...n].map(([l, c]) => `${c}x ${l}`);
}

/**
 * The same judgement for Chromium's console report of a violation. VS Code fills the webview frame
 * with document.open/write, which drops listeners set before, so the console is the channel that
 * sees every frame's violations (the in-page events are kept as a second channel).
 */
function injectedMessage(text: string): boolean {
  return /^Executing inline event handler violates/.test(text) || /^Refused to load .*('|")(\S*\/x|\S*attacker\.example\S*)('|")/.test(text);
}

// Scrolls the virtualised table top to bottom inside the webview's frame, collecting row texts and
// anything that only parsing record text as HTML could have made.
const SWEEP = `async () => {
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const s = document.getElementById('scroller');
  const texts = new Map();
  for (let top = 0; top <= s.scrollHeight; top += Math.max(100, s.clientHeight / 2)) {
    s.scrollTop = top;
    await frames();
    for (const r of document.querySelectorAll('[data-event-id]')) texts.set(r.dataset.eventId, r.textContent);
  }
  s.scrollTop = 0;
  const made = [];
  for (const el of document.querySelectorAll('img, svg, iframe, object, embed, a, div[onclick]')) made.push(el.outerHTML.slice(0, 120));
  for (const el of document.querySelectorAll('*')) for (const a of el.attributes) if (a.name.startsWith('on')) made.push(el.tagName + ' ' + a.name);
  const scripts = [...document.scripts].map((x) => ({ src: x.src, nonce: x.nonce !== '', text: (x.textContent || '').slice(0, 4000) }));
  return { texts: [...texts.values()], made, scripts };
}`;

interface Sweep { texts: string[]; made: string[]; scripts: { src: string; nonce: boolean; text: string }[] }

/** Offline settings in the workspace: the extension loads the hostile files when it activates. */
function workspaceWith(dir: string, inventory: string, events: string[]): string {
  const folder = join(dir, 'workspace');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({
    'tagtrail.offline.inventory': inventory, 'tagtrail.offline.events': events, 'tagtrail.mappingFile': '', 'tagtrail.productTagKeys': ['product'],
  }, null, 2));
  return folder;
}

async function showActivity(page: Page, arn: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input.input').first().fill('>TagTrail: Show Activity');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /^TagTrail: Show Activity/ }).first().click();
  const input = page.locator('.quick-input-widget input.input').first();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'TagTrail' }).waitFor();
  await input.fill(arn.split(':').pop() ?? arn);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: arn }).first().waitFor();
  await input.press('Enter');
}

async function main(): Promise<number> {
  const started = Date.now();
  const shots = join(repo, 'test-results', 'editor', 'hostile', args.editor ?? process.env.TAGTRAIL_EDITOR ?? 'oldest');
  mkdirSync(shots, { recursive: true });
  const files = writeHostileFiles();
  const cases = hostileCases();
  console.log(`hostile: ${cases.length} cases (+${files.invalidLines} invalid lines) in ${files.dir}`);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const steps = new Steps(() => page, shots);
  // The checks on the painted panel are independent of one another: each runs even if one failed.
  const checks: Steps[] = [];
  const check = async (name: string, body: () => Promise<void>): Promise<void> => {
    const one = new Steps(() => page, shots);
    checks.push(one);
    if (sweep === undefined) one.outcomes.push({ name, state: 'not run', ms: 0 });
    else await one.run(name, body);
  };
  const consoleCsp: string[] = [];
  let frame: FrameLocator | undefined;
  let sweep: Sweep | undefined;
  try {
    const folder = workspaceWith(files.dir, files.inventory, [files.jsonl]);
    const ed = editor(args.editor);
    server = await startCodeServer({ folder, keep: args.keep, editor: ed.name });
    console.log(`hostile: code-server ${ed.codeServer} (VS Code ${ed.vscode}, Node ${ed.nodeVersion}), time-outs x${timeoutScale()}`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(scaled(60_000));
    await page.addInitScript(PROBES);
    page.on('console', (m) => { const t = plainConsoleText(m.text()); if (/Content Security Policy/i.test(t)) consoleCsp.push(t.slice(0, 300)); });
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    const url = server.workbenchUrl([['extensionDevelopmentPath', remote(resolve(args.extension))]]);
    const p = page;

    await steps.run('the workbench opens on the hostile workspace and TagTrail loads it', async () => {
      await p.goto(url);
      await waitForWorkbench(p);
      await openContainer(p);
      await p.locator('.sidebar .pane .monaco-list-row', { hasText: 'beta' }).first().waitFor();
    });

    await steps.run(`the Activity panel of ${ALPHA_ROLE} paints hostile rows`, async () => {
      await showActivity(p, ALPHA_ROLE);
      frame = await webviewFrame(p, 'Activity: alpha-app');
      await frame.locator('[data-event-id]').first().waitFor();
      sweep = await frame.locator('body').evaluate(`(${SWEEP})()`) as Sweep;
      assert.ok(sweep.texts.length >= PAYLOADS.length, `${sweep.texts.length} rows with data-event-id`);
      console.log(`     ${sweep.texts.length} rows swept in the webview`);
      // Had anything been parsed as HTML, a planted onerror fires when its image fails: wait until
      // every image in the frame has loaded or failed (none, when the rows are text), then a frame.
      await frame.locator('body').evaluate(`Promise.all([...document.images].map((i) => i.complete ? 0
        : new Promise((r) => { i.addEventListener('load', r); i.addEventListener('error', r); })))
        .then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))`);
    });

    await check('payload strings show as literal text', async () => {
      const onScreen = sweep!.texts.join('\n');
      for (const want of ['<img src=x onerror=', '</script><script>window.__tagtrailCanary=2', '<svg/onload=window.__tagtrailCanary=3>', '[click me](javascript:', '<div onclick="x()">']) {
        assert.ok(onScreen.includes(want), `rows show ${JSON.stringify(want)} as text`);
      }
    });

    await check('no element or handler was made from record text; one nonce\'d script', async () => {
      assert.deepEqual(sweep!.made, [], 'elements or on* attributes from payloads');
      // VS Code prepends its own inline script (it defines acquireVsCodeApi) to every webview document.
      const ours = sweep!.scripts.filter((x) => !(x.src === '' && /acquireVsCodeApi/.test(x.text) && !/__tagtrailCanary/.test(x.text)));
      const shown = JSON.stringify(sweep!.scripts.map((x) => ({ ...x, text: x.text.slice(0, 80) })));
      assert.equal(ours.length, 1, `scripts in the webview besides VS Code's: ${shown}`);
      assert.ok(ours[0]!.nonce && /\/dist\/webview\.js$/.test(ours[0]!.src), `the one script is the nonce'd bundle: ${shown}`);
      assert.equal(await frame!.locator('img[src="x"]').count(), 0);
    });

    await check('the canary stays unset in every frame; CSP violations only of blocked injected content', async () => {
      const states = await probeAll(p);
      const probed = states.filter((s) => s.state.alive);
      const webviews = probed.filter((s) => /vscode-cdn|webview|fake\.html|index\.html\?id=/.test(s.frame.url()));
      console.log(`     frames: ${states.length} (${probed.length} probed, ${webviews.length} webview frames)`);
      assert.ok(webviews.length >= 2, `the webview's host and content frames were probed: ${states.map((s) => s.frame.url().slice(0, 80)).join(' | ')}`);
      const hits = probed.flatMap((s) => s.state.canary.map((c) => `${s.frame.url().slice(0, 60)}: ${c}`));
      assert.deepEqual(hits, [], 'canary set');
      const seen = probed.flatMap((s) => s.state.csp);
      for (const l of tally(seen.map((v) => `${injected(v) ? 'blocked injected' : 'OTHER'}: ${v.directive} ${v.blocked} ${JSON.stringify(v.sample)} in ${v.href.replace(/^.*\/webview\/browser\//, '')}`))) console.log(`     CSP event ${l}`);
      for (const l of tally(consoleCsp.map((c) => `${injectedMessage(c) ? 'blocked injected' : 'OTHER'}: ${c.slice(0, 110)}`))) console.log(`     CSP console ${l}`);
      console.log(`     CSP violations: ${seen.length} event(s), ${consoleCsp.length} console message(s)`);
      assert.deepEqual(seen.filter((v) => !injected(v)), [], 'CSP violation events not attributable to blocked injected content');
      assert.deepEqual(consoleCsp.filter((c) => !injectedMessage(c)), [], 'CSP console reports not attributable to blocked injected content');
    });

    // Control, every run: markup parsed as HTML in the same frame (what an innerHTML would do) must
    // show up in these probes, or a clean result above would prove nothing.
    await check('control: a payload parsed as HTML in the webview frame is caught by the probes', async () => {
      const before = (await probeAll(p)).reduce((n, s) => n + s.state.csp.length, 0);
      const images = await frame!.locator('img[src="x"]').count();
      await frame!.locator('body').evaluate((b, html) => (b as unknown as { insertAdjacentHTML(w: string, h: string): void }).insertAdjacentHTML('beforeend', html), PAYLOADS[0]!.text);
      assert.equal(await frame!.locator('img[src="x"]').count(), images + 1, 'the sweep\'s selector sees the injected image');
      // The violation is reported when the image fails and its handler is refused: wait for it.
      const deadline = Date.now() + scaled(30_000);
      let after = (await probeAll(p)).flatMap((s) => s.state.csp);
      while (!(after.length > before && after.slice(before).some(injected)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        after = (await probeAll(p)).flatMap((s) => s.state.csp);
      }
      assert.ok(after.length > before && after.slice(before).some(injected), `a blocked-handler violation is recorded (${after.length - before} new)`);
    });
  } catch (e) {
    steps.outcomes.push({ name: 'setup', state: 'failed', ms: 0, error: e instanceof Error ? e.message : String(e) });
    console.error(`hostile: ${e instanceof Error ? e.message : String(e)}`);
    if (server) console.error(server.logTail());
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (!args.keep) rmSync(files.dir, { recursive: true, force: true });
  }
  const all = [steps, ...checks];
  const passed = all.reduce((n, s) => n + s.count('passed'), 0);
  const failed = all.reduce((n, s) => n + s.count('failed') + s.count('not run'), 0);
  console.log(`hostile: ${((Date.now() - started) / 1000).toFixed(1)}s wall`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

void main().then((code) => process.exit(code));
