// The offline settings: with `tagtrail.offline.inventory` and `tagtrail.offline.events` set, Refresh
// reads exactly those files (no AWS), and applies the mapping and product tag keys from settings.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, demoDir, demoExpected, withSettings } from './helpers';

suite('offline settings', () => {
  test('Refresh loads the files the settings name and checks them', async () => {
    const a = await api();
    const events = join(demoDir(), 'AWSLogs');
    const inventory = join(demoDir(), 'inventory');
    await withSettings([['offline.inventory', inventory], ['offline.events', [events]], ['mappingFile', join(demoDir(), 'mapping.json')]], async () => {
      assert.equal(await vscode.commands.executeCommand('tagtrail.refresh'), 'done');
      await a.whenIdle();
      const r = a.lastCheckResult();
      assert.ok(r);
      assert.deepEqual(r.scope.eventSources, [events]);
      assert.equal(r.scope.managementEventsOnly ?? false, false);
      assert.equal(r.stats.recordsRead, demoExpected().records);
      assert.equal(r.stats.findings, demoExpected().findings.length);
    });
  });

  test('a product tag key nobody uses leaves every principal and resource untagged', async () => {
    const a = await api();
    const events = join(demoDir(), 'AWSLogs');
    await withSettings([['offline.inventory', join(demoDir(), 'inventory')], ['offline.events', [events]], ['mappingFile', ''], ['productTagKeys', ['no-such-key']]], async () => {
      assert.equal(await a.reload(), 'done');
      await a.whenIdle();
      assert.deepEqual(a.getProductsTree(1).map((n) => n.label), ['Untagged']);
      assert.equal(a.lastCheckResult()?.stats.findings, 0);
    });
  });

  test('an offline source that does not exist fails visibly instead of loading nothing', async () => {
    const a = await api();
    await withSettings([['offline.inventory', '/nonexistent/tagtrail/inventory.json'], ['offline.events', ['/nonexistent/tagtrail/events']]], async () => {
      assert.equal(await a.reload(), 'failed');
    });
  });
});
