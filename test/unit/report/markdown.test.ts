import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { finding, gap, result } from './builders';

// HTML on and linkify on: the strictest reading. Fuzzy links (bare `example.com`) are off because
// GitHub does not link those either, and S3 bucket names are often domain-shaped.
const mdIt = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof mdIt.parse>[number];
mdIt.linkify.set({ fuzzyLink: false });

/** Rows (including the header) and cell counts of the table that follows the heading starting with `heading`. */
function tableAfter(tokens: Token[], heading: string): number[] {
  let i = tokens.findIndex((t, k) => t.type === 'inline' && tokens[k - 1]?.type === 'heading_open' && t.content.startsWith(heading));
  assert.ok(i >= 0, `heading ${heading} not found`);
  while (i < tokens.length && tokens[i]?.type !== 'table_open') i++;
  const rows: number[] = [];
  for (; i < tokens.length && tokens[i]?.type !== 'table_close'; i++) {
    if (tokens[i]?.type === 'tr_open') rows.push(0);
    if (tokens[i]?.type === 'th_open' || tokens[i]?.type === 'td_open') rows[rows.length - 1]! += 1;
  }
  return rows;
}

function forbidden(tokens: Token[]): string[] {
  const bad: string[] = [];
  const walk = (ts: Token[]): void => {
    for (const t of ts) {
      if (['link_open', 'image', 'html_inline', 'html_block'].includes(t.type)) bad.push(`${t.type}: ${t.content || t.attrGet('href')}`);
      if (t.children) walk(t.children);
    }
  };
  walk(tokens);
  return bad;
}

test('report has scope, summary, findings, gaps by kind, read errors and method', () => {
  const r = result([finding(), finding({ severity: 'denied', errorCode: 'AccessDenied', eventID: 'e-3' })], [gap(), gap({ kind: 'unowned-resource', resourceArn: 'arn:aws:s3:::x' })]);
  r.readErrors.push({ source: 'bad.jsonl', position: 3, message: 'not JSON' });
  const out = renderMarkdown(r);
  for (const h of ['## Scope', '## Summary', '## Findings (2)', '## Coverage gaps (2)', '## Read errors (1)', '## Method and limits']) assert.ok(out.includes(h), h);
  assert.match(out, /\| unowned-resource \| 1 \|/);
  assert.ok(out.includes('denied \\(AccessDenied\\)'));
  assert.match(out, /\| alpha \| beta \| 0 \| 2 \| 0 \| 2 \|/);
  const tokens = mdIt.parse(out, {});
  assert.deepEqual(tableAfter(tokens, 'Findings'), [11, 11, 11]);
  assert.deepEqual(forbidden(tokens), []);
});

test('management-events-only input is called out in the scope', () => {
  const r = result();
  r.scope.managementEventsOnly = true;
  r.stats.lookupEvents = r.stats.recordsInScope;
  assert.match(renderMarkdown(r), /Warning: management events only.*LookupEvents/);
  r.scope.managementEventsOnly = false;
  assert.doesNotMatch(renderMarkdown(r), /Warning: management events only/);
});

test('long lists are cut with a pointer to the JSON output', () => {
  const many = Array.from({ length: 5 }, (_, i) => finding({ eventID: `e${i}` }));
  const out = renderMarkdown(result(many, []), { maxFindings: 2 });
  assert.match(out, /3 more findings not shown here/);
  assert.deepEqual(tableAfter(mdIt.parse(out, {}), 'Findings'), [11, 11, 11]);
});

const hostile = fc.array(fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('|', '\\|', '\n', '\r\n', '<b>', '<!--', '-->', '![i](http://x/y.png)', '[l](javascript:alert(1))', 'https://evil.example', 'www.evil.example',
    '<https://x.example>', '`', '``', '&lt;', '&#x7c;', '\u202E', '\u2066', '\u200B', '\u001b[31m', '\\', '*', '_', '#', '> ', '---', '| --- |', '\u0000', '\uD800', 'javascript:', 'mailto:a@b'),
), { maxLength: 8 }).map((parts) => parts.join(''));

test('property: hostile strings keep the findings table shape and make no link, image or HTML', () => {
  fc.assert(fc.property(fc.array(fc.record({ a: hostile, b: hostile, c: hostile, d: hostile, e: hostile }), { minLength: 1, maxLength: 4 }), hostile, (rows, extra) => {
    const findings = rows.map((h) => finding({ eventID: h.a, eventTime: h.b, eventName: h.c, principal: { arn: h.d, type: 'iam-role', product: h.e, displayName: h.a }, resource: { arn: h.e, product: h.b, via: 'template' }, errorCode: h.c, awsRegion: h.d }));
    const r = result(findings, [gap({ reason: extra, principalArn: extra, resourceArn: extra, eventName: extra })], {
      pairs: [{ principalProduct: extra, resourceProduct: extra, counts: { read: 1, write: 0, denied: 0 } }],
      readErrors: [{ source: extra, position: 1, message: extra }],
    });
    r.scope = { eventSources: [extra], inventorySources: [extra], productTagKeys: [extra], regions: [extra], product: extra };
    const tokens = mdIt.parse(renderMarkdown(r), {});
    assert.deepEqual(tableAfter(tokens, 'Findings'), Array(rows.length + 1).fill(11));
    assert.deepEqual(tableAfter(tokens, 'Summary'), [6, 6]);
    assert.deepEqual(forbidden(tokens), []);
  }), { numRuns: 300 });
});

test('property: renderMarkdown never throws when record-derived fields hold arbitrary JSON', () => {
  fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (a, b, c) => {
    const r = result([finding({ eventName: a as string, eventTime: b as string, principal: { arn: c as string, type: 'iam-role', product: a as string, displayName: b as string }, resource: { arn: b as string, product: c as string, via: 'resources' } })], [gap({ reason: c as string, principalArn: a as string })]);
    r.readErrors.push({ source: a as string, message: b as string });
    assert.equal(typeof renderMarkdown(r), 'string');
  }), { numRuns: 300 });
});
