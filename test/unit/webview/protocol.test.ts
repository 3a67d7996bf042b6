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
