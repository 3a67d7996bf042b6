import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { runCheck } from '../../../src/core/check/check';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { readEvents } from '../../../src/core/ingest/readEvents';
import type { ReadError } from '../../../src/core/model';
import { getObject, products, sourced } from './records';

test('property: arbitrary JSON records go through check and markdown without throwing, counts add up', async () => {
  const identity = fc.record({ type: fc.constantFrom('IAMUser', 'AssumedRole', 'AWSService', 'Root', 'x'), arn: fc.string(), invokedBy: fc.string(), sessionContext: fc.jsonValue() }, { requiredKeys: [] });
  const record = fc.oneof(
    fc.jsonValue(),
    fc.record({ eventSource: fc.constantFrom('s3.amazonaws.com', 'ec2.amazonaws.com', 'iam.amazonaws.com'), eventName: fc.string(), userIdentity: fc.oneof(identity, fc.jsonValue()), resources: fc.jsonValue(), requestParameters: fc.jsonValue(), errorCode: fc.string(), readOnly: fc.jsonValue(), eventTime: fc.string() }, { requiredKeys: [] }),
    fc.constant(getObject('alpha-app', 'beta-data')),
  );
  await fc.assert(fc.asyncProperty(fc.array(record, { maxLength: 10 }), async (records) => {
    const r = await runCheck(sourced(records), { products: products() });
    assert.equal(r.stats.recordsRead, records.length);
    assert.equal(r.stats.recordsInScope + r.stats.recordsRejected + (r.stats.recordsUnreadable ?? 0), r.stats.recordsRead);
    const s = r.stats.byStatus;
    assert.equal(s.resolved + s.partial + s.unresolved + s['no-target'], r.stats.recordsInScope);
    assert.equal(typeof renderMarkdown(r), 'string');
  }), { numRuns: 200 });
});

const corpus = path.resolve(__dirname, '../../../..', 'shared/corpus');

test('the whole corpus checks without throwing and every in-scope record gets a status', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, async () => {
  const errors: ReadError[] = [];
  const r = await runCheck(readEvents([corpus], { onError: (e) => errors.push(e) }), { products: products(), readErrors: errors });
  const s = r.stats.byStatus;
  assert.ok(r.stats.recordsRead > 3000, `read ${r.stats.recordsRead}`);
  assert.equal(s.resolved + s.partial + s.unresolved + s['no-target'], r.stats.recordsInScope);
  // The test inventory knows none of the corpus' principals: every judged event with a target is an unowned-principal gap.
  assert.ok(r.stats.gapsByKind['unowned-principal'] > 0);
  assert.ok(r.stats.awsServiceEvents > 0);
  assert.ok(renderMarkdown(r).includes('## Coverage gaps'));
});
