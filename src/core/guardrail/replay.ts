/**
 * Replays a window's judged events against the proposed documents: each request context is
 * evaluated by every form that applies to it, and each access is classed as denied (cross-product,
 * as wanted), broken (same-product, shared or exempted: must not happen), missed (cross-product,
 * guardable, yet allowed: with the reason), unguardable (no resource-tag condition for the action
 * or resource type: the residual risk, by service) or allowed.
 */
import type { CollectedWindow, ReplayItem } from './collect';
import { contextsOf, isServiceLinkedRole, type BuiltContext } from './context';
import { evaluateDocuments } from './evaluate';
import type { GuardrailForm, PolicyDocument } from './policy';
import type { Proposal } from './propose';

export type Outcome = 'denied' | 'broken' | 'missed' | 'unguardable' | 'allowed';

export interface ReplayedItem {
  item: ReplayItem;
  outcome: Outcome;
  /** The forms that deny it, with the deciding statement. */
  deniedBy: { form: GuardrailForm; sid?: string }[];
  /** For missed, unguardable and broken accesses: why. */
  reason?: string;
}

export interface UnguardableService {
  service: string;
  /**
   * Accesses (event and target) on an unguardable action or resource type, plus events naming no
   * resource; and the cross-product accesses among them.
   */
  accesses: number;
  crossProduct: number;
  /** `action (resource type): reason`, each once. */
  actions: string[];
}

export interface ReplayResult {
  events: number;
  accesses: number;
  /** Distinct request contexts evaluated. */
  contexts: number;
  noTarget: number;
  noAction: number;
  /** Accesses per outcome and per relation. */
  byOutcome: Record<Outcome, number>;
  byRelation: Record<string, Partial<Record<Outcome, number>>>;
  /** Accesses each form denies. */
  deniedByForm: Partial<Record<GuardrailForm, number>>;
  /** Every cross-product, broken and missed item, and the unguardable cross-product ones. */
  listed: ReplayedItem[];
  unguardable: UnguardableService[];
}

/** Whether a form's documents govern this request: who the caller is and where it lives. */
export function formApplies(form: GuardrailForm, item: ReplayItem): boolean {
  if (item.principalType === 'aws-service') return false;
  if (isServiceLinkedRole(item.principalArn)) return false;
  const sameAccount = item.principalAccount === item.account || item.account === '';
  if (form === 'scp') return sameAccount; // the account's SCPs govern its own principals only
  if (form === 'boundary') return sameAccount && ['iam-user', 'iam-role', 'sso-role', 'federated-user'].includes(item.principalType);
  return true; // an RCP governs the account's resources, whoever the caller
}

const REASONS: Record<string, string> = {
  'unknown-action': 'the IAM action is not in the Service Authorization Reference',
  'no-resource-type': 'the action has no resource type for this ARN (evaluated on *)',
  'no-tag-condition': 'the resource type does not support aws:ResourceTag for this action',
};

/** Why a form does not govern a caller, or undefined when it does. */
function notGoverned(form: GuardrailForm, item: ReplayItem): string | undefined {
  if (formApplies(form, item)) return undefined;
  if (isServiceLinkedRole(item.principalArn)) return `${form}: a service-linked role is outside SCPs, RCPs and boundaries`;
  if (item.principalAccount !== item.account && item.account !== '') return `${form}: the caller is of account ${item.principalAccount}, not the resource's`;
  return `${form}: not attachable to a ${item.principalType}`;
}

function missedReason(item: ReplayItem, forms: GuardrailForm[], built: BuiltContext[]): string {
  if (!item.resourceTagged) return "the resource's product comes from the mapping file, not a tag the policy can read";
  if (isServiceLinkedRole(item.principalArn) && item.principalType !== 'aws-service') return 'a service-linked role: SCPs, RCPs and boundaries do not apply to it';
  if (!item.principalTagged && forms.some((f) => formApplies(f, item))) return "the caller's product comes from the mapping file by a name aws:PrincipalArn does not hold";
  return forms.map((f) => notGoverned(f, item) ?? `${f}: no statement names ${built.map((b) => b.context.action).join(', ')}`).join('; ');
}

function contextKey(keys: Record<string, string>): string {
  let out = '';
  for (const k in keys) out += `${k}=${keys[k]}\u0003`;
  return out;
}

