// The events webview in a real browser: headless Chromium loads the real page (eventsHtml, its CSP,
// dist/webview.js) and gets the hostile corpus as rows, the way the host posts them. A canary that
// any injected script would set must stay unset, no CSP violation may occur, and every payload
// must be on screen as the literal text it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { CHROMIUM, launchChromium } from '../../../scripts/editor/browser';
import { eventsHtml, makeNonce } from '../../../src/extension/panels/eventsHtml';
import { rowsFor } from '../../../src/extension/model/eventRows';
import { ProductIndex, DEFAULT_TAG_KEYS } from '../../../src/core/attribute/productIndex';
import { runCheck } from '../../../src/core/check/check';
import { readEvents } from '../../../src/core/ingest/readEvents';
import { loadInventory } from '../../../src/core/inventory/loadInventory';
import type { ResolvedEvent } from '../../../src/core/model';
import { ALL_PAYLOADS, PAYLOADS, RAW_CONTROL, RAW_INVISIBLE, writeHostileFiles } from '../../fixtures/hostile/hostileRecords';
import { visibleText } from '../../../src/shared/visibleText';

const ROOT = resolve(__dirname, '../../..');

// Page-side probes, plain JavaScript (this file is type-checked without the DOM library).
const PROBES = `
window.__posted = [];
window.__canary = [];
window.__csp = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m) });
Object.defineProperty(window, '__tagtrailCanary', { set: (v) => window.__canary.push(String(v)), get: () => undefined });
window.alert = (m) => window.__canary.push('alert ' + m);
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
window.__probe = {
  ready: () => window.__posted.some((m) => m.type === 'ready'),
  // Scrolls the virtualised table from top to bottom, collecting every row's text and any element
  // or attribute that record text could only have produced by being parsed as HTML.
  async sweep() {
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const s = document.getElementById('scroller');
    const texts = new Map();
    const injected = [];
    for (let top = 0; top <= s.scrollHeight; top += Math.max(100, s.clientHeight / 2)) {
      s.scrollTop = top;
      await frames();
      for (const r of document.querySelectorAll('.row')) texts.set(r.dataset.eventId, r.textContent);
    }
    for (const el of document.querySelectorAll('*')) {
      if (['IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'A'].includes(el.tagName.toUpperCase())) injected.push(el.outerHTML.slice(0, 120));
      for (const a of el.attributes) if (a.name.startsWith('on')) injected.push(el.tagName + ' ' + a.name);
    }
    return { texts: [...texts.values()], injected, scripts: document.scripts.length };
  },
  async openFirst() {
    document.querySelector('.row').click();
    await new Promise((r) => setTimeout(r, 100));
    return window.__posted.filter((m) => m.type === 'requestRecord').map((m) => m.id);
  },
  detail: () => (document.querySelector('.detail pre') || {}).textContent,
  state: () => ({ canary: window.__canary, csp: window.__csp, subject: document.getElementById('subject').textContent }),
};`;

interface Probe {
  __probe: {
    ready(): boolean;
    sweep(): Promise<{ texts: string[]; injected: string[]; scripts: number }>;
    openFirst(): Promise<string[]>;
    detail(): string | undefined;
    state(): { canary: string[]; csp: string[]; subject: string };
  };
}

async function hostileRows() {
  const files = writeHostileFiles();
  const inv = await loadInventory([files.inventory]);
  const products = new ProductIndex(inv, undefined, DEFAULT_TAG_KEYS);
  const events: ResolvedEvent[] = [];
  await runCheck(readEvents([files.jsonl]), { products, onEvent: (e) => events.push(e) });
  return { ...rowsFor(events, products), events };
}

