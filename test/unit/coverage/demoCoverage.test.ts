import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../cli/harness';

const DEMO = resolve(__dirname, '../../../demo');
const skip = existsSync(join(DEMO, 'trail-config')) ? false : 'demo/trail-config absent';
const ARGS = ['check', '--events', join(DEMO, 'AWSLogs'), '--inventory', join(DEMO, 'inventory'), '--mapping', join(DEMO, 'mapping.json')];

interface CoverageJson {
  coverage: {
    known: boolean; invisible: number; unknown: number;
    resources: { arn: string; product: string | null; dataEvents: string; managementEvents: string; why: string; trails: string[] }[];
    regions: { region: string; verdict: string; stopped: string[] }[];
    trails: { name: string; isLogging?: boolean }[];
  };
  resolutionByService: { eventSource: string; events: number; resolved: number; partial: number; unresolved: number; noTarget: number }[];
  stats: { recordsInScope: number; byStatus: Record<string, number> };
}

test('check --trail-config on the demo: every inventoried resource in coverage.resources, the bucket without data events, the stopped trail, the region without a trail', { skip }, async () => {
  const r = await runCli([...ARGS, '--trail-config', join(DEMO, 'trail-config'), '--format', 'json'], DEMO);
  assert.equal(r.status, 4, 'invisible resources make the check incomplete');
  assert.match(r.stderr, /incomplete: 1 of 45 resources in scope invisible to the trail \(data events not logged: 1, management events not logged: 0\)/);
  assert.match(r.stderr, /incomplete: no logging trail in eu-central-1/);
  const json = JSON.parse(r.stdout) as CoverageJson;
  const c = json.coverage;
  assert.equal(c.known, true);
  assert.equal(c.resources.length, 45);
  for (const x of c.resources) {
    assert.deepEqual(Object.keys(x).filter((k) => ['arn', 'product', 'dataEvents', 'managementEvents', 'why'].includes(k)).sort(), ['arn', 'dataEvents', 'managementEvents', 'product', 'why']);
    assert.ok(['logged', 'not-logged', 'not-applicable', 'unknown'].includes(x.dataEvents));
    assert.ok(['logged', 'not-logged', 'unknown'].includes(x.managementEvents));
    assert.ok(x.why.length > 10);
  }
  const hidden = c.resources.filter((x) => x.dataEvents === 'not-logged' || x.managementEvents === 'not-logged');
  assert.deepEqual(hidden.map((x) => [x.arn, x.product, x.dataEvents, x.managementEvents]), [['arn:aws:s3:::config-bucket-111122223333', 'shared', 'not-logged', 'logged']]);
  assert.match(hidden[0]!.why, /demo-trail, demo-trail-us-east-1 do not select them; catalog-audit would log them but is stopped/);
  const byArn = new Map(c.resources.map((x) => [x.arn, x]));
  assert.equal(byArn.get('arn:aws:s3:::catalog-images-111122223333')!.dataEvents, 'logged');
  assert.equal(byArn.get('arn:aws:lambda:eu-west-1:111122223333:function:catalog-indexer')!.dataEvents, 'logged');
  assert.equal(byArn.get('arn:aws:kms:eu-west-1:111122223333:key/61637fe2-afa4-4308-96ba-7c9b5d99b9d7')!.dataEvents, 'not-applicable');
  assert.deepEqual(c.regions.map((x) => [x.region, x.verdict]), [['eu-central-1', 'no-trail'], ['eu-west-1', 'covered'], ['us-east-1', 'covered']]);
  assert.deepEqual(c.regions.find((x) => x.region === 'eu-west-1')!.stopped, ['catalog-audit']);
  assert.equal(c.trails.find((t) => t.name === 'catalog-audit')!.isLogging, false);
  // Resolution by event source adds up to the check's own counts, worst first.
  const rows = json.resolutionByService;
  assert.equal(rows.reduce((n, x) => n + x.events, 0), json.stats.recordsInScope);
  assert.equal(rows.reduce((n, x) => n + x.unresolved, 0), json.stats.byStatus.unresolved);
  assert.equal(rows.reduce((n, x) => n + x.noTarget, 0), json.stats.byStatus['no-target']);
  for (const x of rows) assert.equal(x.events, x.resolved + x.partial + x.unresolved + x.noTarget);
  const share = rows.map((x) => (x.unresolved + x.partial) / x.events);
  assert.deepEqual(share, [...share].sort((a, b) => b - a));
});

test('--product narrows coverage to that product\'s resources; a product whose resources are all visible is not made incomplete by coverage', { skip }, async () => {
  const r = await runCli([...ARGS, '--trail-config', join(DEMO, 'trail-config'), '--product', 'catalog', '--format', 'json'], DEMO);
  const c = (JSON.parse(r.stdout) as CoverageJson).coverage;
  assert.ok(c.resources.length > 5);
  assert.ok(c.resources.every((x) => x.product === 'catalog'));
  assert.equal(c.invisible, 0);
  assert.doesNotMatch(r.stderr, /invisible to the trail/);
  assert.match(r.stderr, /no logging trail in eu-central-1/, 'a region without a trail is still said');
});

test('without --trail-config coverage is unknown, said in the report, and does not change the exit status', { skip }, async () => {
  const r = await runCli([...ARGS, '--format', 'json'], DEMO);
  assert.equal(r.status, 0, r.stderr);
  const c = (JSON.parse(r.stdout) as CoverageJson).coverage;
  assert.equal(c.known, false);
  assert.equal(c.resources.length, 45);
  assert.ok(c.resources.every((x) => x.managementEvents === 'unknown'), 'never logged when nothing was read');
  const text = await runCli([...ARGS, '--format', 'text'], DEMO);
  assert.match(text.stdout, /Trail coverage: trail coverage unknown: no trail configuration was read/);
});

test('text and Markdown reports carry the summary line and the Coverage section', { skip }, async () => {
  const text = await runCli([...ARGS, '--trail-config', join(DEMO, 'trail-config'), '--format', 'text'], DEMO);
  assert.match(text.stdout, /^Trail coverage: 1 of 45 resources in scope invisible to the trail/m);
  assert.match(text.stdout, /^Coverage: what the trail can see of each resource in scope$/m);
  assert.match(text.stdout, /catalog-audit: STOPPED, eu-west-1 only/);
  assert.match(text.stdout, /Regions: eu-central-1 NO TRAIL/);
  assert.match(text.stdout, /\[shared\] arn:aws:s3:::config-bucket-111122223333: data not-logged, management logged/);
  assert.match(text.stdout, /^Resolution by event source \(worst first/m);
  // Scope notes (`Note: …`) are laid out by the report's own scope lines; the coverage lines fit 100 columns.
  for (const line of text.stdout.split('\n').filter((l) => !l.startsWith('Note: '))) assert.ok(line.length <= 100, `line over 100 columns: ${line}`);
  const md = await runCli([...ARGS, '--trail-config', join(DEMO, 'trail-config'), '--format', 'md'], DEMO);
  assert.match(md.stdout, /\*\*Trail coverage:\*\* 1 of 45 resources in scope invisible/);
  assert.match(md.stdout, /## Coverage: what the trail can see/);
  assert.match(md.stdout, /\| catalog-audit \| STOPPED \| eu-west-1 \|/);
  assert.match(md.stdout, /\| eu-central-1 \| no-trail \|/);
  assert.match(md.stdout, /## Resolution by event source/);
});
