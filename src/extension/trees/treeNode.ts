import * as vscode from 'vscode';
import { visibleText } from '../../shared/visibleText';
import type { EventTarget } from './eventTarget';

/**
 * One node of any TagTrail tree. Children are computed on expansion only, so that a product with
 * 10,000 resources costs nothing until someone opens it. `arn`, `product` and `eventKey` are what
 * tree-item commands read from the node they were invoked on.
 */
export interface TreeNode {
  label: string;
  description?: string;
  tooltip?: string;
  /** Matched by the menus in package.json, e.g. `product`, `product:shared`, `resource`, `finding:write`. */
  contextValue: string;
  icon?: vscode.ThemeIcon;
  /** Stable across refreshes, so that VS Code keeps expansion state. */
  id?: string;
  children?: () => TreeNode[];
  expanded?: boolean;
  command?: vscode.Command;
  arn?: string;
  product?: string;
  eventKey?: string;
  /** A finding's or gap's event: where it opens (tagtrail.openFinding). */
  target?: EventTarget;
}

/** A plain serialisable picture of a tree, for extension-host tests. */
export interface TreeSnapshot {
  label: string;
  description?: string;
  contextValue: string;
  /** The id and arguments of the command a click runs, for tests that click through the host. */
  command?: { command: string; arguments: unknown[] };
  children?: TreeSnapshot[];
}

/** The provider every TagTrail view uses: roots come from a function, refresh re-asks it. */
export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Called the first time roots are non-empty (the activation-to-populated-tree figure). */
  onFirstPopulated?: () => void;
  /** Called after each computation of the roots with how long it took (for timings). */
  onRoots?: (roots: TreeNode[], ms: number) => void;

  constructor(private readonly roots: () => TreeNode[]) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.children
      ? node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    // Labels come from records and tags: bidi overrides and invisible characters are shown as marks.
    const item = new vscode.TreeItem(visibleText(node.label), state);
    if (node.id !== undefined) item.id = node.id;
    if (node.description !== undefined) item.description = visibleText(node.description);
    item.tooltip = visibleText(node.tooltip ?? node.arn ?? node.label);
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = node.icon;
    if (node.command) item.command = node.command;
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.children?.() ?? [];
    const t0 = Date.now();
    const roots = this.roots();
    this.onRoots?.(roots, Date.now() - t0);
    if (roots.length > 0 && this.onFirstPopulated) {
      const once = this.onFirstPopulated;
      this.onFirstPopulated = undefined;
      once();
    }
    return roots;
  }

  /** The tree down to `depth` levels, as plain data. */
  snapshot(depth = 2): TreeSnapshot[] {
    const walk = (nodes: TreeNode[], d: number): TreeSnapshot[] => nodes.map((n) => ({
      label: n.label,
      ...(n.description !== undefined ? { description: n.description } : {}),
      contextValue: n.contextValue,
      ...(n.command ? { command: { command: n.command.command, arguments: n.command.arguments ?? [] } } : {}),
      ...(n.children && d > 1 ? { children: walk(n.children(), d - 1) } : {}),
    }));
    return walk(this.roots(), depth);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A leaf or group label count, e.g. `12 principals`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
