import * as vscode from 'vscode';
import type { Finding, Gap, GapKind, Severity } from '../../core/model';
import { FindingGrouper, groupFindings, groupGaps, historyNote, type EventEntry, type FindingGroup, type GapGroup } from '../../core/report/group';
import { shortTime, timeRange } from '../../core/report/shorten';
import type { Session } from '../session';
import { arnParts } from '../model/arnParts';
import { count, type TreeNode } from './treeNode';
import { entryKey, latestOf, type EventTarget } from './eventTarget';

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
/** Nodes per list: beyond it the exported report (Markdown or JSON) is the place to read them all. */
const MAX_LEAVES = 1_000;

/** A click selects the event's row in its events panel (tagtrail.openFinding). */
function openCommand(target: EventTarget): vscode.Command {
  return { command: 'tagtrail.openFinding', title: 'Show in Events Panel', arguments: [{ target }] };
}

/** The node fields that open `target`: on a click, and for the context menu's commands. */
function opens(target: EventTarget): Pick<TreeNode, 'eventKey' | 'target' | 'command'> {
  return { eventKey: target.eventKey, target, command: openCommand(target) };
}

function leaves<T>(items: T[], make: (x: T) => TreeNode, what = 'more'): TreeNode[] {
  const out = items.slice(0, MAX_LEAVES).map(make);
  if (items.length > MAX_LEAVES) out.push({ label: `${items.length - MAX_LEAVES} ${what}: export to Markdown or JSON to see all`, contextValue: 'message' });
  return out;
}

/** One event of a group: its time and session, opening the event with its group marked. */
function eventNode(e: EventEntry, contextValue: string, arn: string | undefined, group: Omit<EventTarget, 'eventKey'>): TreeNode {
  return {
    label: shortTime(e.eventTime) || '(no time)',
    description: [e.session, e.resourceArn && e.resourceArn !== arn ? arnParts(e.resourceArn).name : undefined, e.errorCode].filter(Boolean).join(' · '),
    tooltip: [`event ${e.eventID}`, e.eventTime, e.resourceArn, e.reason, e.productSource === 'history' && `product from the tag history at the time${e.historyRef ? ` (${e.historyRef})` : ''}`, e.sourceIPAddress && `from ${e.sourceIPAddress}`, e.source && `${e.source}${e.position !== undefined ? `:${e.position}` : ''}`].filter(Boolean).join('\n'),
    contextValue,
    ...(e.resourceArn !== undefined ? { arn: e.resourceArn } : arn !== undefined ? { arn } : {}),
    ...opens({ ...group, eventKey: entryKey(e) }),
  };
}

/** A caller, resource and action: one node with its count; a single event opens directly. */
function groupNode(g: FindingGroup): TreeNode {
  const first = g.events[0];
  const mixed = SEVERITIES.filter((s) => g.severities[s] > 0);
  const node: TreeNode = {
    id: `finding-group:${g.key}`,
    label: `${g.eventName || '(no event name)'}${g.count > 1 ? ` ×${g.count}` : ''}`,
    description: `${g.principal.display} → ${arnParts(g.resource.arn).name}${g.resource.arnCount > 1 ? ` (${g.resource.arnCount} objects)` : ''} · ${timeRange(g.firstSeen, g.lastSeen)}`,
    tooltip: [
      `${g.principal.display} (${g.principal.product})`, g.principal.arn,
      `${g.eventSource} ${g.eventName}: ${mixed.map((s) => `${g.severities[s]} ${s}`).join(', ')}`,
      `→ ${g.resource.arn} (${g.resource.product}, via ${g.resource.via.join(', ')})`,
      `${g.firstSeen}${g.lastSeen !== g.firstSeen ? ` to ${g.lastSeen}` : ''}`,
      historyNote(g),
    ].filter(Boolean).join('\n'),
    contextValue: `finding:${g.severity}`,
    icon: SEVERITY_ICON[g.severity],
    arn: g.resource.arn,
  };
  if (g.count === 1 && first) return { ...node, ...opens({ eventKey: entryKey(first), resourceArn: g.resource.arn }) };
  // A group opens on its latest event (the top of the panel's newest-first order), its others marked.
  const latest = latestOf(g.events);
  const group = { resourceArn: g.resource.arn, group: g.events, groupLabel: node.label };
  return { ...node, ...(latest ? opens({ ...group, eventKey: entryKey(latest) }) : {}), children: () => leaves(g.events, (e) => eventNode(e, `finding:${e.severity ?? g.severity}`, g.resource.arn, group), 'more events') };
}

