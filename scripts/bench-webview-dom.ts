// Measures the real events webview (dist/webview.js under the page's CSP) in headless Chromium at
// 50,000 rows: time to first rows, to apply a toggle and a text filter (typed key by key, as a
// user does, and pasted whole), and to redraw on scroll. Each step's time includes the two frames
// it waits for, so the figures are printed beside the same run's two idle frames (the baseline).
// Prints figures and checks the row attributes tests rely on; asserts no timings.
// Run: npm run build && npx tsx scripts/bench-webview-dom.ts [--screenshot out.png]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchChromium } from './editor/browser';
import { eventsHtml, makeNonce } from '../src/extension/panels/eventsHtml';
import { manyRows } from '../test/unit/webview/rowBuilders';

const root = resolve(__dirname, '..');
const COUNT = Number(process.env.ROWS ?? 50_000);
const shot = process.argv.indexOf('--screenshot');

// Page-side probes, as plain JavaScript: this script is type-checked without the DOM library, and
// tsx would wrap named functions in a helper the page does not have.
const PROBES = `
window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m) });
window.__swapMs = 0;
const swap = Element.prototype.replaceChildren;
Element.prototype.replaceChildren = function (...a) { const t = performance.now(); swap.apply(this, a); window.__swapMs += performance.now() - t; };
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const count = () => document.getElementById('count').textContent;
window.__bench = {
  ready: () => window.__posted.some((m) => m.type === 'ready'),
  async show(rows) {
    const t0 = performance.now();
    window.postMessage({ type: 'showEvents', subject: 'arn:aws:s3:::bench', subjectKind: 'resource', rows, partial: false }, '*');
    while (!document.querySelector('.row')) await new Promise((r) => setTimeout(r, 1));
    const rendered = window.__posted.find((m) => m.type === 'rendered');
    return { wallMs: performance.now() - t0, reportedMs: rendered ? rendered.firstRowsMs : NaN };
  },
  async toggle(id) {
    const t0 = performance.now();
    const box = document.getElementById(id);
    box.checked = !box.checked; // what the checkbox does on a click on its label
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await frames();
    const els = [...document.querySelectorAll('.row')];
    return { ms: performance.now() - t0, count: count(), inDom: els.length,
      allUnresolved: els.every((e) => e.dataset.unresolved !== undefined && /unresolved/i.test(e.getAttribute('aria-label') || '')),
      allHaveIds: els.every((e) => (e.dataset.eventId || '') !== '') };
  },
  async filter(text) {
    const tf = document.getElementById('filter');
    const before = count();
    const t0 = performance.now();
    tf.value = text;
    tf.dispatchEvent(new Event('input'));
    const handlerMs = performance.now() - t0;
    while (count() === before) await new Promise((r) => setTimeout(r, 1));
    await frames();
    return { ms: performance.now() - t0, handlerMs, count: count() };
  },
  async searchReady() {
    const t0 = performance.now();
    while (document.getElementById('scroller').dataset.searchReady === undefined) await new Promise((r) => setTimeout(r, 5));
    return performance.now() - t0;
  },
  async idle() {
    const times = [];
    for (let i = 0; i < 9; i++) { const t0 = performance.now(); await frames(); times.push(performance.now() - t0); }
    times.sort((a, b) => a - b);
    return times[4];
  },
  async type(text) {
    const tf = document.getElementById('filter');
    const times = [];
    for (let i = 1; i <= text.length; i++) {
      const t0 = performance.now();
      tf.value = text.slice(0, i);
      tf.dispatchEvent(new Event('input'));
      await frames();
      times.push(performance.now() - t0);
    }
    const last = count();
    const sorted = [...times].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)], worstMs: sorted[sorted.length - 1], keys: times.length, count: last };
  },
  async scroll() {
    const s = document.getElementById('scroller');
    const b0 = performance.now();
    await frames();
    const idleMs = performance.now() - b0;
    const times = [], swaps = [];
    for (let i = 1; i <= 30; i++) {
      window.__swapMs = 0;
      const t0 = performance.now();
      s.scrollTop = (s.scrollHeight * i) / 31;
      await frames();
      times.push(performance.now() - t0);
      swaps.push(window.__swapMs);
    }
    times.sort((a, b) => a - b); swaps.sort((a, b) => a - b);
    return { medianMs: times[15], worstMs: times[29], swapMs: swaps[15], idleMs, inDom: document.querySelectorAll('.row').length };
  },
};`;

