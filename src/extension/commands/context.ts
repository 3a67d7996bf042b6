import type * as vscode from 'vscode';
import type { Session } from '../session';
import type { EventsPanels } from '../panels/eventsPanel';
import type { ListFilters } from '../trees/flatTrees';
import type { Inputs } from '../sources/inputs';
import type { Outcome } from '../loader';

/** What every command handler may use; built once in `activate`. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  session: Session;
  log: vscode.LogOutputChannel;
  panels: EventsPanels;
  filters: ListFilters;
  /** Re-reads the Principals and Resources views after a filter change. */
  refreshLists(): void;
  /** Loads a source into the session (progress, cancel, streaming). */
  load(inputs: Inputs): Promise<Outcome>;
}

/** What a tree item passes to a command it is invoked on (a TreeNode, or the `arguments` of its click command). */
export interface NodeArg {
  arn?: string;
  product?: string;
  eventKey?: string;
  contextValue?: string;
}

/** Reads a node argument defensively: commands can also be run from the palette or by other extensions. */
export function nodeArg(arg: unknown): NodeArg | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const out: NodeArg = {};
  const arn = s(a.arn);
  const product = s(a.product);
  const eventKey = s(a.eventKey);
  const contextValue = s(a.contextValue);
  if (arn !== undefined) out.arn = arn;
  if (product !== undefined) out.product = product;
  if (eventKey !== undefined) out.eventKey = eventKey;
  if (contextValue !== undefined) out.contextValue = contextValue;
  return out;
}
