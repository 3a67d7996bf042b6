import * as vscode from 'vscode';
import type { Session } from '../session';
import { arnParts } from '../model/arnParts';
import { principalNode, resourceNode } from './productsTree';
import type { TreeNode } from './treeNode';

/** The text filters of the Principals and Resources views (set by the filter commands). */
export interface ListFilters {
  principals: string;
  resources: string;
}

/** Flat lists beyond this show a hint to filter: a tree of 50,000 rows helps nobody. */
const MAX_LISTED = 2_000;

function matches(arn: string, product: string | undefined, filter: string): boolean {
  if (filter === '') return true;
  const f = filter.toLowerCase();
  return arn.toLowerCase().includes(f) || (product ?? 'untagged').toLowerCase().includes(f);
}

function capped(nodes: TreeNode[], total: number, what: string): TreeNode[] {
  if (total <= MAX_LISTED) return nodes;
  return [...nodes.slice(0, MAX_LISTED), {
    label: `${total - MAX_LISTED} more ${what}: use Filter to narrow`,
    contextValue: 'message',
    icon: new vscode.ThemeIcon('filter'),
  }];
}

/** Roots of the Principals view: every principal with its product, filtered. */
export function principalsRoots(session: Session, filters: ListFilters): TreeNode[] {
  const model = session.model;
  if (!model) return [];
  const hits = model.principals.filter((arn) => matches(arn, model.productOf.get(arn), filters.principals));
  return capped(hits.slice(0, MAX_LISTED).map((arn) => principalNode(arn, model.productOf.get(arn), 'principals')), hits.length, 'principals');
}

/** Roots of the Resources view: grouped by service when unfiltered, a flat list of hits when filtered. */
export function resourcesRoots(session: Session, filters: ListFilters): TreeNode[] {
  const model = session.model;
  if (!model) return [];
  const hits = model.resources.filter((arn) => matches(arn, model.productOf.get(arn), filters.resources));
  if (filters.resources !== '') {
    return capped(hits.slice(0, MAX_LISTED).map((arn) => resourceNode(arn, model.productOf.get(arn), 'resources')), hits.length, 'resources');
  }
  const byService = new Map<string, string[]>();
  for (const arn of hits) {
    const s = arnParts(arn).service;
    const l = byService.get(s);
    if (l) l.push(arn);
    else byService.set(s, [arn]);
  }
  return [...byService.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([service, arns]) => ({
    id: `resources:svc:${service}`,
    label: service,
    description: String(arns.length),
    contextValue: 'group:service',
    icon: new vscode.ThemeIcon('symbol-namespace'),
    children: () => capped(arns.slice(0, MAX_LISTED).map((arn) => resourceNode(arn, model.productOf.get(arn), 'resources')), arns.length, 'resources'),
  }));
}