function pairNodes(groups: FindingGroup[]): TreeNode[] {
  const pairs = new Map<string, FindingGroup[]>();
  for (const g of groups) {
    const k = `${g.principal.product} → ${g.resource.product}`;
    const l = pairs.get(k);
    if (l) l.push(g);
    else pairs.set(k, [g]);
  }
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pair, list]) => {
    const counts = { write: 0, denied: 0, read: 0 };
    for (const g of list) for (const s of SEVERITIES) counts[s] += g.severities[s];
    const present = SEVERITIES.filter((s) => counts[s] > 0);
    return {
      id: `finding-pair:${pair}`,
      label: pair,
      description: `${present.map((s) => `${counts[s]} ${s}`).join(', ')} · ${count(list.length, 'group')}`,
      contextValue: 'findingPair',
      icon: SEVERITY_ICON[present[0] ?? 'read'],
      // Groups come sorted most severe first, then oldest.
      children: () => leaves(list, groupNode, 'more groups'),
    };
  });
}

function gapGroupNode(g: GapGroup): TreeNode {
  const subject = g.by === 'action' ? g.subject : g.display;
  const actions = g.actions.slice(0, 3).map((a) => `${a.name} ${a.count}`).join(', ');
  const first = g.events[0];
  const node: TreeNode = {
    id: `gap-group:${g.key}`,
    label: `${subject}${g.count > 1 ? ` ×${g.count}` : ''}`,
    description: g.by === 'action' ? g.reason : actions,
    tooltip: [g.subject, g.reason, `${g.count} events, ${g.firstSeen}${g.lastSeen !== g.firstSeen ? ` to ${g.lastSeen}` : ''}`, actions].filter(Boolean).join('\n'),
    contextValue: `gap:${g.kind}`,
    icon: new vscode.ThemeIcon('question'),
    ...(g.by !== 'action' ? { arn: g.subject } : {}),
  };
  // An unowned resource's gaps open in its events panel; the others in the caller's activity panel,
  // the one thing known for sure about an event whose target is unknown (or whose caller is unowned).
  const where = g.kind === 'unowned-resource' && g.subject !== '' ? { resourceArn: g.subject } : {};
  if (g.count === 1 && first) return { ...node, ...opens({ ...where, eventKey: entryKey(first) }) };
  const latest = latestOf(g.events);
  const group = { ...where, group: g.events, groupLabel: node.label };
  return { ...node, ...(latest ? opens({ ...group, eventKey: entryKey(latest) }) : {}), children: () => leaves(g.events, (e) => eventNode(e, `gap:${g.kind}`, g.by === 'resource' ? g.subject : undefined, group), 'more events') };
}

function gapsNode(groups: GapGroup[], total: number): TreeNode {
  const kinds = (Object.keys(GAP_LABEL) as GapKind[]).map((k) => [k, groups.filter((g) => g.kind === k)] as const).filter(([, l]) => l.length > 0);
  return {
    id: 'gaps',
    label: 'Coverage gaps',
    description: `${total} · ${count(groups.length, 'group')}`,
    tooltip: 'Events the check could not judge: what they acted on, or whose they are, is unknown.',
    contextValue: 'gaps',
    icon: new vscode.ThemeIcon('circle-slash'),
    children: () => kinds.map(([k, l]) => ({
      id: `gaps:${k}`,
      label: GAP_LABEL[k],
      description: `${l.reduce((n, g) => n + g.count, 0)} · ${count(l.length, 'group')}`,
      contextValue: `gapKind:${k}`,
      icon: new vscode.ThemeIcon('question'),
      children: () => leaves(l, gapGroupNode, 'more groups'),
    })),
  };
}

