import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoSource } from '../../../src/core/source/fileSource';
import { checkSource } from '../../../src/core/source/runner';
import { renderSarif } from '../../../src/core/report/sarif';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { renderText } from '../../../src/core/report/text';
import { renderJson } from '../../../src/core/report/json';
import { buildCoverage } from '../../../src/core/coverage/buildCoverage';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import type { TrailConfig } from '../../../src/core/coverage/trailConfig';
import type { CheckResult } from '../../../src/core/model';
import { sarifErrors } from '../report/sarifSchema';
import { result } from '../report/builders';

const DEMO = resolve(__dirname, '../../../demo');
const skip = existsSync(join(DEMO, 'trail-config')) ? false : 'demo/trail-config absent';

interface Notification { level: string; message: { text: string }; descriptor?: { id: string }; properties?: { arn: string } }

test('SARIF: coverage as run-level notes, schema-valid; the invisible bucket and the region without a trail are named', { skip }, async () => {
  const run = await checkSource(await demoSource(DEMO), { tagKeys: ['product'] });
  const log = JSON.parse(renderSarif(run.result)) as { runs: { invocations: { toolExecutionNotifications: Notification[] }[]; properties: { coverage: { invisible: number } } }[] };
  assert.deepEqual(sarifErrors(log), []);
  const notes = log.runs[0]!.invocations[0]!.toolExecutionNotifications.filter((n) => n.descriptor?.id.startsWith('tagtrail/coverage'));
  assert.ok(notes.every((n) => n.level === 'note'));
  assert.match(notes[0]!.message.text, /^Trail coverage: 1 of 45 resources in scope invisible/);
  assert.ok(notes.some((n) => /No logging trail in eu-central-1/.test(n.message.text)));
  assert.deepEqual(notes.filter((n) => n.properties).map((n) => n.properties!.arn), ['arn:aws:s3:::config-bucket-111122223333']);
  assert.equal(log.runs[0]!.properties.coverage.invisible, 1);
});

/** A check result whose coverage comes from a trail configuration with hostile names. */
function hostile(): CheckResult {
  const evil = 'evil\u001b[31m|<img src=x>\u202e[x](http://e)';
  const config: TrailConfig = {
    sources: ['x.json'], regionsListed: ['eu-west-1'], notes: [],
    trails: [{ description: { Name: evil, TrailARN: `arn:aws:cloudtrail:eu-west-1:111122223333:trail/${evil}`, HomeRegion: 'eu-west-1' }, status: { IsLogging: false, StopLoggingTime: evil }, eventSelectors: [{ ReadWriteType: 'All' }] }],
  };
  const inventory = { principals: new Map(), resources: new Map([[`arn:aws:sqs:eu-west-1:111122223333:${evil}`, [{ key: 'product', value: evil }]]]), sources: [] };
  const r = result([], []);
  r.coverage = buildCoverage({ config, inventory, products: new ProductIndex(inventory, undefined, ['product']), filter: {}, regionsSeen: [], accounts: [] });
  r.resolutionByService = [{ eventSource: evil, events: 1, resolved: 0, partial: 0, unresolved: 1, noTarget: 0 }];
  return r;
}

// eslint-disable-next-line no-control-regex -- matching a raw ESC is the point
const RAW = /\u001b|\u202e/;

test('trail names, ARNs and products from AWS or files cannot break a report: escaped in text, Markdown, JSON and SARIF', () => {
  const r = hostile();
  assert.equal(r.coverage!.invisible, 1, 'a stopped trail leaves the queue invisible');
  const text = renderText(r);
  assert.doesNotMatch(text, RAW);
  const md = renderMarkdown(r);
  assert.doesNotMatch(md, /(?<!\\)<img|\u202e|(?<!\\)\]\(http/, 'no raw HTML, bidi character or link');
  assert.ok(md.includes('evil\\[U+001B\\]\\[31m\\|'), 'the pipe in a name is escaped: it cannot add a column');
  const json = renderJson(r);
  assert.doesNotMatch(json, /\u202e/);
  assert.equal((JSON.parse(json) as { coverage: { resources: { product: string }[] } }).coverage.resources[0]!.product, r.coverage!.resources[0]!.product);
  const raw = renderSarif(r);
  assert.doesNotMatch(raw, RAW);
  const sarif = JSON.parse(raw) as { runs: { invocations: { toolExecutionNotifications: Notification[] }[] }[] };
  assert.deepEqual(sarifErrors(sarif), []);
  for (const n of sarif.runs[0]!.invocations[0]!.toolExecutionNotifications) assert.doesNotMatch(n.message.text, RAW, 'messages carry no raw control or bidi character');
});
