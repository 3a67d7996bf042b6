import * as vscode from 'vscode';
import { recheck, type Outcome } from '../loader';
import { nodeArg, type CommandContext } from './context';
import { checkCurrentProfile } from './awsCommands';
import { escapeNotice } from '../../core/report/escape';

const ALL = '$(checklist) All products';

/**
 * Checks for cross-product access: for the product a tree item stands for, or (from the palette)
 * for all products or one picked from the loaded ones.
 */
export async function checkViolations(ctx: CommandContext, arg?: unknown): Promise<Outcome | undefined> {
  if (!ctx.session.products) {
    // Nothing loaded: the account of the AWS profile in force is checked, when one is.
    const outcome = await checkCurrentProfile(ctx);
    if (outcome !== undefined) return outcome;
    void vscode.window.showInformationMessage('TagTrail: load an account, the demo or files first.');
    return undefined;
  }
  let product = typeof arg === 'string' ? arg : nodeArg(arg)?.product;
  if (product === undefined && arg === undefined) {
    const names = (ctx.session.model?.entries ?? []).flatMap((e) => (e.product !== undefined ? [e.product] : []));
    const pick = await vscode.window.showQuickPick([ALL, ...names], { title: 'TagTrail: check violations of' });
    if (pick === undefined) return undefined;
    product = pick === ALL ? undefined : pick;
  }
  const outcome = await recheck(ctx.session, product, ctx.log);
  if (outcome === 'done') {
    await vscode.commands.executeCommand('tagtrail.findings.focus');
    const n = ctx.session.lastResult?.stats.findings ?? 0;
    void vscode.window.showInformationMessage(escapeNotice(`TagTrail: ${n} cross-product access${n === 1 ? '' : 'es'} ${product ? `involving ${product}` : 'in all products'}.`));
  }
  return outcome;
}
