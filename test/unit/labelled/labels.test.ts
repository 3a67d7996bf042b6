import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CORPUS_DIR, corpusAvailable, labelProblems, loadLabelledRecords, loadLabels, type Label } from '../../labelled/labels';

const noCorpus = corpusAvailable() ? false : `corpus not found at ${CORPUS_DIR}`;

const good = {
  file: 'x.jsonl', line: 1, eventID: 'e-1', eventSource: 's3.amazonaws.com', eventName: 'GetBucketAcl',
  expected: { status: 'targets', targets: ['arn:aws:s3:::b'] },
};

test('every label file line is well-formed and no record is labelled twice', () => {
  const { labels, problems } = loadLabels();
  assert.deepEqual(problems, []);
  assert.ok(labels.length > 0, 'no labels found');
});

test('the sample is as large and as broad as the project promises (>= 300 records, >= 150 pairs)', () => {
  const { labels } = loadLabels();
  const pairs = new Set(labels.map((l) => `${l.eventSource}:${l.eventName}`));
  assert.ok(labels.length >= 300, `${labels.length} records`);
  assert.ok(pairs.size >= 150, `${pairs.size} pairs`);
});

test('every label points at an existing corpus record with the same eventID and event', { skip: noCorpus }, () => {
  const { labels } = loadLabels();
  const { items, problems } = loadLabelledRecords(labels);
  assert.deepEqual(problems, []);
  assert.equal(items.length, labels.length);
});

test('labelProblems accepts a good label and names what is wrong with bad ones', () => {
  assert.deepEqual(labelProblems(good), []);
  assert.deepEqual(labelProblems({ ...good, expected: { status: 'no-target', targets: [] } }), []);
  const cases: [unknown, RegExp][] = [
    [{ ...good, file: '../etc/passwd' }, /bare corpus/],
    [{ ...good, line: 0 }, /1-based/],
    [{ ...good, expected: { status: 'maybe', targets: [] } }, /unknown status/],
    [{ ...good, expected: { status: 'targets', targets: [] } }, /at least one/],
    [{ ...good, expected: { status: 'no-target', targets: ['arn:aws:s3:::b'] } }, /must list no targets/],
    [{ ...good, expected: { status: 'targets', targets: ['i-0123'] } }, /not an ARN/],
    [{ ...good, expected: { status: 'targets', targets: ['arn:aws:s3:::b', 'arn:aws:s3:::b'] } }, /duplicate/],
    [[1, 2], /not a JSON object/],
  ];
  for (const [label, want] of cases) {
    const p = labelProblems(label);
    assert.ok(p.some((m) => want.test(m)), `${JSON.stringify(label)} -> ${JSON.stringify(p)}`);
  }
});

test('a shifted or edited corpus is reported instead of scored', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tagtrail-labels-'));
  // Our own two-line stand-in for a corpus file.
  writeFileSync(path.join(dir, 'x.jsonl'), [
    JSON.stringify({ eventID: 'e-0', eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' }),
    JSON.stringify({ eventID: 'e-1', eventSource: 's3.amazonaws.com', eventName: 'GetBucketAcl' }),
  ].join('\n'));
  const label = (over: Partial<Label>): Label => ({ ...(good as Label), origin: 'labels-t.jsonl:1', ...over });
  const { items, problems } = loadLabelledRecords([
    label({ line: 2 }),
    label({ line: 1 }),
    label({ line: 2, eventID: undefined }),
    label({ line: 2, eventName: 'GetBucketPolicy' }),
    label({ line: 3 }),
    label({ file: 'missing.jsonl' }),
  ], dir);
  assert.equal(items.length, 1);
  assert.equal(items[0]?.record.eventID, 'e-1');
  assert.equal(problems.length, 5);
  assert.match(problems[0] ?? '', /eventID e-1 does not match the record's e-0/);
  assert.match(problems[1] ?? '', /eventID undefined does not match/);
  assert.match(problems[2] ?? '', /label says s3.amazonaws.com:GetBucketPolicy/);
  assert.match(problems[3] ?? '', /no such corpus record/);
  assert.match(problems[4] ?? '', /no such corpus record/);
});
