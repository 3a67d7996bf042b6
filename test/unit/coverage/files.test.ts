import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readTrailConfigFiles, trailFileKind } from '../../../src/core/coverage/readFiles';
import { SourceError } from '../../../src/core/source/errors';

const DEMO = resolve(__dirname, '../../../demo/trail-config');

function dir(files: Record<string, unknown>): string {
  const d = mkdtempSync(join(tmpdir(), 'tagtrail-trails-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(d, name), typeof body === 'string' ? body : JSON.stringify(body));
  return d;
}

const ARN = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main';
const DESCRIBED = { trailList: [{ Name: 'main', TrailARN: ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true, IsOrganizationTrail: false }] };

test('the three CLI outputs are told apart by shape; other JSON is none of them', () => {
  assert.equal(trailFileKind(DESCRIBED), 'describe-trails');
  assert.equal(trailFileKind({ IsLogging: false, StopLoggingTime: '2026-01-01T00:00:00Z' }), 'get-trail-status');
  assert.equal(trailFileKind({ TrailARN: ARN, EventSelectors: [] }), 'get-event-selectors');
  assert.equal(trailFileKind({ TrailARN: ARN, AdvancedEventSelectors: [{ FieldSelectors: [] }] }), 'get-event-selectors');
  assert.equal(trailFileKind({ ResourceTagMappingList: [] }), undefined);
  assert.equal(trailFileKind({ Records: [] }), undefined);
  assert.equal(trailFileKind([DESCRIBED]), undefined);
  assert.equal(trailFileKind(null), undefined);
});

test('the demo trail configuration: three trails, one stopped, each with its status and selectors, three regions listed', async () => {
  const c = await readTrailConfigFiles([DEMO]);
  assert.deepEqual(c.trails.map((t) => t.description.Name).sort(), ['catalog-audit', 'demo-trail', 'demo-trail-us-east-1']);
  assert.deepEqual(c.regionsListed, ['eu-central-1', 'eu-west-1', 'us-east-1']);
  const byName = new Map(c.trails.map((t) => [t.description.Name, t]));
  assert.equal(byName.get('catalog-audit')!.status!.IsLogging, false);
  assert.equal(byName.get('demo-trail')!.status!.IsLogging, true, 'get-trail-status.demo-trail.json goes to demo-trail, not to the longer demo-trail-us-east-1');
  assert.equal(byName.get('demo-trail-us-east-1')!.status!.IsLogging, true);
  assert.equal(byName.get('demo-trail')!.advancedEventSelectors!.length, 6);
  assert.equal(byName.get('catalog-audit')!.eventSelectors!.length, 1);
  assert.deepEqual(c.notes, []);
});

test('a status that cannot be matched to a trail is a note, and the trail\'s logging state stays unknown', async () => {
  const d = dir({
    'trails.json': { trailList: [...DESCRIBED.trailList, { Name: 'second', TrailARN: ARN.replace('main', 'second'), HomeRegion: 'eu-west-1' }] },
    'status.json': { IsLogging: true },
    'selectors.json': { TrailARN: ARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
  });
  const c = await readTrailConfigFiles([d]);
  assert.equal(c.notes.length, 1);
  assert.match(c.notes[0]!, /status\.json: a trail status that names no trail/);
  const main = c.trails.find((t) => t.description.Name === 'main')!;
  assert.equal(main.status, undefined);
  assert.match(main.statusProblem!, /no get-trail-status output/);
  assert.match(c.trails.find((t) => t.description.Name === 'second')!.selectorsProblem!, /no get-event-selectors output/);
});

test('a status naming its trail (added with --query) is matched by that name; a single trail takes the only status', async () => {
  const named = await readTrailConfigFiles([dir({ 'a.json': { trailList: [...DESCRIBED.trailList, { Name: 'b', TrailARN: ARN.replace('main', 'b') }] }, 's.json': { IsLogging: false, TrailARN: ARN } })]);
  assert.equal(named.trails.find((t) => t.description.Name === 'main')!.status!.IsLogging, false);
  const single = await readTrailConfigFiles([dir({ 'a.json': DESCRIBED, 's.json': { IsLogging: false, StopLoggingTime: 1767225600 } })]);
  assert.equal(single.trails[0]!.status!.StopLoggingTime, '2026-01-01T00:00:00.000Z', 'epoch seconds (cli_timestamp_format none) read as a time');
});

test('a file of another shape or not JSON is an error naming the file; nothing is guessed', async () => {
  await assert.rejects(readTrailConfigFiles([join(dir({ 'x.json': { ResourceTagMappingList: [] } }), 'x.json')]), (e: unknown) => e instanceof SourceError && /x\.json is not the output of aws cloudtrail describe-trails/.test(e.message));
  await assert.rejects(readTrailConfigFiles([join(dir({ 'y.json': '{"trailList": [' }), 'y.json')]), (e: unknown) => e instanceof SourceError && /y\.json is not valid JSON/.test(e.message));
  await assert.rejects(readTrailConfigFiles(['/nonexistent/trails']), (e: unknown) => e instanceof SourceError && /cannot read trail configuration/.test(e.message));
});

test('selectors without a describe-trails output still count, with a note that regions are unknown', async () => {
  const c = await readTrailConfigFiles([dir({ 's.json': { TrailARN: ARN, EventSelectors: [] } })]);
  assert.equal(c.trails.length, 1);
  assert.match(c.notes.join(' '), /no describe-trails output/);
});
