import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { getObject } from '../check/records';
import { runCli, SNAPSHOT, tempFiles } from './harness';
import { sarifErrors } from '../report/sarifSchema';

// `cross` is a read finding (alpha reads beta's bucket), `gap` an unowned caller.
const events = [getObject('alpha-app', 'beta-data', { eventID: 'cross' }), getObject('alpha-app', 'alpha-data', { eventID: 'own' }), getObject('stranger', 'beta-data', { eventID: 'gap' })];

function setup(files: Record<string, unknown> = {}): { dir: string; base: string[] } {
  const dir = tempFiles({ 'events.jsonl': events, 'inv.json': SNAPSHOT, ...files });
  return { dir, base: ['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json')] };
}

test('--format sarif writes a schema-valid SARIF log; --format csv a CSV with one row per finding', async () => {
  const { dir, base } = setup();
  const sarif = await runCli([...base, '--format', 'sarif'], dir);
  assert.equal(sarif.status, 0, sarif.stderr);
  const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] };
  assert.deepEqual(sarifErrors(log), []);
  assert.deepEqual(log.runs[0]!.results.map((x) => x.ruleId), ['tagtrail/cross-product-read', 'tagtrail/gap-unowned-caller']);
  const csv = await runCli([...base, '--format', 'csv'], dir);
  assert.equal(csv.status, 0, csv.stderr);
  const rows = parse(csv.stdout) as string[][];
  assert.equal(rows.length, 2);
  assert.equal(rows[1]![rows[0]!.indexOf('eventID')], 'cross');
});

test('--fail-on: any subset of write, denied, read, gaps, read-errors; exit 1 says why; --fail-on-findings stays', async () => {
  const { dir, base } = setup({ 'broken.jsonl': '{"eventID": \n' });
  const cases: [string[], number, RegExp | undefined][] = [
    [[], 0, undefined],
    [['--fail-on', 'write'], 0, undefined],
    [['--fail-on', 'write,denied'], 0, undefined],
    [['--fail-on', 'read'], 1, /failing \(--fail-on read\): 1 read finding$/m],
    [['--fail-on', 'write', 'gaps'], 1, /failing \(--fail-on write,gaps\): 1 coverage gap$/m],
    [['--fail-on-findings'], 1, /1 read finding/],
    [['--fail-on', 'read-errors'], 0, undefined],
  ];
  for (const [flags, status, why] of cases) {
    const r = await runCli([...base, '--format', 'text', ...flags], dir);
    assert.equal(r.status, status, `${flags.join(' ')}: ${r.stderr}`);
    if (why) assert.match(r.stderr, why);
  }
  const withBroken = await runCli([...base.slice(0, 3), path.join(dir, 'broken.jsonl'), ...base.slice(3), '--format', 'text', '--fail-on', 'read-errors'], dir);
  assert.equal(withBroken.status, 1, withBroken.stderr);
  assert.match(withBroken.stderr, /1 read error$/m);
});

test('bad --fail-on, --limit and --format values exit 2 and name what is allowed', async () => {
  const { dir, base } = setup();
  const cases: [string[], RegExp][] = [
    [['--fail-on', 'writes'], /--fail-on takes write, denied, read, gaps, read-errors .*"writes"/],
    [['--fail-on', ','], /--fail-on needs at least one/],
    [['--limit', '0'], /--limit takes a whole number/],
    [['--limit', 'ten'], /--limit takes a whole number/],
    [['--format', 'xml'], /--format must be one of md, json, text, sarif, csv/],
  ];
  for (const [flags, message] of cases) {
    const r = await runCli([...base, ...flags], dir);
    assert.equal(r.status, 2, flags.join(' '));
    assert.match(r.stderr, message);
  }
});

test('--limit cuts the text and Markdown lists and says how to see the rest', async () => {
  const many = Array.from({ length: 4 }, (_, i) => getObject('alpha-app', 'beta-data', { eventID: `x${i}`, eventName: `GetObject${i}` }));
  const { dir, base } = setup({ 'events.jsonl': many });
  const text = await runCli([...base, '--format', 'text', '--limit', '1'], dir);
  assert.match(text.stdout, /3 more finding groups not shown \(--limit 1\); without --limit all are listed/);
  const md = await runCli([...base, '--limit', '2'], dir);
  assert.match(md.stdout, /2 more finding groups not shown here/);
  const all = await runCli([...base, '--format', 'text'], dir);
  for (let i = 0; i < 4; i++) assert.match(all.stdout, new RegExp(`GetObject${i}`));
});

test('a tag key that differs only by case is pointed out on stderr and in the report scope', async () => {
  const inv = { ...SNAPSHOT, principals: SNAPSHOT.principals.map((p) => ({ arn: p.arn, tags: { Product: p.tags.product } })) };
  const { dir, base } = setup({ 'inv.json': inv });
  const r = await runCli(base, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /Tag key "Product" \(on 2 principals and 0 resources\) differs from the product tag key "product" only by case/);
  assert.match(r.stdout, /^- Tag key "Product" .*--tag-key product Product/m);
  const fixed = await runCli([...base, '--tag-key', 'product', 'Product'], dir);
  assert.doesNotMatch(fixed.stderr, /only by case/);
});
