import * as vscode from 'vscode';
import type { Session } from '../session';
import type { ProductEntry } from '../model/productsModel';
import { arnParts } from '../model/arnParts';
import { count, type TreeNode } from './treeNode';

/** A principal leaf: right-click Show Activity, click opens its activity. */
export function principalNode(arn: string, product: string | undefined, idPrefix: string): TreeNode {
  const parts = arnParts(arn);
  return {
    id: `${idPrefix}:p:${arn}`,
    label: parts.name || arn,
    description: product ?? 'untagged',
    tooltip: arn,
    contextValue: product === undefined ? 'principal:untagged' : 'principal',
    icon: new vscode.ThemeIcon(arn.includes(':user/') ? 'person' : 'account'),
    arn,
    ...(product !== undefined ? { product } : {}),
    command: { command: 'tagtrail.showActivity', title: 'Show Activity', arguments: [{ arn }] },
  };
}

/** A resource leaf: click or right-click Show CloudTrail Events. */
export function resourceNode(arn: string, product: string | undefined, idPrefix: string): TreeNode {
  const parts = arnParts(arn);
  return {
    id: `${idPrefix}:r:${arn}`,
    label: parts.name || arn,
    description: product ?? 'untagged',
    tooltip: arn,
    contextValue: product === undefined ? 'resource:untagged' : 'resource',
    icon: new vscode.ThemeIcon('symbol-field'),
    arn,
    ...(product !== undefined ? { product } : {}),
    command: { command: 'tagtrail.showEvents', title: 'Show CloudTrail Events', arguments: [{ arn }] },
  };
}

function resourcesGroup(e: ProductEntry, key: string): TreeNode {
  return {
    id: `${key}:resources`,
    label: 'Resources',
    description: String(e.resourceCount),
    contextValue: 'group:resources',
    icon: new vscode.ThemeIcon('database'),
    children: () => [...e.resources.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([service, byType]) => {
      const n = [...byType.values()].reduce((s, l) => s + l.length, 0);
      return {
        id: `${key}:svc:${service}`,
        label: service,
        description: String(n),
        contextValue: 'group:service',
        icon: new vscode.ThemeIcon('symbol-namespace'),
        children: () => [...byType.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, arns]) => ({
          id: `${key}:svc:${service}:${type}`,
          label: type,
          description: String(arns.length),
          contextValue: 'group:type',
          icon: new vscode.ThemeIcon('symbol-class'),
          children: () => arns.map((arn) => resourceNode(arn, e.product, key)),
        })),
      };
    }),
  };
}

function productNode(e: ProductEntry): TreeNode {
  const key = e.product === undefined ? 'untagged' : `product:${e.product}`;
  return {
    id: key,
    label: e.product ?? 'Untagged',
    description: `${count(e.principals.length, 'principal')}, ${count(e.resourceCount, 'resource')}${e.shared ? ' · shared' : ''}`,
    contextValue: e.product === undefined ? 'untagged' : e.shared ? 'product:shared' : 'product',
    icon: new vscode.ThemeIcon(e.product === undefined ? 'question' : e.shared ? 'globe' : 'package'),
    ...(e.product !== undefined ? { product: e.product } : {}),
    children: () => [
      {
        id: `${key}:principals`,
        label: 'Principals',
        description: String(e.principals.length),
        contextValue: 'group:principals',
        icon: new vscode.ThemeIcon('organization'),
        children: () => e.principals.map((arn) => principalNode(arn, e.product, key)),
      },
      resourcesGroup(e, key),
    ],
  };
}

/** Roots of the Products view: each product, then the Untagged group. */
export function productsRoots(session: Session): TreeNode[] {
  return session.model?.entries.map(productNode) ?? [];
}
