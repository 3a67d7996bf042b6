// A finding or gap clicked in the Findings tree opens the events panel on its own row: the command
// the tree item runs is executed with the item's own arguments, and the test waits for the
// webview's acknowledgement ("row selected: <id>") as the host received it. The counts of the
// Findings view's title and of the status bar are read from the real widgets.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TagTrailApi } from '../../../src/extension/extension';
import type { EventTarget } from '../../../src/extension/trees/eventTarget';
import type { TreeSnapshot } from '../../../src/extension/trees/treeNode';
import type { RowSelectedMessage } from '../../../src/shared/protocol';
import { demoExpected, openDemo, waitFor } from './helpers';

/** Every node of a snapshot, depth first. */
function nodes(roots: TreeSnapshot[]): TreeSnapshot[] {
  return roots.flatMap((n) => [n, ...nodes(n.children ?? [])]);
}

function targetOf(n: TreeSnapshot): EventTarget {
  const t = (n.command?.arguments[0] as { target?: EventTarget } | undefined)?.target;
  assert.ok(t, `tree item "${n.label}" opens an event`);
  return t;
}

/** Clicks a tree item as the tree does: its command with its arguments. */
async function click(n: TreeSnapshot): Promise<void> {
  assert.equal(n.command?.command, 'tagtrail.openFinding', `"${n.label}" runs Show in Events Panel`);
  await vscode.commands.executeCommand(n.command.command, ...n.command.arguments);
}

/** The host-requested selection of the panel `key` acknowledged for event `id`. */
function ackFor(a: TagTrailApi, key: string, id: string): Promise<RowSelectedMessage> {
  return waitFor(`the ${key} panel to acknowledge "row selected: ${id}"`, () => {
    const ack = a.panelSelections()[key];
    return ack?.id === id && ack.origin === 'host' ? ack : undefined;
  });
}

suite('a finding opens its row', () => {
  // Panels left open by an earlier test would hold earlier acknowledgements.
  setup(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });
  suiteTeardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  test('a single finding selects exactly its event in the events panel of its resource', async () => {
    const a = await openDemo();
    const expected = demoExpected();
    const single = nodes(a.getFindingsTree(3)).find((n) => n.contextValue.startsWith('finding:') && !n.children && n.command);
    assert.ok(single, 'the demo has a finding group of one event');
    const target = targetOf(single);
    const finding = expected.findings.find((f) => f.eventID === target.eventKey);
    assert.ok(finding, `${target.eventKey} is a finding of demo/expected.json`);
    assert.ok(target.resourceArn && finding.resourceArns.some((r) => r === target.resourceArn || r.startsWith(`${target.resourceArn}/`)),
      `the panel is the finding's resource's (${target.resourceArn} for ${finding.resourceArns.join(', ')})`);
    await click(single);
    const ack = await ackFor(a, `resource:${target.resourceArn}`, finding.eventID);
    assert.equal(ack.found, true, 'the row is in the panel and selected');
    assert.equal(ack.marked, 0, 'a single finding marks no group');
  });

  test('a finding group selects its latest event and marks every event of the group', async () => {
    const a = await openDemo();
    const expected = demoExpected();
    const group = nodes(a.getFindingsTree(3)).find((n) => n.contextValue.startsWith('finding:') && (n.children?.length ?? 0) > 1 && n.command);
    assert.ok(group, 'the demo has a finding group of several events');
    const target = targetOf(group);
    const ids = new Set(target.group?.map((e) => e.eventID));
    assert.equal(target.eventKey, target.group?.at(-1)?.eventID, 'the latest event (groups list theirs oldest first)');
    for (const id of ids) assert.ok(expected.findings.some((f) => f.eventID === id), `${id} is a finding`);
    await click(group);
    const ack = await ackFor(a, `resource:${target.resourceArn}`, target.eventKey);
    assert.equal(ack.found, true);
    assert.equal(ack.marked, ids.size, `every event of "${group.label}" is marked in the panel`);
    // An event of the group, from below it: that row is selected in the same (reused) panel.
    const other = group.children?.find((c) => targetOf(c).eventKey !== target.eventKey);
    assert.ok(other, 'the group lists its events');
    await click(other);
    const second = await ackFor(a, `resource:${target.resourceArn}`, targetOf(other).eventKey);
    assert.equal(second.found, true);
    assert.equal(Object.keys(a.panelSelections()).length, 1, 'one panel, reused');
  });

  test('an unresolved-target gap selects its event in the activity panel of its caller', async () => {
    const a = await openDemo();
    const expected = demoExpected();
    const gaps = nodes(a.getFindingsTree(6)).filter((n) => n.contextValue === 'gap:unresolved-target' && n.command);
    const gap = gaps.find((n) => expected.gaps.some((g) => g.eventID === targetOf(n).eventKey && g.principalArn));
    assert.ok(gap, 'the demo has an unresolved-target gap with a known caller');
    const target = targetOf(gap);
    const caller = expected.gaps.find((g) => g.eventID === target.eventKey)!.principalArn!;
    assert.equal(target.resourceArn, undefined, 'no resource: the caller is what the gap is known by');
    await click(gap);
    const ack = await ackFor(a, `principal:${caller}`, target.eventKey);
    assert.equal(ack.found, true);
  });

  test('Open Event JSON on a finding opens its record', async () => {
    const a = await openDemo();
    const single = nodes(a.getFindingsTree(3)).find((n) => n.contextValue.startsWith('finding:') && !n.children && n.command);
    assert.ok(single);
    const id = targetOf(single).eventKey;
    // As the context menu passes it: the tree node, which carries the same target.
    await vscode.commands.executeCommand('tagtrail.openEventJson', { target: targetOf(single), contextValue: single.contextValue });
    const editor = await waitFor('a JSON editor with the record', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.languageId === 'json' && e.document.getText().includes(`"eventID": "${id}"`) ? e : undefined;
    });
    assert.equal((JSON.parse(editor.document.getText()) as { eventID: string }).eventID, id);
  });

  test('the Findings view title and the status bar count findings and gaps after each check', async () => {
    const a = await openDemo();
    const expected = demoExpected();
    const r = a.lastCheckResult();
    assert.ok(r);
    const n = expected.findings.length;
    const gaps = expected.gaps.length;
    let shown = await waitFor('the counts of the check of all products', () => {
      const c = a.findingsCounts();
      return c.description.startsWith(`${n} findings · `) ? c : undefined;
    });
    assert.equal(shown.description, `${n} findings · ${gaps} gaps`);
    assert.equal(shown.badge, n);
    assert.match(shown.statusText, new RegExp(`${n} findings · ${gaps.toLocaleString('en-US')} gaps$`));

    // A check of one product: the counts follow it.
    const product = 'catalog';
    assert.equal(await vscode.commands.executeCommand('tagtrail.checkViolations', { product, contextValue: 'product' }), 'done');
    const mine = a.lastCheckResult();
    assert.ok(mine && mine.stats.findings < n, 'fewer findings in one product');
    shown = await waitFor('the counts of the check of one product', () => {
      const c = a.findingsCounts();
      return c.badge === mine.stats.findings ? c : undefined;
    });
    assert.match(shown.description, new RegExp(`^${mine.stats.findings} findings? · ${mine.stats.gaps} gaps?$`));
    assert.match(shown.statusText, new RegExp(`${mine.stats.findings} findings? · ${mine.stats.gaps.toLocaleString('en-US')} gaps?$`));
  });
});