// Grouping is made once per list (the tree asks for roots on every refresh and expansion). The
// load's findings are grouped as they stream in (`groupStreamedFindings`, on each batch of events),
// so that at 100,000 findings the tree is drawn at once when the result arrives: the result's
// findings are the streamed ones, the same objects in the same order, which is checked before the
// streamed groups are used; anything else (a re-check, a cut list) is grouped anew.
let cache: { findings: Finding[]; gaps: Gap[]; nf: number; ng: number; findingGroups: FindingGroup[]; gapGroups: GapGroup[] } | undefined;
let stream: { of: Finding[]; grouper: FindingGrouper } | undefined;

/**
 * Groups the findings streamed into the session since the last call, ahead of the check's result,
 * and finishes the groups they touched; called on each batch of events while a load runs.
 */
export function groupStreamedFindings(session: Session): void {
  if (session.streamedFindings.length > 0) catchUp(session.streamedFindings).groups();
}

/** Feeds the grouper with findings streamed since the last call. */
function catchUp(streamed: Finding[]): FindingGrouper {
  if (!stream || stream.of !== streamed) stream = { of: streamed, grouper: new FindingGrouper() };
  const g = stream.grouper;
  if (g.count < streamed.length) g.add(streamed.slice(g.count));
  return g;
}

function samePrefix(a: Finding[], b: Finding[], n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function groupsOf(findings: Finding[], streamed: Finding[] | undefined): FindingGroup[] {
  if (streamed && streamed.length === findings.length && findings.length > 0) {
    const grouper = catchUp(streamed);
    if (grouper.count === findings.length && samePrefix(findings, streamed, findings.length)) return grouper.groups();
  }
  return groupFindings(findings);
}

function grouped(findings: Finding[], gaps: Gap[], streamed?: Finding[]): { findingGroups: FindingGroup[]; gapGroups: GapGroup[] } {
  if (cache && cache.findings === findings && cache.gaps === gaps && cache.nf === findings.length && cache.ng === gaps.length) return cache;
  cache = { findings, gaps, nf: findings.length, ng: gaps.length, findingGroups: groupsOf(findings, streamed), gapGroups: groupGaps(gaps) };
  return cache;
}

/**
 * The Findings view's description: counts of findings and gaps (empty before a check). Short, so
 * that it fits beside the title in a side bar of the default width; the pairs count their groups.
 */
export function findingsViewDescription(session: Session): string {
  const r = session.lastResult;
  if (!r) return session.partialFindings.length > 0 ? `${count(session.partialFindings.length, 'finding')} so far` : '';
  return `${count(r.stats.findings, 'finding')} · ${count(r.stats.gaps, 'gap')}`;
}

/**
 * Roots of the Findings view: product pairs, each with its findings grouped by caller, resource and
 * action (most severe first, then oldest; a group's events below it), then coverage gaps by kind,
 * grouped by caller, resource or action and reason; partial while loading.
 */
export function findingsRoots(session: Session): TreeNode[] {
  const r = session.lastResult;
  const findings = r?.findings ?? session.partialFindings;
  const gaps = r?.gaps ?? session.partialGaps;
  if (!r && findings.length === 0 && gaps.length === 0) return [];
  const head: TreeNode[] = [];
  if (!r) head.push({ label: 'Check running…', description: `${count(findings.length, 'finding')} so far`, contextValue: 'message', icon: new vscode.ThemeIcon('loading~spin') });
  else if (session.lastCheckProduct !== undefined) head.push({ label: `Scope: ${session.lastCheckProduct}`, contextValue: 'message', icon: new vscode.ThemeIcon('filter') });
  if (r && findings.length === 0) head.push({ label: 'No cross-product access found', description: `${r.stats.recordsInScope} events checked`, contextValue: 'message', icon: new vscode.ThemeIcon('pass') });
  const g = grouped(findings, gaps, r ? session.streamedFindings : undefined);
  return [...head, ...pairNodes(g.findingGroups), ...(gaps.length > 0 ? [gapsNode(g.gapGroups, r?.stats.gaps ?? gaps.length)] : [])];
}
