import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventConsoleUrl } from '../../../src/core/report/eventLink';
import { tagKeyCaseNotes } from '../../../src/core/report/tagKeyHint';
import { failReasons, parseFailOn } from '../../../src/core/report/exitPolicy';
import { finding, gap, result } from './builders';

test('console links only for event ids and regions of the shape AWS writes', () => {
  assert.equal(eventConsoleUrl('6cbcb588-9ec2-4862-90c6-4e945820e354', 'eu-west-1'),
    'https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events/6cbcb588-9ec2-4862-90c6-4e945820e354');
  for (const [id, region] of [
    ['x](javascript:alert(1))', 'eu-west-1'], ['a b', 'eu-west-1'], ['', 'eu-west-1'], ['../x', 'eu-west-1'], ['a'.repeat(200), 'eu-west-1'],
    ['ok-id', 'evil.example/'], ['ok-id', 'cn-north-1'], ['ok-id', 'us-gov-west-1'], ['ok-id', ''],
  ]) assert.equal(eventConsoleUrl(id!, region!), undefined, `${id} ${region}`);
  assert.equal(eventConsoleUrl(42 as unknown as string, 'eu-west-1'), undefined);
});

test('tag keys differing only by case are named with their counts; exact keys and other keys are not', () => {
  const inv = {
    principals: new Map([['r1', [{ key: 'Product', value: 'a' }]], ['r2', [{ key: 'product', value: 'b' }]]]),
    resources: new Map([['b1', [{ key: 'PRODUCT', value: 'a' }, { key: 'team', value: 'x' }]], ['b2', [{ key: 'Product', value: 'a' }]]]),
  };
  const notes = tagKeyCaseNotes(inv, ['product']);
  assert.equal(notes.length, 2);
  assert.match(notes[0]!, /^Tag key "PRODUCT" \(on 0 principals and 1 resources\)/);
  assert.match(notes[1]!, /^Tag key "Product" \(on 1 principals and 1 resources\) differs from the product tag key "product" only by case/);
  assert.deepEqual(tagKeyCaseNotes(inv, ['product', 'Product', 'PRODUCT']), []);
});

test('--fail-on: parsing and reasons', () => {
  assert.deepEqual([...parseFailOn(['write,denied', 'gaps'])], ['write', 'denied', 'gaps']);
  assert.throws(() => parseFailOn(['write,finding']), /got "finding"/);
  const r = result([finding({ severity: 'write' }), finding({ eventID: 'x', severity: 'read' })], [gap()]);
  r.readErrors.push({ source: 'f', message: 'bad' });
  assert.deepEqual(failReasons(r, parseFailOn(['denied'])), []);
  assert.deepEqual(failReasons(r, parseFailOn(['write,denied,read,gaps,read-errors'])), ['1 write finding', '1 read finding', '1 coverage gap', '1 read error']);
});
