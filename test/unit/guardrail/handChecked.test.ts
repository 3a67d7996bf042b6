/**
 * Twelve demo events with the answers worked out by hand from the demo's story (demo/EXPECTED.md),
 * its mapping and which services resource control policies support: per form, `denied`, `allowed`,
 * or `n/a` where the form does not govern the caller (an SCP or boundary for another account's
 * role, anything for an AWS service).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPerEvent } from './demoRun';
import { contextsOf } from '../../../src/core/guardrail/context';
import { evaluateDocuments } from '../../../src/core/guardrail/evaluate';
import { formApplies } from '../../../src/core/guardrail/replay';
import type { GuardrailForm, PolicyDocument } from '../../../src/core/guardrail/policy';

type A = 'denied' | 'allowed' | 'n/a';
const CASES: { id: string; why: string; scp: A; rcp: A; boundary: A }[] = [
  { id: '1b744e1c-dddf-46d5-b803-8f81ef42438e', why: 'tagged checkout user writes a catalog feed object', scp: 'denied', rcp: 'denied', boundary: 'denied' },
  { id: '4918b38d-c250-40d1-be3f-5f753368e160', why: 'Identity Center catalog role (mapped, untagged) stops a checkout instance; EC2 is not an RCP service', scp: 'denied', rcp: 'allowed', boundary: 'denied' },
  { id: '443cb33a-919e-4aff-836f-d203f8f1381e', why: 'mapped catalog CI role reconfigures a checkout function; Lambda is not an RCP service', scp: 'denied', rcp: 'allowed', boundary: 'denied' },
  { id: '6cbcb588-9ec2-4862-90c6-4e945820e354', why: 'checkout role writes into the catalog table', scp: 'denied', rcp: 'denied', boundary: 'denied' },
  { id: '16c0a439-900a-4e66-959d-855f3e7a17d0', why: 'catalog indexer posts into the checkout queue', scp: 'denied', rcp: 'denied', boundary: 'denied' },
  { id: '3fa538eb-5e0d-46bc-bc34-f99a16706a58', why: 'partner account role (mapped to analytics) reads a checkout receipt: only an RCP governs it', scp: 'n/a', rcp: 'denied', boundary: 'n/a' },
  { id: 'f5a93898-96d6-404c-a037-e2685eaf5295', why: 'analytics-etl reads the order export it is exempted for', scp: 'allowed', rcp: 'allowed', boundary: 'allowed' },
  { id: '436eff72-a931-450b-9642-a56e3d46fcfa', why: 'analytics-etl reads a checkout receipt, outside its exemption', scp: 'denied', rcp: 'denied', boundary: 'denied' },
  { id: '8f54b51f-7acf-4381-8256-ae7f4ca38b38', why: 'checkout API reads a parameter of the shared product', scp: 'allowed', rcp: 'allowed', boundary: 'allowed' },
  { id: '902aa1c1-913f-42e6-9f60-af16a60d1a8a', why: 'checkout handler reads its own queue', scp: 'allowed', rcp: 'allowed', boundary: 'allowed' },
  { id: '6c7eadc8-672c-4ae5-90db-bafb410680bc', why: 'CloudTrail (an AWS service) reads the trail bucket ACL', scp: 'n/a', rcp: 'n/a', boundary: 'n/a' },
  { id: 'eb40220e-dc03-499a-9599-b2164c4efbeb', why: 'an untagged, unmapped user reads a catalog feed: not denied (Null), residual risk', scp: 'allowed', rcp: 'allowed', boundary: 'allowed' },
];

test('hand-checked demo events get the answers worked out by hand, form by form', async () => {
  const { window, proposal } = await demoPerEvent();
  const docs = new Map<GuardrailForm, PolicyDocument[]>();
  for (const d of proposal.documents) docs.set(d.form, [...(docs.get(d.form) ?? []), d.document]);
  for (const c of CASES) {
    const items = window.items.filter((i) => i.examples[0]?.eventID === c.id);
    assert.equal(items.length, 1, `${c.id} is one access in the demo`);
    const item = items[0];
    assert.ok(item);
    for (const form of ['scp', 'rcp', 'boundary'] as const) {
      let got: A = 'n/a';
      if (formApplies(form, item)) {
        const denied = contextsOf(item, 'product').some((b) => evaluateDocuments(docs.get(form) ?? [], b.context, form !== 'boundary').decision !== 'allowed');
        got = denied ? 'denied' : 'allowed';
      }
      assert.equal(got, c[form], `${c.why} (${c.id}), ${form}`);
    }
  }
});
