import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempFiles } from '../cli/harness';
import { policyProblems } from '../../../src/core/guardrail/policy';
import { DEMO, DEMO_FINDINGS } from './demoRun';

const INPUTS = ['--events', path.join(DEMO, 'AWSLogs'), '--inventory', path.join(DEMO, 'inventory'), '--mapping', path.join(DEMO, 'mapping.json')];

test('guardrail writes valid policy files for the forms asked and a text summary', async () => {
  const dir = tempFiles({});
  const out = path.join(dir, 'policies');
  const r = await runCli(['guardrail', ...INPUTS, '--form', 'scp,boundary', '--out', out], dir);
  assert.equal(r.status, 0, r.stderr);
  const files = readdirSync(out).sort();
  assert.deepEqual(files, ['boundary-1.json', 'boundary-2.json', 'scp-1.json', 'scp-2.json']);
  for (const f of files) {
    const text = readFileSync(path.join(out, f), 'utf8');
    const form = f.startsWith('scp') ? 'scp' : 'boundary';
    assert.deepEqual(policyProblems(JSON.parse(text), form), [], f);
    if (form === 'scp') assert.ok(text.length - 1 <= 5120, `${f} is ${text.length} characters as written`);
  }
  // Without an RCP, the partner account's read is missed, with the reason; every other finding is denied.
  assert.match(r.stdout, new RegExp(`denied ${DEMO_FINDINGS - 1} cross-product · broken 0 · missed 1`));
  assert.match(r.stdout, /missed: s3:GetObject arn:aws:iam::444455556666:role\/partner-etl-runner .*scp: the caller is of account 444455556666, not the resource's; boundary: the caller is of account 444455556666/);
  assert.match(r.stdout, /written: .*scp-1\.json/);
});

test('guardrail --format md is the "Guardrails" section with the replay table; json carries documents and replay', async () => {
  const dir = tempFiles({});
  const md = await runCli(['guardrail', ...INPUTS, '--format', 'md'], dir);
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /^## Guardrails/);
  assert.match(md.stdout, new RegExp(`\\| cross-product \\| ${DEMO_FINDINGS} \\| 0 \\| 0 \\| 0 \\| 0 \\|`));
  assert.match(md.stdout, /### Unguardable \(residual risk\)/);
  assert.match(md.stderr, /no --out folder/);
  const js = await runCli(['guardrail', ...INPUTS, '--format', 'json'], dir);
  const j = JSON.parse(js.stdout) as { proposal: { documents: { form: string }[] }; replay: { byOutcome: Record<string, number> } };
  assert.deepEqual([...new Set(j.proposal.documents.map((d) => d.form))], ['scp', 'rcp'], 'default forms: scp and rcp');
  assert.equal(j.replay.byOutcome['denied'], DEMO_FINDINGS);
  assert.equal(j.replay.byOutcome['broken'], 0);
});

test('guardrail: a bad form is a usage error (2); a proposal that would break an access exits 1', async () => {
  const dir = tempFiles({});
  const bad = await runCli(['guardrail', ...INPUTS, '--form', 'iam'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--form must be scp, rcp or boundary/);
  // Without the mapping, the exempted export reads are cross-product and nothing is broken; with a
  // mapping that exempts them by event name only (not expressible as IAM), they would be broken.
  const mapping = JSON.parse(readFileSync(path.join(DEMO, 'mapping.json'), 'utf8')) as { exemptions: unknown[] };
  mapping.exemptions = [{ eventName: 'GetObject', reason: 'all reads are fine' }];
  const d2 = tempFiles({ 'mapping.json': mapping });
  const r = await runCli(['guardrail', '--events', path.join(DEMO, 'AWSLogs'), '--inventory', path.join(DEMO, 'inventory'), '--mapping', path.join(d2, 'mapping.json'), '--format', 'text'], d2);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /would deny \d+ same-product, shared or exempted accesses/);
  assert.match(r.stdout, /broken: s3:GetObject/);
});
