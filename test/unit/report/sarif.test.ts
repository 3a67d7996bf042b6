import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSarif, resourcePath, sarifText, MAX_SARIF_RESULTS } from '../../../src/core/report/sarif';
import { groupResult } from '../../../src/core/report/group';
import { writeHostileFiles, RAW_INVISIBLE } from '../../fixtures/hostile/hostileRecords';
import { checkFiles } from '../trust/pipeline';
import { demoResult } from './demoResult';
import { sarifErrors } from './sarifSchema';
import { finding, gap, result } from './builders';

interface Log {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string>; properties: { eventIds: string[]; eventTimes: string[]; count: number } }[] }[];
}

test('the demo as SARIF: valid against the SARIF 2.1.0 schema, one result per group, every event id and time in properties', async () => {
  const r = await demoResult();
  const log = JSON.parse(renderSarif(r)) as Log;
  assert.deepEqual(sarifErrors(log), []);
  const run = log.runs[0]!;
  const g = groupResult(r);
  assert.equal(run.results.length, g.findingGroups.length + g.gapGroups.length);
  const findingResults = run.results.filter((x) => x.ruleId.startsWith('tagtrail/cross-product-'));
  assert.equal(findingResults.reduce((n, x) => n + x.properties.eventIds.length, 0), r.stats.findings, 'every finding event id is in a result');
  assert.deepEqual(new Set(findingResults.flatMap((x) => x.properties.eventIds)), new Set(r.findings.map((f) => f.eventID)));
  for (const x of run.results) {
    assert.equal(run.tool.driver.rules[x.ruleIndex]!.id, x.ruleId);
    assert.equal(x.properties.eventTimes.length, x.properties.eventIds.length);
    assert.match(x.partialFingerprints['tagtrailGroup/v1']!, /^[0-9a-f]{32}$/);
    assert.doesNotMatch(x.locations[0]!.physicalLocation.artifactLocation.uri, /(^|\/)\.\.?(\/|$)/);
  }
  assert.deepEqual(new Set(findingResults.map((x) => x.level)), new Set(['error', 'warning']));
});

test('fingerprints are stable across runs and input order, and differ per group', async () => {
  const fs = [finding({ eventID: 'a' }), finding({ eventID: 'b', eventName: 'PutObject', severity: 'write' }), finding({ eventID: 'c', resource: { arn: 'arn:aws:s3:::beta-data/other', product: 'beta', via: 'resources' } })];
  const prints = (list: typeof fs) => (JSON.parse(renderSarif(result(list, [gap()]))) as Log).runs[0]!.results.map((x) => x.partialFingerprints['tagtrailGroup/v1']).sort();
  assert.deepEqual(prints(fs), prints([...fs].reverse()));
  assert.equal(new Set(prints(fs)).size, 3, 'two object reads of one bucket are one group; a write and a gap are others');
});

test('hostile corpus as SARIF: schema-valid, messages carry no raw control or bidi character and no link syntax', async () => {
  const files = writeHostileFiles();
  const { result: r } = await checkFiles([files.jsonl, files.trailGz, files.eventsDir], [files.inventory]);
  const text = renderSarif(r);
  // The serialised log has no raw invisible character at all (escaped as \u sequences).
  assert.doesNotMatch(text, RAW_INVISIBLE);
  const log = JSON.parse(text) as Log;
  assert.deepEqual(sarifErrors(log), []);
  for (const x of log.runs[0]!.results) {
    // eslint-disable-next-line no-control-regex -- the point
    assert.doesNotMatch(x.message.text, /[\u0000-\u001f\u007f-\u009f]/);
    assert.doesNotMatch(x.message.text, RAW_INVISIBLE);
    assert.doesNotMatch(x.message.text.replace(/\\./g, ''), /\[[^\]]*\]\(/, 'no embedded link');
  }
});

test('the schema check bites: a log without runs or with a bad level is refused', () => {
  assert.notDeepEqual(sarifErrors({ version: '2.1.0' }), []);
  const log = JSON.parse(renderSarif(result())) as Log;
  log.runs[0]!.results[0]!.level = 'critical';
  assert.notDeepEqual(sarifErrors(log), []);
});

test('message text and paths: escapes and encoding', () => {
  assert.equal(sarifText('[x](1) \u202e\u001b'), '\\[x\\](1) [U+202E][U+001B]');
  assert.equal(resourcePath('arn:aws:dynamodb:eu-west-1:111122223333:table/t'), 'aws/dynamodb/eu-west-1/111122223333/table/t');
  assert.equal(resourcePath('arn:aws:s3:::../../etc'), 'aws/s3/global/global/%2E%2E/%2E%2E/etc');
});

test('results beyond the code scanning limit are left out with a notification', () => {
  const many = Array.from({ length: MAX_SARIF_RESULTS + 3 }, (_, i) => finding({ eventID: `e${i}`, eventName: `A${i}` }));
  const log = JSON.parse(renderSarif(result(many, []))) as Log & { runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
  assert.equal(log.runs[0]!.results.length, MAX_SARIF_RESULTS);
  assert.match(log.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text, /^3 of 25003 results were left out/);
});
