import * as vscode from 'vscode';
import { escapeNotice, escapeTerminal } from '../../core/report/escape';
import { GUARDRAIL_FORMS, policyText, type GuardrailForm } from '../../core/guardrail/policy';
import { guardrailFromCheck, type GuardrailRun } from '../../core/guardrail/run';
import { guardrailMarkdown } from '../../core/guardrail/report';
import { nodeArg, type CommandContext } from './context';

const FORM_LABEL: Record<GuardrailForm, string> = {
  scp: 'Service control policy (the account\'s own callers)',
  rcp: 'Resource control policy (callers from any account)',
  boundary: 'Permissions boundary',
};

/** Forms given by a caller (`executeCommand('tagtrail.proposeGuardrails', node, ['scp'])`), else picked. */
async function formsFor(given: unknown): Promise<GuardrailForm[] | undefined> {
  if (Array.isArray(given)) {
    const forms = given.filter((f): f is GuardrailForm => (GUARDRAIL_FORMS as readonly unknown[]).includes(f));
    if (forms.length > 0) return forms;
  }
  const picked = await vscode.window.showQuickPick(
    GUARDRAIL_FORMS.map((f) => ({ label: f.toUpperCase(), description: FORM_LABEL[f], picked: f !== 'boundary', form: f })),
    { title: 'TagTrail: propose guardrails as', canPickMany: true },
  );
  if (!picked || picked.length === 0) return undefined;
  return picked.map((p) => p.form);
}

/**
 * Proposes the guardrail for the loaded account (or, from a product's context menu, for the events
 * of that product): the one check again with the replay collecting each judged event, then the
 * "Guardrails" report in a markdown document with the policy documents beside it as JSON. Both are
 * untitled documents, so nothing is written until the user saves; every record string in the
 * report is escaped by the report itself, the JSON is serialised.
 */
export async function proposeGuardrails(ctx: CommandContext, arg?: unknown, formsArg?: unknown): Promise<GuardrailRun | undefined> {
  const previous = ctx.session.lastRun;
  if (!previous) {
    void vscode.window.showInformationMessage('TagTrail: load an account, the demo or files first.');
    return undefined;
  }
  const product = nodeArg(arg)?.product;
  const forms = await formsFor(formsArg);
  if (!forms) return undefined;
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: escapeNotice(`TagTrail: proposing guardrails for ${product ?? 'all products'}`), cancellable: true },
    async (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return guardrailFromCheck(previous, {
        forms, scope: 'seen', signal: ac.signal,
        ...(product !== undefined ? { product } : {}),
        ...(ctx.session.store.dropped === 0 ? { held: ctx.session.store.all() } : {}),
      });
    },
  ).then((r) => r, (e: unknown) => {
    ctx.log.error(`propose guardrails failed: ${escapeTerminal(e instanceof Error ? e.message : String(e))}`);
    void vscode.window.showErrorMessage(escapeNotice(`TagTrail: proposing guardrails failed: ${e instanceof Error ? e.message : String(e)}`));
    return undefined;
  });
  if (!run) return undefined;
  const { proposal, replay } = run;
  const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: guardrailMarkdown(proposal, replay) });
  await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.One, preview: false });
  for (const d of proposal.documents) {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: policyText(d.document, 'boundary') });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Two, preview: false, preserveFocus: true });
  }
  const line = `guardrails: ${proposal.documents.length} documents; replay denied ${replay.byOutcome.denied}, broken ${replay.byOutcome.broken}, missed ${replay.byOutcome.missed}, unguardable ${replay.byOutcome.unguardable}`;
  ctx.log.info(escapeTerminal(line));
  const msg = replay.byOutcome.broken > 0
    ? `TagTrail: the proposal would break ${replay.byOutcome.broken} same-product or shared accesses (listed in the report).`
    : `TagTrail: the proposal denies ${replay.byOutcome.denied} of the cross-product accesses found and breaks none.`;
  void vscode.window.showInformationMessage(escapeNotice(msg));
  return run;
}
