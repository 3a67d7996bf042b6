import * as vscode from 'vscode';
import { setContext } from '../contextKeys';
import { nodeArg, type CommandContext } from './context';

async function askFilter(current: string, what: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: `TagTrail: filter ${what}`, value: current, prompt: 'Part of an ARN or a product name; empty shows all.' });
}

/** Filters the Principals view by text. */
export async function filterPrincipals(ctx: CommandContext, arg?: unknown): Promise<void> {
  const text = typeof arg === 'string' ? arg : await askFilter(ctx.filters.principals, 'principals');
  if (text === undefined) return;
  ctx.filters.principals = text.trim();
  setContext('tagtrail.principalsFiltered', ctx.filters.principals !== '');
  ctx.refreshLists();
}

/** Filters the Resources view by text. */
export async function filterResources(ctx: CommandContext, arg?: unknown): Promise<void> {
  const text = typeof arg === 'string' ? arg : await askFilter(ctx.filters.resources, 'resources');
  if (text === undefined) return;
  ctx.filters.resources = text.trim();
  setContext('tagtrail.resourcesFiltered', ctx.filters.resources !== '');
  ctx.refreshLists();
}

/** Clears both list filters (the button shows on whichever view is filtered). */
export function clearFilter(ctx: CommandContext): void {
  ctx.filters.principals = '';
  ctx.filters.resources = '';
  setContext('tagtrail.principalsFiltered', false);
  setContext('tagtrail.resourcesFiltered', false);
  ctx.refreshLists();
}

/** Copies a tree item's ARN. */
export async function copyArn(_ctx: CommandContext, arg?: unknown): Promise<void> {
  const arn = nodeArg(arg)?.arn;
  if (arn) await vscode.env.clipboard.writeText(arn);
}
