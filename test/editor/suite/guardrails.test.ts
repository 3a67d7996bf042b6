// Propose Guardrails… on the demo: the command runs the one re-check with the replay, opens the
// "Guardrails" report and the policies side by side as untitled documents, and its figures are the
// core's (every finding of demo/expected.json a cross-product access denied, none broken with SCP and RCP).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GuardrailRun } from '../../../src/core/guardrail/run';
import { policyProblems } from '../../../src/core/guardrail/policy';
import { demoExpected, openDemo, waitFor } from './helpers';

suite('guardrails', () => {
  test('Propose Guardrails opens the replay report and valid policies side by side', async () => {
    await openDemo();
    const run = await vscode.commands.executeCommand<GuardrailRun | undefined>('tagtrail.proposeGuardrails', undefined, ['scp', 'rcp']);
    assert.ok(run, 'the command returns its run');
    assert.equal(run.replay.byOutcome.denied, demoExpected().findings.length);
    assert.equal(run.replay.byOutcome.broken, 0);
    assert.equal(run.replay.byOutcome.missed, 0);
    const report = await waitFor('the Guardrails report in an editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.isUntitled && e.document.getText().startsWith('## Guardrails')));
    assert.equal(report.viewColumn, vscode.ViewColumn.One);
    const policies = await waitFor('the policies beside it', () => {
      const docs = vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'json');
      return docs.length >= run.proposal.documents.length ? docs : undefined;
    });
    for (const d of policies.slice(-run.proposal.documents.length)) assert.deepEqual(policyProblems(JSON.parse(d.getText())), []);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.viewColumn === vscode.ViewColumn.Two && e.document.languageId === 'json'));
  });

  test('from a product\'s context menu the proposal covers that product\'s events', async () => {
    await openDemo();
    const run = await vscode.commands.executeCommand<GuardrailRun | undefined>('tagtrail.proposeGuardrails', { product: 'catalog', contextValue: 'product' }, ['scp']);
    assert.ok(run);
    assert.equal(run.result.scope.product, 'catalog');
    assert.ok(run.replay.byOutcome.denied > 0 && run.replay.byOutcome.denied < demoExpected().findings.length, `${run.replay.byOutcome.denied} denied`);
    assert.equal(run.replay.byOutcome.broken, 0);
  });
});
