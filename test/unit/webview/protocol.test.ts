import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromWebview } from '../../../src/shared/protocol';

test('known webview messages are accepted with only their own fields', () => {
  assert.deepEqual(parseFromWebview({ type: 'ready', extra: 1 }), { type: 'ready' });
  assert.deepEqual(parseFromWebview({ type: 'requestRecord', id: 'x' }), { type: 'requestRecord', id: 'x' });
  assert.deepEqual(parseFromWebview({ type: 'openArn', arn: 'arn:aws:s3:::b', kind: 'resource' }), { type: 'openArn', arn: 'arn:aws:s3:::b', kind: 'resource' });
});

test('malformed or unknown messages are rejected', () => {
  for (const bad of [null, 'ready', 42, {}, { type: 'requestRecord' }, { type: 'requestRecord', id: 3 },
    { type: 'openArn', arn: 'x', kind: 'bucket' }, { type: 'rendered', rows: '1' }, { type: '__proto__' }]) {
    assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
  }
});

test('a selection acknowledgement and an open-record request keep only their own, well-typed fields', () => {
  assert.deepEqual(parseFromWebview({ type: 'rowSelected', id: 'e1', found: true, marked: 3, origin: 'host', html: '<b>' }),
    { type: 'rowSelected', id: 'e1', found: true, marked: 3, origin: 'host' });
  assert.deepEqual(parseFromWebview({ type: 'openRecord', id: 'e1' }), { type: 'openRecord', id: 'e1' });
  for (const bad of [{ type: 'rowSelected', id: 'e1', found: 'yes', marked: 0, origin: 'host' },
    { type: 'rowSelected', id: 'e1', found: true, marked: 0, origin: 'page' }, { type: 'rowSelected', found: true, marked: 0, origin: 'user' },
    { type: 'openRecord' }, { type: 'openRecord', id: ['e1'] }]) {
    assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
  }
});
