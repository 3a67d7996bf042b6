import * as vscode from 'vscode';
import { eventKey } from '../model/eventRows';
import { nodeArg, type CommandContext } from './context';
import { escapeNotice, escapeTerminal } from '../../core/report/escape';
import { openRecordDocument } from '../panels/recordDocument';
import { entryKey, targetArg } from '../trees/eventTarget';
import { visibleText } from '../../shared/visibleText';

/** Marks at most this many rows of a group: the panel then says how many more the group has. */
const MAX_MARKED = 50_000;

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

function notHeld(key: string): void {
  void vscode.window.showWarningMessage(escapeNotice(`TagTrail: event ${visibleText(key)} is not held in memory (too many events loaded); see the markdown export.`));
}

/**
 * Opens the events panel a finding or gap belongs to, scrolled to its event's row and selecting it,
 * the other events of its group marked: the resource's panel for a finding (an unowned resource's
 * for its gap), else the caller's activity panel, the one subject an unresolved call surely has.
 */
export function openFinding(ctx: CommandContext, arg?: unknown): void {
  const target = targetArg(arg);
  const key = target?.eventKey ?? nodeArg(arg)?.eventKey;
  if (!key) return;
  const ev = ctx.session.store.find(key);
  if (!ev) {
    notHeld(key);
    return;
  }
  const group = target?.group ? [...new Set(target.group.slice(0, MAX_MARKED).map(entryKey))] : undefined;
  const subject = target?.resourceArn ? { kind: 'resource' as const, arn: target.resourceArn } : { kind: 'principal' as const, arn: ev.principal.arn };
  ctx.panels.open(subject, {
    id: key,
    ...(group && group.length > 1 ? { group } : {}),
    ...(group && group.length > 1 && target?.groupLabel ? { groupLabel: target.groupLabel } : {}),
  });
  ctx.log.debug(`showing event ${escapeTerminal(key)} in the events panel of ${escapeTerminal(subject.arn)}`);
}

/** Opens a finding's or gap's CloudTrail record as a read-only JSON document. */
export async function openEventJson(ctx: CommandContext, arg?: unknown): Promise<void> {
  const key = targetArg(arg)?.eventKey ?? nodeArg(arg)?.eventKey;
  if (!key) return;
  const ev = ctx.session.store.find(key);
  if (!ev) {
    notHeld(key);
    return;
  }
  await openRecordDocument(ev);
  ctx.log.debug(`opened event ${escapeTerminal(eventKey(ev))}`);
}
