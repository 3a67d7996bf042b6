import * as vscode from 'vscode';
import type { Finding, Gap, GapKind, Severity } from '../../core/model';
import type { Session } from '../session';
import { arnParts } from '../model/arnParts';
import { count, type TreeNode } from './treeNode';

const SEVERITIES: Severity[] = ['write', 'denied', 'read'];
const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  write: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  denied: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  read: new vscode.ThemeIcon('eye'),
};
const GAP_LABEL: Record<GapKind, string> = {
  'unresolved-target': 'Unresolved targets',
  'partial-target': 'Partly resolved targets',
  'unowned-principal': 'Principals without a product',
  'unowned-resource': 'Resources without a product',
};
/** Leaves per group: beyond it the markdown export is the place to read them all. */
const MAX_LEAVES = 1_000;

function openCommand(eventKey: string): vscode.Command {
  return { command: 'tagtrail.openFinding', title: 'Open Event', arguments: [{ eventKey }] };
}

function leaves<T>(items: T[], make: (x: T) => TreeNode): TreeNode[] {
  const out = items.slice(0, MAX_LEAVES).map(make);
  if (items.length > MAX_LEAVES) out.push({ label: `${items.length - MAX_LEAVES} more: export to Markdown to see all`, contextValue: 'message' });
  return out;
}

function findingNode(f: Finding): TreeNode {
  const key = f.eventID || `${f.source}`;
  return {
    label: f.eventName || '(no event name)',
    description: `${arnParts(f.principal.arn).name} → ${arnParts(f.resource.arn).name} · ${f.eventTime}`,
    tooltip: `${f.principal.arn} (${f.principal.product})\n${f.eventSource} ${f.eventName}${f.errorCode ? ` (${f.errorCode})` : ''}\n→ ${f.resource.arn} (${f.resource.product}, via ${f.resource.via})`,
    contextValue: `finding:${f.severity}`,
    icon: SEVERITY_ICON[f.severity],
    arn: f.resource.arn,
    eventKey: key,
    command: openCommand(key),
  };
}

function gapNode(g: Gap): TreeNode {
  return {
    label: g.eventName || '(no event name)',
    description: g.reason,
    tooltip: `${g.eventSource} ${g.eventName} at ${g.eventTime}\n${g.reason}${g.principalArn ? `\nprincipal ${g.principalArn}` : ''}${g.resourceArn ? `\nresource ${g.resourceArn}` : ''}`,
    contextValue: `gap:${g.kind}`,
    icon: new vscode.ThemeIcon('question'),
    ...(g.resourceArn !== undefined ? { arn: g.resourceArn } : {}),
    eventKey: g.eventID,
    command: openCommand(g.eventID),
  };
}

function pairNodes(findings: Finding[]): TreeNode[] {
  const pairs = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.principal.product} → ${f.resource.product}`;
    const l = pairs.get(k);
    if (l) l.push(f);
    else pairs.set(k, [f]);
  }
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pair, list]) => {
    const bySev = SEVERITIES.map((s) => [s, list.filter((f) => f.severity === s)] as const).filter(([, l]) => l.length > 0);
    return {
      id: `finding-pair:${pair}`,
      label: pair,
      description: bySev.map(([s, l]) => `${l.length} ${s}`).join(', '),
      contextValue: 'findingPair',
      icon: SEVERITY_ICON[bySev[0]?.[0] ?? 'read'],
      children: () => bySev.map(([s, l]) => ({
        id: `finding-pair:${pair}:${s}`,
        label: s,
        description: String(l.length),
        contextValue: `severity:${s}`,
        icon: SEVERITY_ICON[s],
        children: () => leaves(l, findingNode),
      })),
    };
  });
}

function gapsNode(gaps: Gap[]): TreeNode {
  const kinds = (Object.keys(GAP_LABEL) as GapKind[]).map((k) => [k, gaps.filter((g) => g.kind === k)] as const).filter(([, l]) => l.length > 0);
  return {
    id: 'gaps',
    label: 'Coverage gaps',
    description: String(gaps.length),
    tooltip: 'Events the check could not judge: what they acted on, or whose they are, is unknown.',
    contextValue: 'gaps',
    icon: new vscode.ThemeIcon('circle-slash'),
    children: () => kinds.map(([k, l]) => ({
      id: `gaps:${k}`,
      label: GAP_LABEL[k],
      description: String(l.length),
      contextValue: `gapKind:${k}`,
      icon: new vscode.ThemeIcon('question'),
      children: () => leaves(l, gapNode),
    })),
  };
}

/** Roots of the Findings view: product pairs by severity, then coverage gaps; partial while loading. */
export function findingsRoots(session: Session): TreeNode[] {
  const r = session.lastResult;
  const findings = r?.findings ?? session.partialFindings;
  const gaps = r?.gaps ?? session.partialGaps;
  if (!r && findings.length === 0 && gaps.length === 0) return [];
  const head: TreeNode[] = [];
  if (!r) head.push({ label: 'Check running…', description: `${count(findings.length, 'finding')} so far`, contextValue: 'message', icon: new vscode.ThemeIcon('loading~spin') });
  else if (session.lastCheckProduct !== undefined) head.push({ label: `Scope: ${session.lastCheckProduct}`, contextValue: 'message', icon: new vscode.ThemeIcon('filter') });
  if (r && findings.length === 0) head.push({ label: 'No cross-product access found', description: `${r.stats.recordsInScope} events checked`, contextValue: 'message', icon: new vscode.ThemeIcon('pass') });
  return [...head, ...pairNodes(findings), ...(gaps.length > 0 ? [gapsNode(gaps)] : [])];
}
