// The demo account loaded through the real command: the Products tree, and Check Violations (all
// products, then one product as its context-menu item passes it) against demo/expected.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TagTrailApi } from '../../../src/extension/extension';
import { demoExpected, openDemo, tally, type DemoExpected } from './helpers';

suite('demo account', () => {
  let a: TagTrailApi;
  let expected: DemoExpected;

  suiteSetup(async () => {
    expected = demoExpected();
    a = await openDemo();
  });

  test('the Products tree lists every product, then Untagged, each with principals and resources', () => {
    const roots = a.getProductsTree(3);
    const products = new Set(expected.pairs.flatMap((p) => [p.principalProduct, p.resourceProduct]));
    const labels = roots.map((r) => r.label);
    for (const p of [...products, 'shared']) assert.ok(labels.includes(p), `no product node ${p} in ${labels.join(', ')}`);
    assert.equal(labels.at(-1), 'Untagged', 'the Untagged group comes last');
    assert.equal(roots.find((r) => r.label === 'shared')?.contextValue, 'product:shared');
    for (const r of roots.filter((x) => products.has(x.label))) {
      assert.equal(r.contextValue, 'product');
      assert.deepEqual(r.children?.map((c) => c.label), ['Principals', 'Resources'], `children of ${r.label}`);
      const [principals, resources] = r.children!;
      assert.ok(Number(principals!.description) > 0, `${r.label} has principals`);
      assert.ok(Number(resources!.description) > 0, `${r.label} has resources`);
      assert.match(r.description ?? '', /^\d+ principals?, \d+ resources?/);
    }
  });

  test('untagged resources of the inventory sit in the Untagged group', () => {
    const untagged = a.getProductsTree(6).find((r) => r.label === 'Untagged');
    assert.ok(untagged, 'Untagged group');
    const leaves: string[] = [];
    const walk = (n: { label: string; contextValue: string; children?: typeof untagged[] }): void => {
      if (n.contextValue.startsWith('resource')) leaves.push(n.label);
      n.children?.forEach((c) => c && walk(c));
    };
    walk(untagged);
    const tmp = expected.untaggedResources.find((r) => r.arn.startsWith('arn:aws:s3:::tmp-scratch'));
    assert.ok(tmp && leaves.includes(tmp.arn.slice('arn:aws:s3:::'.length)), `tmp-scratch bucket among ${leaves.join(', ')}`);
  });

  test('loading checks every product: findings and pairs as demo/expected.json', () => {
    const r = a.lastCheckResult();
    assert.ok(r, 'a check result after Open Demo Account');
    assert.equal(r.stats.recordsRead, expected.records);
    assert.deepEqual(
      tally(r.findings, (f) => `${f.eventID} ${f.severity} ${f.principal.product}→${f.resource.product}`),
      tally(expected.findings, (f) => `${f.eventID} ${f.severity} ${f.principalProduct}→${f.resourceProduct}`));
    assert.deepEqual(
      tally(r.pairs, (p) => `${p.principalProduct}→${p.resourceProduct} ${p.counts.write}/${p.counts.read}/${p.counts.denied}`),
      tally(expected.pairs, (p) => `${p.principalProduct}→${p.resourceProduct} ${p.counts.write}/${p.counts.read}/${p.counts.denied}`));
  });

  test('loading reports the coverage gaps demo/expected.json lists', () => {
    const r = a.lastCheckResult();
    assert.ok(r);
    assert.deepEqual(tally(r.gaps, (g) => `${g.eventID} ${g.kind}`), tally(expected.gaps, (g) => `${g.eventID} ${g.kind}`));
  });

  test('the Findings tree shows one node per product pair, then the coverage gaps', () => {
    const roots = a.getFindingsTree(1).map((n) => n.label);
    const pairs = expected.pairs.map((p) => `${p.principalProduct} → ${p.resourceProduct}`).sort();
    assert.deepEqual(roots.filter((l) => l.includes(' → ')), pairs);
    assert.equal(roots.at(-1), 'Coverage gaps');
  });

  test('the Coverage view: products, resource types, the bucket the trail cannot see with why, the stopped trail and the region without a trail', () => {
    const roots = a.getCoverageTree(4);
    assert.equal(roots[0]?.label, '1 of 45 resources invisible');
    const shared = roots.find((r) => r.label === 'shared');
    assert.ok(shared, `a shared product node among ${roots.map((r) => r.label).join(', ')}`);
    assert.match(shared.description ?? '', /1 invisible/);
    const buckets = shared.children?.find((t) => t.label === 's3 bucket');
    assert.ok(buckets, 'an s3 bucket type under shared');
    const config = buckets.children?.find((x) => x.label === 'config-bucket-111122223333');
    assert.equal(config?.contextValue, 'coverage:invisible');
    assert.match(config?.description ?? '', /data not-logged, management logged/);
    const catalog = roots.find((r) => r.label === 'catalog');
    assert.doesNotMatch(catalog?.description ?? '', /invisible/);
    const trails = roots.find((r) => r.label === 'Trails and regions');
    assert.match(trails?.description ?? '', /no logging trail in eu-central-1/);
    assert.ok(trails?.children?.some((c) => c.label === 'catalog-audit' && c.contextValue === 'coverage:trail:stopped'));
  });

  test('Check Violations on one product (as its context menu passes it) keeps the findings that involve it', async () => {
    const product = 'catalog';
    const outcome = await vscode.commands.executeCommand('tagtrail.checkViolations', { product, contextValue: 'product' });
    assert.equal(outcome, 'done');
    const r = a.lastCheckResult();
    assert.ok(r);
    assert.equal(r.scope.product, product);
    const mine = expected.findings.filter((f) => f.principalProduct === product || f.resourceProduct === product);
    assert.ok(mine.length > 0 && mine.length < expected.findings.length);
    assert.deepEqual(
      tally(r.findings, (f) => `${f.eventID} ${f.severity} ${f.principal.product}→${f.resource.product}`),
      tally(mine, (f) => `${f.eventID} ${f.severity} ${f.principalProduct}→${f.resourceProduct}`));
    assert.equal(a.getFindingsTree(1)[0]?.label, `Scope: ${product}`);
  });
});
