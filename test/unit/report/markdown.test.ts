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

/** TagTrail's own links: the CloudTrail console page of an event, for ids and regions of AWS's shape. */
const CONSOLE_LINK = /^https:\/\/([a-z]{2}-[a-z]+-\d{1,2})\.console\.aws\.amazon\.com\/cloudtrailv2\/home\?region=\1#\/events\/[A-Za-z0-9][A-Za-z0-9-]*$/;

function forbidden(tokens: Token[]): string[] {
  const bad: string[] = [];
  const walk = (ts: Token[]): void => {
    for (const t of ts) {
      if (t.type === 'link_open' && CONSOLE_LINK.test(String(t.attrGet('href') ?? ''))) continue;
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
  assert.ok(out.includes('| denied 1, read 1 (AccessDenied) |'), 'one group, both severities counted');
  assert.match(out, /\| alpha \| beta \| 0 \| 2 \| 0 \| 2 \|/);
  const tokens = mdIt.parse(out, {});
  assert.deepEqual(tableAfter(tokens, 'Findings'), [7, 7]);
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

test('every group is listed by default; --limit cuts and says how to see the rest', () => {
  const many = Array.from({ length: 5 }, (_, i) => finding({ eventID: `e${i}`, eventName: `Action${i}` }));
  assert.deepEqual(tableAfter(mdIt.parse(renderMarkdown(result(many, [])), {}), 'Findings'), Array(6).fill(7));
  const out = renderMarkdown(result(many, []), { limit: 2 });
  assert.match(out, /3 more finding groups not shown here \(`--limit 2`\); without `--limit` all are listed/);
  assert.deepEqual(tableAfter(mdIt.parse(out, {}), 'Findings'), [7, 7, 7]);
});

test('repeated calls are one row with a count and a few linked event ids; unsafe ids are not linked', () => {
  const same = Array.from({ length: 6 }, (_, i) => finding({ eventID: `0000000${i}-aaaa-bbbb-cccc-dddddddddddd`, eventName: 'PutItem', severity: 'write' }));
  const out = renderMarkdown(result([...same, finding({ eventID: 'x](javascript:alert(1))', eventName: 'Other' })], []));
  assert.deepEqual(tableAfter(mdIt.parse(out, {}), 'Findings'), [7, 7, 7]);
  assert.match(out, /\| 6 \| 2024-05-01 10:00 \| \[00000000\]\[f1\] \[00000001\]\[f2\] \[00000002\]\[f3\] \+3 \|/);
  assert.match(out, /^\[f1\]: https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudtrailv2\/home\?region=eu-west-1#\/events\/00000000-aaaa-bbbb-cccc-dddddddddddd$/m);
  assert.ok(out.includes('x\\](javascript:alert(1))'), 'hostile id escaped, not linked');
  const links = mdIt.parse(out, {}).flatMap((t) => t.children ?? []).filter((t) => t.type === 'link_open');
  assert.equal(links.length, 3);
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
    const findingsTable = tableAfter(tokens, 'Findings');
    assert.ok(findingsTable.length >= 2 && findingsTable.length <= rows.length + 1, `rows ${findingsTable.length}`);
    assert.deepEqual(findingsTable, Array(findingsTable.length).fill(7));
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