interface Toggle { ms: number; count: string; inDom: number; allUnresolved: boolean; allHaveIds: boolean }
interface Bench {
  __bench: {
    ready(): boolean;
    show(rows: unknown): Promise<{ wallMs: number; reportedMs: number }>;
    toggle(id: string): Promise<Toggle>;
    filter(text: string): Promise<{ ms: number; handlerMs: number; count: string }>;
    idle(): Promise<number>;
    searchReady(): Promise<number>;
    type(text: string): Promise<{ medianMs: number; worstMs: number; keys: number; count: string }>;
    scroll(): Promise<{ medianMs: number; worstMs: number; swapMs: number; idleMs: number; inDom: number }>;
  };
}

async function main(): Promise<void> {
  const nonce = makeNonce();
  const server = createServer((req, res) => {
    const files: Record<string, [string, string]> = {
      '/dist/webview.js': [join(root, 'dist/webview.js'), 'text/javascript'],
      '/media/events.css': [join(root, 'media/events.css'), 'text/css'],
    };
    const f = files[req.url ?? ''];
    if (f) { res.writeHead(200, { 'content-type': f[1] }); res.end(readFileSync(f[0])); return; }
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(eventsHtml(origin, nonce, `${origin}/dist/webview.js`, `${origin}/media/events.css`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.addInitScript(PROBES);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (globalThis as unknown as Bench).__bench.ready(), undefined, { timeout: 30_000 });
    const first = await page.evaluate((rows) => (globalThis as unknown as Bench).__bench.show(rows), manyRows(COUNT));
    // The first keystroke right after the rows arrive, while the rows' search text is still being built in idle slices.
    const early = await page.evaluate(() => (globalThis as unknown as Bench).__bench.filter('role-7'));
    await page.evaluate(() => (globalThis as unknown as Bench).__bench.filter(''));
    const unresolved = await page.evaluate(() => (globalThis as unknown as Bench).__bench.toggle('unresolved-only'));
    await page.evaluate(() => (globalThis as unknown as Bench).__bench.toggle('unresolved-only'));
    const idle = await page.evaluate(() => (globalThis as unknown as Bench).__bench.idle());
    const readyWait = await page.evaluate(() => (globalThis as unknown as Bench).__bench.searchReady());
    const text = await page.evaluate(() => (globalThis as unknown as Bench).__bench.filter('role-42 putobject'));
    const cleared = await page.evaluate(() => (globalThis as unknown as Bench).__bench.filter(''));
    const typed = await page.evaluate(() => (globalThis as unknown as Bench).__bench.type('role-42 putobject'));
    await page.evaluate(() => (globalThis as unknown as Bench).__bench.filter(''));
    const scroll = await page.evaluate(() => (globalThis as unknown as Bench).__bench.scroll());
    if (shot > 0 && process.argv[shot + 1]) await page.screenshot({ path: process.argv[shot + 1] });
    console.log(`bench-webview-dom: ${COUNT} rows in headless Chromium`);
    console.log(`  first rows: ${first.reportedMs.toFixed(0)} ms from message to rows (${first.wallMs.toFixed(0)} ms wall, incl. structured clone)`);
    console.log(`  toggle unresolved-only: ${unresolved.ms.toFixed(0)} ms -> ${unresolved.count}; ${unresolved.inDom} rows in DOM, all data-unresolved + aria-label: ${unresolved.allUnresolved}, all data-event-id: ${unresolved.allHaveIds}`);
    const x = (ms: number): string => `${(ms / idle).toFixed(1)}x`;
    console.log(`  baseline: 2 idle frames ${idle.toFixed(0)} ms (median of 9)`);
    console.log(`  text filter "role-42 putobject" pasted: ${text.ms.toFixed(0)} ms to painted (${x(text.ms)} baseline; ${text.handlerMs.toFixed(0)} ms in the input handler) -> ${text.count}; cleared: ${cleared.ms.toFixed(0)} ms (${x(cleared.ms)}) -> ${cleared.count}`);
    console.log(`  first keystroke right after the rows (search text still building): ${early.ms.toFixed(0)} ms to painted (${x(early.ms)}; ${early.handlerMs.toFixed(0)} ms in the handler) -> ${early.count}; search text ready ${readyWait.toFixed(0)} ms later`);
    console.log(`  text filter typed key by key (${typed.keys} keys): median ${typed.medianMs.toFixed(0)} ms (${x(typed.medianMs)}), worst ${typed.worstMs.toFixed(0)} ms (${x(typed.worstMs)}) -> ${typed.count}`);
    console.log(`  scroll redraw: DOM swap median ${scroll.swapMs.toFixed(1)} ms; with paint median ${scroll.medianMs.toFixed(0)} ms, worst ${scroll.worstMs.toFixed(0)} ms per 2 frames (2 idle frames ${scroll.idleMs.toFixed(0)} ms); ${scroll.inDom} rows in DOM`);
    if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
