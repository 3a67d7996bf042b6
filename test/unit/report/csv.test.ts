import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { renderCsv, csvCell, CSV_COLUMNS } from '../../../src/core/report/csv';
import { writeHostileFiles, RAW_INVISIBLE, ALL_PAYLOADS } from '../../fixtures/hostile/hostileRecords';
import { checkFiles } from '../trust/pipeline';
import { demoResult } from './demoResult';
import { finding, result } from './builders';

const FORMULA = /^[=+\-@\t\r]/;

function reparse(text: string): string[][] {
  return parse(text, { relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
}

test('the demo as CSV: one row per finding, every column, re-parsed by a CSV library', async () => {
  const r = await demoResult();
  const rows = reparse(renderCsv(r));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length - 1, r.stats.findings);
  assert.deepEqual(new Set(rows.slice(1).map((x) => x[CSV_COLUMNS.indexOf('eventID')])), new Set(r.findings.map((f) => f.eventID)));
  const row = rows.find((x) => x[CSV_COLUMNS.indexOf('callerType')] === 'sso-role')!;
  assert.match(row[CSV_COLUMNS.indexOf('caller')]!, /^SSO [A-Za-z]+ \(/);
  assert.match(row[CSV_COLUMNS.indexOf('callerArn')]!, /^arn:aws:iam::\d{12}:role\/aws-reserved\/sso\.amazonaws\.com\//, 'full ARN kept');
  for (const col of ['account', 'region', 'sourceIPAddress', 'userAgent', 'source', 'position']) assert.ok(row[CSV_COLUMNS.indexOf(col as (typeof CSV_COLUMNS)[number])], col);
});

test('cells: RFC 4180 quoting and formula-injection guard', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  for (const s of ['+1', '-1+2', '@SUM(A1)', '＝1']) assert.ok(csvCell(s).replace(/^"/, '').startsWith("'"), s);
  // Tab and CR are shown as code points, so they cannot start a cell either.
  assert.equal(csvCell('\t=1'), '[U+0009]=1');
  assert.equal(csvCell('\r=1'), '[U+000D]=1');
  assert.equal(csvCell('a\nb'), 'a[U+000A]b');
  assert.equal(csvCell('\u202eabc'), '[U+202E]abc');
  assert.equal(csvCell(7), '7');
});

test('hostile corpus as CSV: every row re-parses to the same column count, no cell starts a formula, no raw control or bidi character', async () => {
  const files = writeHostileFiles();
  const { result: r } = await checkFiles([files.jsonl, files.trailGz, files.eventsDir], [files.inventory]);
  const text = renderCsv(r);
  assert.doesNotMatch(text, RAW_INVISIBLE);
  // eslint-disable-next-line no-control-regex -- the point
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\u0000-\u001f\u007f-\u009f]/);
  const rows = reparse(text);
  assert.equal(rows.length - 1, r.stats.findings);
  for (const row of rows) {
    assert.equal(row.length, CSV_COLUMNS.length);
    for (const cell of row) assert.doesNotMatch(cell, FORMULA, cell.slice(0, 60));
  }
});

test('property-style: every payload in every text field keeps one row of the right width', () => {
  const parts = ALL_PAYLOADS.split('').filter((_, i) => i % 7 === 0).join('');
  const fs = ['=1+1', '-2', '@x', parts, ALL_PAYLOADS].map((p, i) => finding({ eventID: `${p}${i}`, eventName: p, userAgent: p, sourceIPAddress: p, principal: { arn: p, type: 'iam-role', product: p, displayName: p } }));
  const rows = reparse(renderCsv(result(fs, [])));
  assert.equal(rows.length, fs.length + 1);
  for (const row of rows.slice(1)) {
    assert.equal(row.length, CSV_COLUMNS.length);
    for (const cell of row) assert.doesNotMatch(cell, FORMULA);
  }
});
