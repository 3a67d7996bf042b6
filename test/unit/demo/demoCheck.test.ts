// Runs the real check (ingest → resolver → attribution → judgement) over the demo and compares its
// findings and gaps with demo/expected.json, which the generator derived from its own ground truth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../../../src/core/model';
import { runCheck } from '../../../src/core/check/check';
import { readEvents } from '../../../src/core/ingest/readEvents';
import { loadInventory } from '../../../src/core/inventory/loadInventory';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { DEMO, readJson, type Json } from './demoFiles';
import { checkSource } from '../../../src/core/source/runner';
import { fileSource } from '../../../src/core/source/fileSource';

const expected = readJson('expected.json');

async function check(eventPaths: string[], managementEventsOnly: boolean): Promise<CheckResult> {
  const inventory = await loadInventory([join(DEMO, 'inventory')]);
  const mapping = JSON.parse(readFileSync(join(DEMO, 'mapping.json'), 'utf8')) as ConstructorParameters<typeof ProductIndex>[1];
  const products = new ProductIndex(inventory, mapping, [String(expected.productTagKey)]);
  return runCheck(readEvents(eventPaths), { products, scope: { managementEventsOnly } });
}

/** The check as the CLI runs it (the runner, with the tag history unless `history` is false). */
async function checkWithRunner(history: boolean): Promise<CheckResult> {
  const run = await checkSource(fileSource({ events: [join(DEMO, 'AWSLogs')], inventory: [join(DEMO, 'inventory')], mappingFile: join(DEMO, 'mapping.json') }),
    { tagKeys: [String(expected.productTagKey)], ...(history ? {} : { history: false }) });
  return run.result;
}

const findingKey = (eventID: unknown, severity: unknown, from: unknown, to: unknown): string => `${String(eventID)} ${String(severity)} ${String(from)}->${String(to)}`;

/** Lists what one side has and the other lacks, with event names, so a failure says what to look at. */
function compare(what: string, got: Map<string, string>, want: Map<string, string>): void {
  const missing = [...want].filter(([k]) => !got.has(k)).map(([k, name]) => `  missing    ${k} (${name})`);
  const extra = [...got].filter(([k]) => !want.has(k)).map(([k, name]) => `  unexpected ${k} (${name})`);
  assert.equal(missing.length + extra.length, 0, `${what} differ from demo/expected.json:\n${[...missing, ...extra].join('\n')}`);
}

function compareResult(result: CheckResult, findings: Json[], gaps: Json[]): void {
  compare('findings',
    new Map(result.findings.map((f) => [findingKey(f.eventID, f.severity, f.principal.product, f.resource.product), f.eventName])),
    new Map(findings.map((f) => [findingKey(f.eventID, f.severity, f.principalProduct, f.resourceProduct), String(f.eventName)])));
  compare('gaps',
    new Map(result.gaps.map((g) => [`${g.eventID} ${g.kind}`, `${g.eventName}: ${g.reason}`])),
    new Map(gaps.map((g) => [`${String(g.eventID)} ${String(g.kind)}`, String(g.eventName)])));
}

test('the check over the demo trail finds exactly the expected findings and gaps, judged by the tags at each event\'s time', async () => {
  const result = await checkWithRunner(true);
  assert.equal(result.stats.recordsRead, expected.records);
  assert.equal(result.readErrors.length, 0, JSON.stringify(result.readErrors));
  compareResult(result, expected.findings as Json[], expected.gaps as Json[]);
  assert.equal(result.stats.awsServiceEvents, expected.awsServiceEvents);
  assert.equal(result.stats.exemptedEvents, expected.exemptedEvents);
});

test('the check over the demo lookup-events finds the expected subset', async () => {
  const ids = new Set((expected.lookupEvents as Json).eventIDs as string[]);
  const result = await check([join(DEMO, 'lookup-events')], true);
  assert.equal(result.stats.recordsRead, ids.size);
  const inLookup = (x: Json): boolean => ids.has(String(x.eventID));
  compareResult(result, (expected.findings as Json[]).filter(inLookup), (expected.gaps as Json[]).filter(inLookup));
});

test('tag history in the demo: each finding today\'s tags would miss or get wrong is found and labelled from history', async () => {
  const cases = expected.history as Json[];
  assert.ok(cases.length >= 5, 'the demo has a retag and a deletion');
  const withHistory = await checkWithRunner(true);
  const byToday = await checkWithRunner(false);
  const said = (r: CheckResult, id: string): string => [
    ...r.findings.filter((f) => f.eventID === id).map((f) => `finding ${f.principal.product} -> ${f.resource.product}`),
    ...r.gaps.filter((g) => g.eventID === id).map((g) => `gap ${g.kind}`),
  ].join('; ') || 'nothing (same product)';
  for (const c of cases) {
    const id = String(c.eventID);
    assert.equal(said(withHistory, id), c.withHistory, `${String(c.eventName)} ${id} with history`);
    assert.equal(said(byToday, id), c.todayTags, `${String(c.eventName)} ${id} by today's tags (--no-history)`);
  }
  const labelled = withHistory.findings.filter((f) => f.productSource === 'history');
  const want = (expected.findings as Json[]).filter((f) => f.productSource === 'history');
  assert.deepEqual(labelled.map((f) => [f.eventID, f.productToday?.resource]).sort(), want.map((f) => [f.eventID, (f.productToday as Json).resource]).sort());
  assert.ok(labelled.length >= 3, 'the retagged bucket and the deleted queue give findings from history');
  assert.ok(withHistory.scope.notes?.some((n) => /Tag history: \d+ ARN\(s\) have tag history/.test(n)));
});
