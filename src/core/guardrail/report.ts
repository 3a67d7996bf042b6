/**
 * The guardrail's outputs besides the policy files: text for the terminal, a markdown section
 * "Guardrails" with the replay table, and JSON. Every string that came from CloudTrail or the
 * inventory (ARNs, products, event names) is escaped for the medium.
 */
import { escapeMarkdownCell, escapeTerminal } from '../report/escape';
import { mdTable } from '../report/mdTable';
import type { Proposal } from './propose';
import type { ReplayedItem, ReplayResult } from './replay';
import { conditionsSource } from './conditions';

const OUTCOMES = ['denied', 'broken', 'missed', 'unguardable', 'allowed'] as const;
const RELATIONS = ['cross', 'same', 'shared', 'exempted', 'untagged', 'service'] as const;
const RELATION_LABEL: Record<string, string> = {
  cross: 'cross-product', same: 'same product', shared: 'shared product', exempted: 'exempted by the mapping',
  untagged: 'caller or resource without a product', service: 'AWS service caller',
};

function accessLine(l: ReplayedItem): string[] {
  const i = l.item;
  const ev = i.examples[0];
  return [
    l.outcome, ev?.eventTime ?? '', i.actions.join(', '),
    `${i.principalArn} (${i.principalProduct ?? '–'}${i.principalTagged ? '' : ', mapped'})`,
    `${i.resourceArn} (${i.resourceProduct ?? '–'})`,
    String(i.count),
    l.deniedBy.map((d) => `${d.form}${d.sid ? ` ${d.sid}` : ''}`).join(', ') || (l.reason ?? ''),
    i.examples.slice(0, 3).map((e) => e.eventID).join(' '),
  ];
}

export function guardrailMarkdown(p: Proposal, r: ReplayResult): string {
  const out: string[] = ['## Guardrails', ''];
  out.push(`Proposed: ${p.documents.map((d) => `\`${d.name}\` (${d.form}, ${d.size} characters)`).join(', ') || 'no document'}. ` +
    `Tag key \`${escapeMarkdownCell(p.tagKey)}\`; actions: ${p.scope === 'seen' ? 'every guardable action seen in the window' : 'every guardable action of the services seen'}; condition keys from ${escapeMarkdownCell(conditionsSource)}.`);
  out.push('');
  out.push(`Replay: ${r.events} events in scope, ${r.accesses} accesses (event and target) in ${r.contexts} distinct request contexts; ` +
    `${r.noTarget} events name no resource (List*, Describe*: nothing to guard by resource tag)${r.noAction ? `, ${r.noAction} have no IAM action` : ''}.`);
  out.push('');
  out.push(mdTable(['access', ...OUTCOMES], RELATIONS.filter((k) => r.byRelation[k]).map((k) => [RELATION_LABEL[k] ?? k, ...OUTCOMES.map((o) => r.byRelation[k]?.[o] ?? 0)])));
  out.push('');
  out.push(`**${r.byOutcome.denied}** cross-product accesses denied, **${r.byOutcome.broken}** same-product, shared or exempted accesses broken, ` +
    `**${r.byOutcome.missed}** cross-product accesses missed, **${r.byOutcome.unguardable}** cross-product accesses unguardable.` +
    ` Denied per form: ${Object.entries(r.deniedByForm).map(([f, n]) => `${f} ${n}`).join(', ') || 'none'}.`);
  if (r.listed.length > 0) {
    out.push('', '### Cross-product and broken accesses', '');
    out.push(mdTable(['outcome', 'time', 'action', 'caller (product)', 'resource (product)', 'events', 'denied by / why not', 'event IDs'], r.listed.slice(0, 500).map(accessLine)));
    if (r.listed.length > 500) out.push('', `${r.listed.length - 500} more in the JSON output.`);
  }
  out.push('', '### Unguardable (residual risk)', '');
  if (r.unguardable.length === 0) out.push('Every access with a named resource was on an action and resource type that supports `aws:ResourceTag`.');
  else out.push(mdTable(['service', 'accesses', 'cross-product', 'actions (resource type): why'], r.unguardable.map((u) => [u.service, u.accesses, u.crossProduct, u.actions.slice(0, 20).join('; ') + (u.actions.length > 20 ? ` … ${u.actions.length - 20} more` : '')])));
  if (p.notes.length > 0) {
    out.push('', '### Notes', '');
    for (const n of p.notes) out.push(`- ${escapeMarkdownCell(n, 2000)}`);
  }
  return out.join('\n') + '\n';
}

export function guardrailText(p: Proposal, r: ReplayResult, written?: string[]): string {
  const t = (s: string): string => escapeTerminal(s);
  const out: string[] = [];
  out.push(`guardrail: ${p.documents.length} document(s): ${p.documents.map((d) => `${d.name} ${d.size}/${d.form === 'boundary' ? 6144 : 5120} chars`).join(', ') || 'none'}`);
  if (written && written.length > 0) out.push(`written: ${written.map(t).join(', ')}`);
  out.push(`replay: ${r.events} events, ${r.accesses} accesses, ${r.contexts} contexts; ${r.noTarget} events name no resource`);
  out.push(`  denied ${r.byOutcome.denied} cross-product · broken ${r.byOutcome.broken} · missed ${r.byOutcome.missed} · unguardable ${r.byOutcome.unguardable} cross-product · allowed ${r.byOutcome.allowed}`);
  for (const k of RELATIONS) {
    const row = r.byRelation[k];
    if (!row) continue;
    out.push(`  ${(RELATION_LABEL[k] ?? k).padEnd(38)} ${OUTCOMES.filter((o) => row[o]).map((o) => `${o} ${row[o]}`).join(', ')}`);
  }
  const bad = r.listed.filter((l) => l.outcome !== 'denied');
  for (const l of bad.slice(0, 20)) out.push(`  ${l.outcome}: ${t(l.item.actions.join(','))} ${t(l.item.principalArn)} -> ${t(l.item.resourceArn)} ×${l.item.count}: ${t(l.reason ?? '')}`);
  if (bad.length > 20) out.push(`  … ${bad.length - 20} more (see --format md or json)`);
  if (r.unguardable.length > 0) out.push(`unguardable by service: ${r.unguardable.map((u) => `${t(u.service)} ${u.accesses}${u.crossProduct ? ` (${u.crossProduct} cross-product)` : ''}`).join(', ')}`);
  for (const n of p.notes) out.push(`note: ${t(n)}`);
  return out.join('\n') + '\n';
}

export function guardrailJson(p: Proposal, r: ReplayResult): string {
  return JSON.stringify({
    format: 'tagtrail-guardrail', version: 1, conditionsSource,
    proposal: { tagKey: p.tagKey, scope: p.scope, actions: p.actions, notes: p.notes, documents: p.documents },
    replay: {
      events: r.events, accesses: r.accesses, contexts: r.contexts, noTarget: r.noTarget, noAction: r.noAction,
      byOutcome: r.byOutcome, byRelation: r.byRelation, deniedByForm: r.deniedByForm, unguardable: r.unguardable,
      listed: r.listed.map((l) => ({ outcome: l.outcome, deniedBy: l.deniedBy, ...(l.reason !== undefined ? { reason: l.reason } : {}), ...l.item })),
    },
  }, null, 2) + '\n';
}
