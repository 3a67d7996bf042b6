import * as vscode from 'vscode';
import type { ResourceCoverage, TrailCoverage } from '../../core/model';
import { coverageGroups, coverageHeadline, visibilityOf, type Visibility } from '../../core/report/coverageSummary';
import { arnParts } from '../model/arnParts';
import type { Session } from '../session';
import type { TreeNode } from './treeNode';

const ICON: Record<Visibility, vscode.ThemeIcon> = {
  visible: new vscode.ThemeIcon('eye'),
  invisible: new vscode.ThemeIcon('eye-closed', new vscode.ThemeColor('list.warningForeground')),
  unknown: new vscode.ThemeIcon('question'),
};
const MAX_LEAVES = 1_000;

function counts(v: { visible: number; invisible: number; unknown: number }): string {
  return [v.visible && `${v.visible} visible`, v.invisible && `${v.invisible} invisible`, v.unknown && `${v.unknown} unknown`].filter(Boolean).join(' · ');
}

function resourceNode(r: ResourceCoverage): TreeNode {
  const v = visibilityOf(r);
  return {
    id: `coverage:${r.arn}`,
    label: arnParts(r.arn).name || r.arn,
    description: v === 'visible' ? 'visible' : `${v}: data ${r.dataEvents}, management ${r.managementEvents}`,
    tooltip: `${r.arn}\n${r.why}`,
    contextValue: `coverage:${v}`,
    icon: ICON[v],
    arn: r.arn,
    ...(r.product !== null ? { product: r.product } : {}),
  };
}

function trailsNode(c: TrailCoverage): TreeNode {
  const bare = c.regions.filter((r) => r.verdict === 'no-trail' || r.verdict === 'stopped');
  return {
    id: 'coverage:trails',
    label: 'Trails and regions',
    description: `${c.trails.length} trails${bare.length ? ` · no logging trail in ${bare.map((r) => r.region).join(', ')}` : ''}`,
    contextValue: 'coverage:trails',
    icon: new vscode.ThemeIcon('list-tree'),
    children: () => [
      ...c.trails.map((t) => ({
        label: t.name,
        description: `${t.isLogging === false ? 'stopped' : t.isLogging ? 'logging' : 'state unknown'} · ${t.multiRegion ? 'all regions' : t.homeRegion ?? '?'} · ${t.selectors} selectors`,
        tooltip: [t.arn ?? t.name, ...t.notes].join('\n'),
        contextValue: `coverage:trail:${t.isLogging === false ? 'stopped' : 'logging'}`,
        icon: t.isLogging === false ? ICON.invisible : new vscode.ThemeIcon('history'),
      })),
      ...c.regions.map((r) => ({
        label: r.region,
        description: r.verdict === 'covered' ? r.trails.join(', ') : r.verdict === 'stopped' ? `only stopped trails: ${r.stopped.join(', ')}` : r.verdict === 'no-trail' ? 'no trail' : 'unknown',
        contextValue: `coverage:region:${r.verdict}`,
        icon: r.verdict === 'covered' ? new vscode.ThemeIcon('globe') : ICON.invisible,
      })),
      ...c.problems.map((p) => ({ label: 'Problem', description: p, tooltip: p, contextValue: 'message', icon: ICON.unknown })),
    ],
  };
}

/**
 * The Coverage view after a check: products, then resource types with how many of their resources
 * the trail can see, then each resource (visible, invisible or unknown, with why in the tooltip);
 * the trails and regions after them. Before any check, a line saying so.
 */
export function coverageRoots(session: Session): TreeNode[] {
  const c = session.lastResult?.coverage;
  if (!c) return [{ label: 'Run a check to see what the trail can see', contextValue: 'message' }];
  const head: TreeNode = { label: c.invisible > 0 ? `${c.invisible} of ${c.resources.length} resources invisible` : c.known ? 'Trail coverage' : 'Trail coverage unknown', description: coverageHeadline(c), tooltip: coverageHeadline(c), contextValue: 'message', icon: c.invisible > 0 ? ICON.invisible : c.known ? ICON.visible : ICON.unknown };
  const products = coverageGroups(c).map((g): TreeNode => {
    const total = g.types.reduce((a, t) => ({ visible: a.visible + t.visible, invisible: a.invisible + t.invisible, unknown: a.unknown + t.unknown }), { visible: 0, invisible: 0, unknown: 0 });
    const name = g.product ?? '(no product)';
    return {
      id: `coverage-product:${name}`,
      label: name,
      description: counts(total),
      contextValue: 'coverage:product',
      icon: total.invisible > 0 ? ICON.invisible : total.unknown > 0 ? ICON.unknown : ICON.visible,
      ...(g.product !== null ? { product: g.product } : {}),
      expanded: total.invisible > 0,
      children: () => g.types.map((t): TreeNode => ({
        id: `coverage-type:${name}:${t.type}`,
        label: t.type,
        description: counts(t),
        contextValue: 'coverage:type',
        icon: t.invisible > 0 ? ICON.invisible : t.unknown > 0 ? ICON.unknown : ICON.visible,
        expanded: t.invisible > 0,
        children: () => {
          const order: Record<Visibility, number> = { invisible: 0, unknown: 1, visible: 2 };
          const sorted = [...t.resources].sort((a, b) => order[visibilityOf(a)] - order[visibilityOf(b)]);
          const out = sorted.slice(0, MAX_LEAVES).map(resourceNode);
          if (sorted.length > MAX_LEAVES) out.push({ label: `${sorted.length - MAX_LEAVES} more: export to JSON to see all`, contextValue: 'message' });
          return out;
        },
      })),
    };
  });
  return [head, ...products, ...(c.known ? [trailsNode(c)] : [])];
}
