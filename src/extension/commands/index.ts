import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { selectProfile, selectRegions } from './awsCommands';
import { refresh, openDemo, loadFiles } from './loadCommands';
import { checkViolations } from './checkViolations';
import { showEvents, showActivity, openFinding, openEventJson } from './showEvents';
import { exportMarkdown } from './exportMarkdown';
import { proposeGuardrails } from './proposeGuardrails';
import { filterPrincipals, filterResources, clearFilter, copyArn } from './listCommands';

/** Every command TagTrail contributes. package.json lists the same ids; a unit test keeps them equal. */
export type CommandId =
  | 'tagtrail.selectProfile'
  | 'tagtrail.selectRegions'
  | 'tagtrail.refresh'
  | 'tagtrail.checkViolations'
  | 'tagtrail.showEvents'
  | 'tagtrail.showActivity'
  | 'tagtrail.exportMarkdown'
  | 'tagtrail.openDemo'
  | 'tagtrail.loadFiles'
  | 'tagtrail.showLog'
  | 'tagtrail.openFinding'
  | 'tagtrail.openEventJson'
  | 'tagtrail.copyArn'
  | 'tagtrail.filterPrincipals'
  | 'tagtrail.filterResources'
  | 'tagtrail.clearFilter'
  | 'tagtrail.proposeGuardrails';

type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;

/** The one registry of command handlers. */
export const COMMANDS: Record<CommandId, Handler> = {
  'tagtrail.selectProfile': selectProfile,
  'tagtrail.selectRegions': selectRegions,
  'tagtrail.refresh': refresh,
  'tagtrail.checkViolations': checkViolations,
  'tagtrail.showEvents': showEvents,
  'tagtrail.showActivity': showActivity,
  'tagtrail.exportMarkdown': exportMarkdown,
  'tagtrail.openDemo': openDemo,
  'tagtrail.loadFiles': loadFiles,
  'tagtrail.showLog': (ctx) => ctx.log.show(),
  'tagtrail.openFinding': openFinding,
  'tagtrail.openEventJson': openEventJson,
  'tagtrail.copyArn': copyArn,
  'tagtrail.filterPrincipals': filterPrincipals,
  'tagtrail.filterResources': filterResources,
  'tagtrail.clearFilter': clearFilter,
  'tagtrail.proposeGuardrails': proposeGuardrails,
};

/** Registers every command, each disposable owned by the extension context. */
export function registerAllCommands(ctx: CommandContext): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args)));
  }
}
