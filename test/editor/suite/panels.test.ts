// The events panels from the host's side: the webview loads, says ready, receives its rows and
// reports them painted. (What the rows look like is the end-to-end tests' job.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoExpected, openDemo, waitFor } from './helpers';

suite('events panels', () => {
  test('Show CloudTrail Events on a resource paints one row per event that acted on it', async () => {
    const a = await openDemo();
    const expected = demoExpected();
    // The resource most findings name: it has events whatever else the demo holds.
    const counts = new Map<string, number>();
    for (const f of expected.findings) for (const arn of f.resourceArns) counts.set(arn, (counts.get(arn) ?? 0) + 1);
    const [arn, findings] = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]!;
    await vscode.commands.executeCommand('tagtrail.showEvents', { arn, contextValue: 'resource' });
    const rendered = await waitFor('the resource panel to report its rows painted', () => a.panelRenders()[`resource:${arn}`]);
    assert.ok(rendered.rows >= findings, `${rendered.rows} rows for ${arn}, at least its ${findings} findings`);
    assert.ok(rendered.visibleRows > 0 && rendered.visibleRows <= rendered.rows);
  });

  test('Show Activity on a principal with unresolved calls opens its panel', async () => {
    const a = await openDemo();
    const gap = demoExpected().gaps.find((g) => g.kind === 'unresolved-target' && g.principalArn);
    assert.ok(gap?.principalArn, 'the demo has a principal with an unresolved call');
    await vscode.commands.executeCommand('tagtrail.showActivity', { arn: gap.principalArn, contextValue: 'principal' });
    const rendered = await waitFor('the activity panel to report its rows painted', () => a.panelRenders()[`principal:${gap.principalArn}`]);
    assert.ok(rendered.rows > 0);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
