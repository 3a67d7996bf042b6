import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadHoldout2, loadLabels, HOLDOUT2_LABELS_DIR } from '../../labelled/labels';

// The records are rebuilt outside the repository (test/labelled/holdout-2/README.md).
const recordsDir = process.env.TAGTRAIL_HOLDOUT2_DIR;
const noRecords = recordsDir && existsSync(recordsDir) ? false : 'TAGTRAIL_HOLDOUT2_DIR not set or missing';
const holdout2 = (): ReturnType<typeof loadLabels> => loadLabels(HOLDOUT2_LABELS_DIR, /^labels\.jsonl$/);

test('holdout-2 labels are well-formed, none twice, and as broad as promised (>= 200 records, >= 150 pairs)', () => {
  const { labels, problems } = holdout2();
  assert.deepEqual(problems, []);
  const pairs = new Set(labels.map((l) => `${l.eventSource}:${l.eventName}`));
  assert.ok(labels.length >= 200, `${labels.length} records`);
  assert.ok(pairs.size >= 150, `${pairs.size} pairs`);
});

test('holdout-2 labels point at none of the files the resolver was tuned on', () => {
  const tunedFiles = new Set(loadLabels().labels.map((l) => l.file));
  assert.deepEqual(holdout2().labels.filter((l) => tunedFiles.has(l.file)).map((l) => l.origin), []);
});

test('every holdout-2 label points at a rebuilt record with the same eventID and event', { skip: noRecords }, () => {
  const { labels, items, problems } = loadHoldout2(recordsDir ?? '');
  assert.deepEqual(problems, []);
  assert.equal(items.length, labels.length);
});
