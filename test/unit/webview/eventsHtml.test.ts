import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsHtml, makeNonce } from '../../../src/extension/panels/eventsHtml';

test('the page has a strict CSP and only nonce-carrying scripts', () => {
  const nonce = makeNonce();
  const html = eventsHtml('vscode-resource:', nonce, 'https://x/dist/webview.js', 'https://x/media/events.css');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
  assert.equal(scripts.length, 1);
  assert.ok(scripts.every((s) => s.includes(`nonce="${nonce}"`)));
  for (const id of ['filter', 'violations-only', 'unresolved-only', 'writes-only', 'scroller', 'subject', 'count']) assert.match(html, new RegExp(`id="${id}"`));
});

test('nonces differ per page', () => {
  assert.notEqual(makeNonce(), makeNonce());
  assert.ok(makeNonce().length >= 16);
});

// vscode-checkbox draws a `label` attribute and its slot text side by side until a slotchange
// hides the first, and for markup present before the element upgrades no slotchange comes: the
// label then read "Violations only Violations only", the control was twice as wide, and a click on
// its middle did not toggle it (seen in headless Chromium with both). Slot text only.
test('each toggle has its label once, as slot text, and no label attribute', () => {
  const html = eventsHtml('vscode-resource:', makeNonce(), 'https://x/dist/webview.js', 'https://x/media/events.css');
  const boxes = [...html.matchAll(/<vscode-checkbox([^>]*)>([^<]*)<\/vscode-checkbox>/g)];
  assert.equal(boxes.length, 4); // three filters, and Group only (shown when a group is marked)
  for (const [, attrs, text] of boxes) {
    assert.doesNotMatch(attrs ?? '', /\blabel=/, `no label attribute: ${attrs}`);
    assert.match(text ?? '', /^\S.*\S$/, 'slot text names the toggle');
  }
});
