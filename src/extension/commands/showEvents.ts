import * as vscode from 'vscode';
import { eventKey } from '../model/eventRows';
import { nodeArg, type CommandContext } from './context';
import { escapeNotice, escapeTerminal } from '../../core/report/escape';

async function pickArn(arns: string[], title: string): Promise<string | undefined> {
  if (arns.length === 0) {
    void vscode.window.showInformationMessage('TagTrail: no events loaded yet.');
    return undefined;
  }
  return vscode.window.showQuickPick(arns.sort(), { title, matchOnDescription: true });
}

/** Opens the events panel of a resource (the tree item's, or one picked from those with events). */
export async function showEvents(ctx: CommandContext, arg?: unknown): Promise<void> {
  const arn = (typeof arg === 'string' ? arg : nodeArg(arg)?.arn) ?? await pickArn(ctx.session.store.resourceArns(), 'TagTrail: events of resource');
  if (arn) ctx.panels.open({ kind: 'resource', arn });
}

/** Opens the events panel of a principal: what it did. */
export async function showActivity(ctx: CommandContext, arg?: unknown): Promise<void> {
  const arn = (typeof arg === 'string' ? arg : nodeArg(arg)?.arn) ?? await pickArn([...ctx.session.store.principals().keys()], 'TagTrail: activity of principal');
  if (arn) ctx.panels.open({ kind: 'principal', arn });
}

/** Opens a finding's or gap's CloudTrail record as a read-only JSON document. */
export async function openFinding(ctx: CommandContext, arg?: unknown): Promise<void> {
  const key = nodeArg(arg)?.eventKey;
  if (!key) return;
  const ev = ctx.session.store.find(key);
  if (!ev) {
    void vscode.window.showWarningMessage(escapeNotice(`TagTrail: event ${key} is not held in memory (too many events loaded); see the markdown export.`));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(ev.record, null, 2) });
  await vscode.window.showTextDocument(doc, { preview: true });
  ctx.log.debug(`opened event ${escapeTerminal(eventKey(ev))}`);
}
