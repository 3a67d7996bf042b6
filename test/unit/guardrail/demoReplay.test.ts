import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoGuardrail, DEMO_FINDINGS } from './demoRun';
import { policyProblems } from '../../../src/core/guardrail/policy';

test('demo: every cross-product finding on a guardable action is denied; nothing same-product, shared or exempted is broken', async () => {
  const r = await demoGuardrail();
  const findings = r.result.findings;
  assert.equal(findings.length, DEMO_FINDINGS);
  // Each finding (event and resource product) is one listed cross-product access, and is denied.
  for (const f of findings) {
    const hit = r.replay.listed.find((l) => l.item.relation === 'cross' && l.item.examples.some((e) => e.eventID === f.eventID) && l.item.resourceProduct === f.resource.product);
    assert.ok(hit, `finding ${f.eventID} is in the replay`);
    assert.ok(hit.outcome === 'denied' || hit.outcome === 'unguardable', `finding ${f.eventID} ${f.eventName}: ${hit.outcome} ${hit.reason ?? ''}`);
    if (hit.outcome === 'denied') assert.ok(hit.deniedBy.length > 0);
  }
  assert.equal(r.replay.byOutcome.broken, 0);
  assert.equal(r.replay.byOutcome.missed, 0);
  assert.equal(r.replay.byRelation['cross']?.denied, DEMO_FINDINGS);
  for (const rel of ['same', 'shared', 'exempted', 'untagged', 'service']) {
    const row = r.replay.byRelation[rel] ?? {};
    assert.deepEqual(Object.keys(row), ['allowed'], `${rel}: ${JSON.stringify(row)}`);
  }
  // The counts add up to the check's: every in-scope event is either replayed or counted as naming no resource.
  assert.equal(r.replay.events, r.result.stats.recordsInScope);
});

test('demo: the partner account is stopped by the RCP only, an SCP does not govern it', async () => {
  const r = await demoGuardrail();
  const partner = r.replay.listed.find((l) => l.item.principalArn.startsWith('arn:aws:iam::444455556666:'));
  assert.ok(partner);
  assert.deepEqual(partner.deniedBy.map((d) => d.form), ['rcp']);
});

test('demo: calls that name no resource and resolver gaps are listed as unguardable by service, not dropped', async () => {
  const r = await demoGuardrail();
  const ec2 = r.replay.unguardable.find((u) => u.service === 'ec2');
  assert.ok(ec2 && ec2.actions.some((a) => a.startsWith('ec2:DescribeInstances: names no resource')));
  assert.ok(r.replay.unguardable.some((u) => u.actions.some((a) => a.includes('the resolver could not name the resource'))));
  const listedEvents = r.replay.unguardable.reduce((n, u) => n + u.accesses, 0);
  assert.ok(listedEvents >= r.replay.noTarget - 119, 'every non-service event without a target is counted');
});

test('demo: every proposed document is valid IAM policy JSON within its size limit', async () => {
  const r = await demoGuardrail();
  assert.ok(r.proposal.documents.length >= 3);
  for (const d of r.proposal.documents) {
    const parsed: unknown = JSON.parse(JSON.stringify(d.document));
    assert.deepEqual(policyProblems(parsed, d.form), [], d.name);
    const doc = parsed as { Statement: { Condition?: Record<string, unknown> }[] };
    for (const s of doc.Statement) if (s.Condition) assert.ok(s.Condition['Bool'], 'every deny exempts AWS service principals');
  }
  assert.ok(r.proposal.documents.every((d) => d.size <= (d.form === 'boundary' ? 6144 : 5120)));
  // The demo's SCP needs two documents, which the notes say.
  assert.ok(r.proposal.notes.some((n) => /scp is split into 2 documents/.test(n)));
});