/** Evaluates the proposal on every collected item. */
export function replay(window: CollectedWindow, proposal: Proposal): ReplayResult {
  const forms = [...new Set(proposal.documents.map((d) => d.form))];
  const docsOf = new Map<GuardrailForm, PolicyDocument[]>();
  for (const d of proposal.documents) docsOf.set(d.form, [...(docsOf.get(d.form) ?? []), d.document]);
  const byOutcome: Record<Outcome, number> = { denied: 0, broken: 0, missed: 0, unguardable: 0, allowed: 0 };
  const byRelation: ReplayResult['byRelation'] = {};
  const deniedByForm: ReplayResult['deniedByForm'] = {};
  const listed: ReplayedItem[] = [];
  const unguardable = new Map<string, { accesses: number; crossProduct: number; actions: Set<string> }>();
  let accesses = 0;
  const decided = new Map<string, ReplayedItem['deniedBy']>();
  const needArn = proposal.documents.some((d) => d.document.Statement.some((st) => st.NotResource !== undefined || (st.Resource !== undefined && st.Resource !== '*')));
  for (const item of window.items) {
    accesses += item.count;
    const built = contextsOf(item, proposal.tagKey);
    const guardable = built.some((b) => b.guard.guardable);
    // Equal request contexts get equal answers: evaluated once. The ARN is part of the context only
    // when a statement names resources (NotResource for exemptions); else only its type matters.
    const key = `${item.principalType}\u0000${needArn ? item.resourceArn : ''}\u0000${built.map((b) => `${b.context.action}\u0001${b.guard.guardable ? 1 : 0}\u0001${contextKey(b.context.keys)}`).join('\u0002')}`;
    let deniedBy = decided.get(key);
    if (deniedBy === undefined) {
      deniedBy = [];
      for (const form of forms) {
        if (!formApplies(form, item)) continue;
        for (const b of built) {
          const d = evaluateDocuments(docsOf.get(form) ?? [], b.context, form !== 'boundary');
          if (d.decision !== 'allowed') {
            deniedBy.push({ form, ...(d.sid !== undefined ? { sid: d.sid } : {}) });
            break;
          }
        }
      }
      if (decided.size > 200_000) decided.clear();
      decided.set(key, deniedBy);
    }
    for (const d of deniedBy) deniedByForm[d.form] = (deniedByForm[d.form] ?? 0) + item.count;
    const cross = item.relation === 'cross';
    let outcome: Outcome;
    let reason: string | undefined;
    if (deniedBy.length > 0) {
      outcome = cross ? 'denied' : 'broken';
      if (!cross) reason = `a ${item.relation} access denied by ${deniedBy.map((d) => `${d.form} ${d.sid ?? ''}`.trim()).join(', ')}`;
    } else if (!guardable) {
      outcome = cross ? 'unguardable' : 'allowed';
      const why = [...new Set(built.map((b) => `${b.context.action}${b.guard.resourceType ? ` (${b.guard.resourceType})` : ''}: ${REASONS[b.guard.guardable ? '' : b.guard.reason] ?? ''}`))];
      reason = why.join('; ');
      if (item.relation !== 'service') {
        for (const b of built) {
          const service = b.context.action.split(':')[0] ?? '?';
          const u = unguardable.get(service) ?? { accesses: 0, crossProduct: 0, actions: new Set<string>() };
          if (b === built[0]) {
            u.accesses += item.count;
            if (cross) u.crossProduct += item.count;
          }
          if (!b.guard.guardable && u.actions.size < 200) u.actions.add(`${b.context.action}${b.guard.resourceType ? ` (${b.guard.resourceType})` : ''}: ${REASONS[b.guard.reason]}`);
          unguardable.set(service, u);
        }
      }
    } else if (cross) {
      outcome = 'missed';
      reason = missedReason(item, forms, built);
    } else outcome = 'allowed';
    byOutcome[outcome] += item.count;
    const rel = (byRelation[item.relation] ??= {});
    rel[outcome] = (rel[outcome] ?? 0) + item.count;
    if (cross || outcome === 'broken') listed.push({ item, outcome, deniedBy, ...(reason !== undefined ? { reason } : {}) });
  }
  // Calls that name no resource (List*, Describe*, ConsoleLogin) cannot be guarded by a resource tag at all.
  for (const [key, n] of window.noTargetActions) {
    const [action = '', gap] = key.split('\u0000');
    const service = action.split(':')[0] ?? '?';
    const u = unguardable.get(service) ?? { accesses: 0, crossProduct: 0, actions: new Set<string>() };
    u.accesses += n;
    if (u.actions.size < 200) u.actions.add(gap ? `${action}: the resolver could not name the resource (a gap of the check), so it cannot be replayed` : `${action}: names no resource (evaluated on *), a resource tag cannot apply`);
    unguardable.set(service, u);
  }
  const order: Record<Outcome, number> = { broken: 0, missed: 1, unguardable: 2, denied: 3, allowed: 4 };
  listed.sort((a, b) => order[a.outcome] - order[b.outcome] || (a.item.examples[0]?.eventTime ?? '').localeCompare(b.item.examples[0]?.eventTime ?? ''));
  return {
    events: window.events, accesses, contexts: window.items.length, noTarget: window.noTarget, noAction: window.noAction,
    byOutcome, byRelation, deniedByForm, listed,
    unguardable: [...unguardable].map(([service, u]) => ({ service, accesses: u.accesses, crossProduct: u.crossProduct, actions: [...u.actions].sort() }))
      .sort((a, b) => b.crossProduct - a.crossProduct || b.accesses - a.accesses || a.service.localeCompare(b.service)),
  };
}
