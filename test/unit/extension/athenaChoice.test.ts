// Which live source the extension reads events from when `tagtrail.athena.table` is set or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseAthena } from '../../../src/extension/sources/athenaChoice';

test('an empty setting means no Athena, whatever the regions', () => {
  assert.equal(chooseAthena('', ['us-east-1'], {}, 'eu-west-1'), undefined);
  assert.equal(chooseAthena('   ', [], {}, undefined), undefined);
});

test('a table reference is parsed; the first checked region wins over environment and profile', () => {
  assert.deepEqual(chooseAthena(' primary/security.cloudtrail_logs ', ['eu-west-1', 'us-east-1'], { AWS_REGION: 'ap-south-1' }, 'us-west-2'),
    { table: { workgroup: 'primary', database: 'security', table: 'cloudtrail_logs' }, region: 'eu-west-1' });
});

test('without checked regions the region comes from AWS_REGION, then AWS_DEFAULT_REGION, then the profile', () => {
  const ref = 'wg/db.t';
  assert.equal(chooseAthena(ref, [], { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' }, 'us-west-2')?.region, 'ap-south-1');
  assert.equal(chooseAthena(ref, [], { AWS_DEFAULT_REGION: 'sa-east-1' }, 'us-west-2')?.region, 'sa-east-1');
  assert.equal(chooseAthena(ref, [], { AWS_REGION: '' }, 'us-west-2')?.region, 'us-west-2');
});

test('no region at all is an error naming the setting to fix, not a silent fallback', () => {
  assert.throws(() => chooseAthena('wg/db.t', [], {}, undefined), /no region is known for Athena: set tagtrail\.regions/);
});

test('a malformed reference is an error naming the setting and the expected form', () => {
  for (const bad of ['security.cloudtrail_logs', 'wg/db', 'wg/db.t;DROP', 'w g/db.t']) {
    assert.throws(() => chooseAthena(bad, ['us-east-1'], {}, undefined), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, /^tagtrail\.athena\.table "/);
      assert.match(e.message, /expected <workgroup>\/<database>\.<table>/);
      return true;
    }, bad);
  }
});
