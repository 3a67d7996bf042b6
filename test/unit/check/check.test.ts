import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../../src/core/check/check';
import type { ResolvedEvent } from '../../../src/core/model';
import { ACCOUNT, getObject, products, sourced, stopInstance } from './records';

test('a caller of one product reading another product\'s object is one finding, attributed to the bucket\'s product', async () => {
  const r = await runCheck(sourced([getObject('alpha-app', 'beta-data')]), { products: products() });
  assert.equal(r.findings.length, 1, 'object and bucket of one event are one access');
  const f = r.findings[0]!;
  assert.deepEqual([f.severity, f.principal.product, f.resource.product, f.resource.arn, f.resource.via], ['read', 'alpha', 'beta', 'arn:aws:s3:::beta-data/k.txt', 'resources']);
  assert.equal(f.principal.arn, `arn:aws:iam::${ACCOUNT}:role/alpha-app`);
  assert.deepEqual(r.pairs, [{ principalProduct: 'alpha', resourceProduct: 'beta', counts: { read: 1, write: 0, denied: 0 } }]);
  assert.equal(r.scope.managementEventsOnly, false);
});

test('same product, shared products and exemptions are not findings', async () => {
  const r = await runCheck(sourced([getObject('alpha-app', 'alpha-data'), getObject('alpha-app', 'shared-logs'), getObject('backup', 'beta-data')]), { products: products() });
  assert.equal(r.stats.findings, 0);
  assert.equal(r.stats.exemptedEvents, 1);
  assert.equal(r.stats.gaps, 0);
});

test('severity: denied beats write; write from readOnly false', async () => {
  const r = await runCheck(sourced([
    stopInstance('alpha-app', 'i-beta'),
    stopInstance('alpha-app', 'i-beta', { eventID: 'x', errorCode: 'Client.UnauthorizedOperation' }),
  ]), { products: products() });
  assert.deepEqual(r.findings.map((f) => f.severity), ['write', 'denied']);
  assert.equal(r.findings[1]?.errorCode, 'Client.UnauthorizedOperation');
  assert.deepEqual(r.stats.findingsBySeverity, { write: 1, read: 0, denied: 1 });
  assert.equal(r.scope.managementEventsOnly, true, 'no data event among the inputs');
});