test('events webview in headless Chromium: hostile rows run no script, break no CSP, show as text', async (t) => {
  if (!existsSync(CHROMIUM) || !existsSync(join(ROOT, 'dist/webview.js'))) {
    t.skip(`needs ${CHROMIUM} (scripts/editor/install-code-server.sh) and dist/webview.js (npm run build)`);
    return;
  }
  const { rows, events } = await hostileRows();
  const nonce = makeNonce();
  const server = createServer((req, res) => {
    const files: Record<string, [string, string]> = {
      '/dist/webview.js': [join(ROOT, 'dist/webview.js'), 'text/javascript'],
      '/media/events.css': [join(ROOT, 'media/events.css'), 'text/css'],
    };
    const f = files[req.url ?? ''];
    if (f) {
      res.writeHead(200, { 'content-type': f[1] });
      res.end(readFileSync(f[0]));
      return;
    }
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(eventsHtml(origin, nonce, `${origin}/dist/webview.js`, `${origin}/media/events.css`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(PROBES);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (globalThis as unknown as Probe).__probe.ready(), undefined, { timeout: 30_000 });
    await page.evaluate((msg) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(msg, '*'), { type: 'showEvents', subject: ALL_PAYLOADS, subjectKind: 'principal', rows, partial: false });
    await page.waitForSelector('.row');
    const swept = await page.evaluate(() => (globalThis as unknown as Probe).__probe.sweep());
    // The detail pane: the host sends the record as pretty-printed JSON.
    const [id] = await page.evaluate(() => (globalThis as unknown as Probe).__probe.openFirst());
    assert.ok(id !== undefined, 'clicking a row asks the host for its record');
    const record = events.find((e) => String(e.record.eventID) === id) ?? events[0]!;
    await page.evaluate((msg) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(msg, '*'), { type: 'record', id, json: JSON.stringify(record.record, null, 2) });
    await page.waitForSelector('.detail pre');
    // Give a planted onerror (image load failure) or timer time to fire.
    await page.waitForTimeout(500);
    const state = await page.evaluate(() => (globalThis as unknown as Probe).__probe.state());
    const detail = await page.evaluate(() => (globalThis as unknown as Probe).__probe.detail());

    assert.deepEqual(state.canary, [], 'no injected script ran');
    assert.deepEqual(state.csp, [], 'no CSP violation: nothing injected even tried to load');
    assert.deepEqual(errors, [], 'no page error');
    assert.deepEqual(swept.injected, [], 'no element or handler from record text');
    assert.equal(swept.scripts, 1, 'only the page\'s own script');
    assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], 'no request left the page origin');
    assert.equal(state.subject, visibleText(ALL_PAYLOADS), 'the heading shows the hostile subject as text, hidden characters marked');
    assert.equal(swept.texts.length, rows.length, `every row drawn once while scrolling (${swept.texts.length} of ${rows.length})`);
    const onScreen = swept.texts.join('\n');
    for (const p of PAYLOADS.filter((x) => /^(html|script|svg|md-)/.test(x.name))) {
      assert.ok(onScreen.includes(p.text.trim().slice(0, 24)), `${p.name} shown as text`);
    }
    assert.ok(detail?.includes('"eventID"'), 'the record JSON is shown as text');
    // Text, but not text that reads differently than it is: bidi overrides and invisible characters show as marks.
    for (const [what, text] of [['rows', onScreen], ['heading', state.subject], ['detail', detail ?? '']] as const) {
      assert.doesNotMatch(text, RAW_INVISIBLE, `${what}: a bidi or invisible character is shown raw`);
      assert.doesNotMatch(text, RAW_CONTROL, `${what}: a control character is shown raw`);
    }
    assert.ok(onScreen.includes('[U+202E]'), 'a bidi override is shown as a visible mark');
    // Control: the same payload parsed as HTML (what an innerHTML would do) is caught by these probes.
    await page.evaluate((html) => (globalThis as unknown as { document: { body: { insertAdjacentHTML(w: string, h: string): void } } }).document.body.insertAdjacentHTML('beforeend', html), PAYLOADS[0]!.text);
    await page.waitForTimeout(300);
    const control = await page.evaluate(() => (globalThis as unknown as Probe).__probe.state());
    assert.ok(control.csp.length > 0, 'markup parsed as HTML would show as a CSP violation');
    console.log(`# webview: ${rows.length} hostile rows, ${swept.texts.length} drawn, ${state.canary.length} canary hits, ${state.csp.length} CSP violations`);
  } finally {
    await browser.close();
    server.close();
  }
});