test('gaps: unowned caller, unowned resource, unresolved target; none dropped', async () => {
  const r = await runCheck(sourced([
    getObject('stranger', 'beta-data'),
    getObject('alpha-app', 'nobodys-bucket'),
    { eventID: 'u', eventSource: 'foo.amazonaws.com', eventName: 'DoThing', userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/u` }, recipientAccountId: ACCOUNT },
  ]), { products: products() });
  assert.deepEqual(r.gaps.map((g) => g.kind), ['unowned-principal', 'unowned-resource', 'unresolved-target']);
  // The gap names what has to be tagged (the bucket) and what was acted on (the object).
  assert.equal(r.gaps[1]?.resourceArn, 'arn:aws:s3:::nobodys-bucket');
  assert.match(r.gaps[1]?.reason ?? '', /acted on arn:aws:s3:::nobodys-bucket\/k\.txt/);
  assert.match(r.gaps[2]?.reason ?? '', /foo\.amazonaws\.com/);
  assert.equal(r.stats.gaps, 3);
  assert.equal(r.stats.byStatus.unresolved, 1);
});

test('AWS service callers are counted by service, not judged', async () => {
  const r = await runCheck(sourced([getObject('x', 'beta-data', { userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' } })]), { products: products() });
  assert.equal(r.stats.awsServiceEvents, 1);
  assert.deepEqual(r.stats.awsServices, { 'cloudtrail.amazonaws.com': 1 });
  assert.equal(r.stats.gaps + r.stats.findings, 0);
});

test('filters: time window, regions, accounts; read = in scope + rejected + unreadable, by filter', async () => {
  const events = [
    getObject('alpha-app', 'beta-data', { eventTime: '2024-04-01T00:00:00Z' }),
    getObject('alpha-app', 'beta-data', { eventTime: '2024-05-01T00:00:00Z', eventID: 'in' }),
    getObject('alpha-app', 'beta-data', { eventTime: '2024-05-01T00:00:00Z', awsRegion: 'us-east-1' }),
    getObject('alpha-app', 'beta-data', { eventTime: '2024-05-01T00:00:00Z', recipientAccountId: '999' }),
    'not a record', null,
  ];
  const r = await runCheck(sourced(events), { products: products(), filter: { since: '2024-04-15', until: '2024-05-02T00:00:00Z', regions: ['eu-west-1'], accounts: [ACCOUNT] } });
  assert.deepEqual(r.findings.map((f) => f.eventID), ['in']);
  assert.equal(r.stats.recordsRead, 6);
  assert.equal(r.stats.recordsInScope, 1);
  assert.equal(r.stats.recordsRejected, 3);
  assert.equal(r.stats.recordsUnreadable, 2, 'values that are not records are unreadable, not outside the filters');
  assert.deepEqual(r.stats.rejectedBy, { time: 1, region: 1, account: 1 });
  assert.deepEqual(r.stats.inputCoverage?.regions, ['eu-west-1', 'us-east-1']);
  assert.equal(r.scope.since, '2024-04-15T00:00:00.000Z');
  assert.deepEqual([r.stats.accountsSeen, r.stats.regionsSeen, r.stats.firstEventTime], [[ACCOUNT], ['eu-west-1'], '2024-05-01T00:00:00Z']);
  const rel = await runCheck(sourced(events), { products: products(), filter: { since: '7d' }, now: Date.parse('2024-05-03T00:00:00Z') });
  assert.equal(rel.stats.recordsInScope, 3);
  await assert.rejects(runCheck(sourced(events), { products: products(), filter: { since: 'yesterday' } }), /not a time: "yesterday"/);
});

test('product filter keeps findings and gaps where either side is the product', async () => {
  const events = [getObject('alpha-app', 'beta-data'), getObject('beta-app', 'alpha-data'), getObject('alpha-app', 'nobodys-bucket'), getObject('beta-app', 'nobodys-bucket')];
  const r = await runCheck(sourced(events), { products: products(), filter: { product: 'alpha' } });
  assert.equal(r.findings.length, 2);
  assert.deepEqual(r.gaps.map((g) => g.principalArn), [`arn:aws:iam::${ACCOUNT}:role/alpha-app`]);
  assert.equal(r.scope.product, 'alpha');
});

test('onEvent sees every in-scope event; lists are capped but counts stay exact', async () => {
  const seen: ResolvedEvent[] = [];
  const events = Array.from({ length: 10 }, (_, i) => getObject('alpha-app', 'beta-data', { eventID: `e${i}` }));
  const r = await runCheck(sourced(events), { products: products(), onEvent: (e) => seen.push(e), maxListed: 3 });
  assert.equal(seen.length, 10);
  assert.equal(seen[0]?.principal.type, 'iam-role');
  assert.equal(r.findings.length, 3);
  assert.equal(r.stats.findings, 10);
  assert.equal(r.stats.findingsNotListed, 7);
  assert.equal(r.pairs[0]?.counts.read, 10);
});

test('LookupEvents-only input is flagged as management events only', async () => {
  async function* lookup() {
    yield { record: stopInstance('alpha-app', 'i-beta'), source: 'lookup-events:eu-west-1', position: 1, lookupResources: [] };
  }
  const r = await runCheck(lookup(), { products: products() });
  assert.equal(r.scope.managementEventsOnly, true);
  assert.equal(r.stats.lookupEvents, 1);
});

test('abort stops the check', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(runCheck(sourced([getObject('alpha-app', 'beta-data')]), { products: products(), signal: ac.signal }), { name: 'AbortError' });
});

test('one event makes one finding per resource product, listing the other targets', async () => {
  const many = stopInstance('alpha-app', 'i-beta', {
    requestParameters: { instancesSet: { items: [{ instanceId: 'i-beta' }, { instanceId: 'i-beta2' }, { instanceId: 'i-beta3' }] } },
  });
  const r = await runCheck(sourced([many]), { products: products() });
  assert.equal(r.stats.findings, 1);
  assert.equal(r.findings[0]?.resource.arn, `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-beta`);
  assert.deepEqual(r.findings[0]?.resource.moreArns, [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-beta2`]);
  assert.equal(r.pairs[0]?.counts.write, 1);
  // i-beta3 is untagged: a gap, not a finding.
  assert.deepEqual(r.gaps.map((g) => g.resourceArn), [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-beta3`]);
});

test('coverage: time range across CloudTrail and other time forms, garbage ignored', async () => {
  const r = await runCheck(sourced([
    getObject('alpha-app', 'alpha-data', { eventTime: '2024-05-01T10:00:00Z' }),
    getObject('alpha-app', 'alpha-data', { eventTime: '2024-04-30T23:00:00-02:00' }),
    getObject('alpha-app', 'alpha-data', { eventTime: 'xxxx-xx-xxTxx:xx:xxZ' }),
    getObject('alpha-app', 'alpha-data', { eventTime: '2024-04-30T12:00:00Z' }),
  ]), { products: products() });
  assert.deepEqual([r.stats.firstEventTime, r.stats.lastEventTime], ['2024-04-30T12:00:00Z', '2024-05-01T10:00:00Z']);
});
