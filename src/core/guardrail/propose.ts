/**
 * Proposes the guardrail: policy documents that deny a principal of one product acting on a resource
 * tagged with another, for the actions whose resource types support `aws:ResourceTag/<key>`.
 *
 * Decisions (also in the README):
 * - Tagged principals are judged by `aws:PrincipalTag/<key>` against `aws:ResourceTag/<key>` with a
 *   policy variable; shared products are listed beside the variable, so their resources stay usable.
 * - Principals without the tag are never denied by that statement (`Null` on the principal tag):
 *   an untagged principal gets no product, and denying it everything tagged would break every CI,
 *   break-glass and vendor role that was never tagged. Principals the mapping file gives a product
 *   by ARN pattern (Identity Center roles, which cannot be tagged) get one statement per product
 *   with `ArnLike aws:PrincipalArn`, applied only while they carry no tag (tags win, as in the check).
 *   Untagged, unmapped principals are unguarded and listed by the replay.
 * - Resources without the tag are never denied (`Null` on the resource tag).
 * - AWS service principals are never denied (`aws:PrincipalIsAWSService`).
 * - Mapping exemptions: a principal-only exemption becomes `ArnNotLike aws:PrincipalArn`, a
 *   resource-only one `NotResource`, a principal-and-resource one both: the principal is left out of
 *   the general statements and gets statements of its own that leave out the resource. An
 *   exemption's `eventName` cannot be expressed as an IAM action and is widened to every action
 *   (said in the notes): an exemption that denies what it was meant to allow would break the access.
 */
import type { ProductMapping } from '../model';
import { ArnPattern } from '../attribute/arnPattern';
import { compressActions } from './compress';
import { actionNames, guardableActionNames, isGuardableAction, rcpSupports } from './conditions';
import { policySize, SIZE_LIMIT, type ConditionBlock, type GuardrailForm, type PolicyDocument, type Statement } from './policy';

export type ActionScope = 'seen' | 'services';

export interface ProposalInput {
  /** The tag key the policies test (the first of the check's product tag keys). */
  tagKey: string;
  mapping: ProductMapping | undefined;
  /** IAM actions (`svc:Name`) seen in the window on a target, guardable or not. */
  seenActions: Iterable<string>;
  forms: readonly GuardrailForm[];
  /** `seen`: the guardable actions seen in the window; `services`: every guardable action of those services. */
  scope: ActionScope;
}

/** One policy file of the proposal. */
export interface ProposedDocument {
  form: GuardrailForm;
  /** File name without folder: `scp-1.json`. */
  name: string;
  document: PolicyDocument;
  /** Characters as AWS counts them for the form. */
  size: number;
}

export interface Proposal {
  tagKey: string;
  scope: ActionScope;
  documents: ProposedDocument[];
  /** The actions the documents deny on, per form, after compression. */
  actions: Partial<Record<GuardrailForm, string[]>>;
  /** Sentences a reader needs: splits, compression, widened exemptions, principals that cannot be named. */
  notes: string[];
}

/** A deny rule before it is written for a form: who it covers and what it leaves out. */
interface Rule {
  sid: string;
  /** Undefined: tagged principals, judged by the policy variable; else untagged principals of the mapping for this product. */
  product?: string;
  principalLike: string[];
  principalNotLike: string[];
  notResources: string[];
}

function sidPart(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9]/g, '');
  return clean.length > 0 ? clean.charAt(0).toUpperCase() + clean.slice(1) : 'X';
}

/** A mapping pattern usable as `aws:PrincipalArn` (IAM users and roles; not session ARNs). */
function principalArnPattern(p: string): boolean {
  return /^arn:[a-z*-]+:iam::[0-9*]*:(role|user)\//.test(p) || /^arn:[a-z*-]+:iam::[0-9*]+:root$/.test(p);
}

function rulesOf(mapping: ProductMapping | undefined, notes: string[]): Rule[] {
  const exemptions = mapping?.exemptions ?? [];
  const principalOnly: string[] = [];
  const resourceOnly: string[] = [];
  const pairs: { principal: string; resource: string }[] = [];
  for (const e of exemptions) {
    if (e.eventName !== undefined) notes.push(`Exemption "${e.reason}" names eventName ${e.eventName}: an event name is not an IAM action, so the guardrail exempts every action for it (wider than the check's exemption).`);
    if (e.principal !== undefined && !principalArnPattern(e.principal)) {
      notes.push(`Exemption "${e.reason}": principal ${e.principal} is not an IAM user or role ARN, which is all aws:PrincipalArn holds; it is left out of every statement (the guardrail exempts more than the check).`);
    }
    if (e.principal !== undefined && e.resource !== undefined) pairs.push({ principal: e.principal, resource: e.resource });
    else if (e.principal !== undefined) principalOnly.push(e.principal);
    else if (e.resource !== undefined) resourceOnly.push(e.resource);
    else if (e.eventName !== undefined) notes.push(`Exemption "${e.reason}" names only an event name: it is not expressed in the guardrail; the replay shows whether an exempted access would be denied.`);
  }
  // Principals the mapping names by pattern, per product, in the mapping's order (the first match wins).
  const mapped = new Map<string, string[]>();
  const earlier = new Map<string, string[]>();
  const seenPatterns: { pattern: string; product: string }[] = [];
  for (const m of mapping?.principals ?? []) {
    if (!principalArnPattern(m.pattern)) {
      notes.push(`Mapping pattern ${m.pattern} (${m.product}) is not an IAM user or role ARN: aws:PrincipalArn cannot match it, so those principals are not guarded unless tagged.`);
      continue;
    }
    const list = mapped.get(m.product) ?? [];
    list.push(m.pattern);
    mapped.set(m.product, list);
    // Patterns of other products listed before this one take precedence in the check.
    const before = earlier.get(m.product) ?? [];
    for (const p of seenPatterns) if (p.product !== m.product && !before.includes(p.pattern)) before.push(p.pattern);
    earlier.set(m.product, before);
    seenPatterns.push(m);
  }
  const exemptPrincipals = [...principalOnly, ...pairs.map((p) => p.principal)];
  const rules: Rule[] = [{ sid: 'DenyCrossProductTagged', principalLike: [], principalNotLike: exemptPrincipals, notResources: resourceOnly }];
  for (const [product, patterns] of mapped) {
    rules.push({ sid: `DenyCrossProductMapped${sidPart(product)}`, product, principalLike: patterns, principalNotLike: [...(earlier.get(product) ?? []), ...exemptPrincipals], notResources: resourceOnly });
  }
  pairs.forEach((p, i) => {
    const n = pairs.length > 1 ? `${i + 1}` : '';
    rules.push({ sid: `DenyCrossProductExempted${n}Tagged`, principalLike: [p.principal], principalNotLike: principalOnly, notResources: [...resourceOnly, p.resource] });
    // Untagged, the exempted principal has the product of the first mapping pattern matching it (if any).
    const m = seenPatterns.find((x) => new ArnPattern(x.pattern).matches(p.principal));
    if (m !== undefined) {
      rules.push({ sid: `DenyCrossProductExempted${n}Mapped${sidPart(m.product)}`, product: m.product, principalLike: [p.principal], principalNotLike: principalOnly, notResources: [...resourceOnly, p.resource] });
    }
  });
  return rules;
}

function one(list: string[]): string | string[] {
  return list.length === 1 ? (list[0] as string) : list;
}

function conditionOf(rule: Rule, tagKey: string, shared: string[]): ConditionBlock {
  const rt = `aws:ResourceTag/${tagKey}`;
  const pt = `aws:PrincipalTag/${tagKey}`;
  const own = rule.product === undefined ? `\${${pt}}` : rule.product;
  const c: ConditionBlock = {
    StringNotEquals: { [rt]: one([own, ...shared.filter((s) => s !== own)]) },
    Null: { [rt]: 'false', [pt]: rule.product === undefined ? 'false' : 'true' },
    Bool: { 'aws:PrincipalIsAWSService': 'false' },
  };
  if (rule.principalLike.length > 0) c['ArnLike'] = { 'aws:PrincipalArn': one(rule.principalLike) };
  if (rule.principalNotLike.length > 0) c['ArnNotLike'] = { 'aws:PrincipalArn': one(rule.principalNotLike) };
  return c;
}

function statementOf(rule: Rule, sid: string, form: GuardrailForm, actions: string[], condition: ConditionBlock): Statement {
  return {
    Sid: sid,
    Effect: 'Deny',
    ...(form === 'rcp' ? { Principal: '*' as const } : {}),
    Action: one(actions),
    ...(rule.notResources.length > 0 ? { NotResource: one(rule.notResources) } : { Resource: '*' }),
    Condition: condition,
  };
}

/** The guardable actions to deny, per service prefix, for a form. */
function actionsFor(input: ProposalInput, form: GuardrailForm): string[] {
  const byService = new Map<string, Set<string>>();
  for (const a of input.seenActions) {
    const colon = a.indexOf(':');
    if (colon <= 0) continue;
    const prefix = a.slice(0, colon);
    const name = a.slice(colon + 1);
    if (!isGuardableAction(prefix, name)) continue;
    if (form === 'rcp' && !rcpSupports(prefix)) continue;
    const set = byService.get(prefix) ?? new Set<string>();
    set.add(name);
    byService.set(prefix, set);
  }
  const out: string[] = [];
  for (const [prefix, seen] of [...byService].sort((a, b) => a[0].localeCompare(b[0]))) {
    const all = actionNames(prefix);
    const seenLow = new Set([...seen].map((n) => n.toLowerCase()));
    const names = input.scope === 'services' ? guardableActionNames(prefix) : all.filter((n) => seenLow.has(n.toLowerCase()));
    out.push(...compressActions(prefix, names, all));
  }
  return out;
}

/** Packs statements into documents under the form's size limit, splitting action lists that do not fit alone. */
function pack(form: GuardrailForm, base: Statement[], deny: { rule: Rule; condition: ConditionBlock }[], actions: string[], notes: string[]): PolicyDocument[] {
  const limit = SIZE_LIMIT[form];
  const docs: PolicyDocument[] = [];
  let current: Statement[] = [...base];
  const sizeOf = (sts: Statement[]): number => policySize({ Version: '2012-10-17', Statement: sts });
  const flush = (): void => {
    if (current.length > base.length) docs.push({ Version: '2012-10-17', Statement: current });
    current = [...base];
  };
  for (const d of deny) {
    const whole = statementOf(d.rule, d.rule.sid, form, actions, d.condition);
    if (sizeOf([...current, whole]) <= limit) {
      current.push(whole);
      continue;
    }
    if (sizeOf([...base, whole]) <= limit) {
      flush();
      current.push(whole);
      continue;
    }
    // Too long for one document: the action list is cut into parts, each a statement of its own.
    let part = 1;
    let chunk: string[] = [];
    const emit = (): void => {
      if (chunk.length === 0) return;
      current.push(statementOf(d.rule, `${d.rule.sid}Part${part++}`, form, chunk, d.condition));
      chunk = [];
    };
    for (const a of actions) {
      const next = statementOf(d.rule, `${d.rule.sid}Part${part}`, form, [...chunk, a], d.condition);
      if (sizeOf([...current, next]) <= limit) {
        chunk.push(a);
        continue;
      }
      if (chunk.length > 0) emit();
      else if (current.length > base.length) flush();
      else throw new Error(`a single action statement does not fit in a ${form} of ${limit} characters`);
      if (sizeOf([...current, statementOf(d.rule, `${d.rule.sid}Part${part}`, form, [a], d.condition)]) > limit) flush();
      chunk.push(a);
    }
    emit();
    notes.push(`${d.rule.sid}: its ${actions.length} actions do not fit in one ${form} statement of ${limit} characters; they are split into ${part - 1} statements.`);
  }
  flush();
  return docs;
}

/** The proposal for the forms asked, with notes on everything that is not exactly what the check judges. */
export function proposeGuardrails(input: ProposalInput): Proposal {
  const notes: string[] = [];
  const shared = input.mapping?.sharedProducts ?? [];
  const rules = rulesOf(input.mapping, notes);
  const documents: ProposedDocument[] = [];
  const actions: Proposal['actions'] = {};
  for (const form of input.forms) {
    const list = actionsFor(input, form);
    actions[form] = list;
    if (list.length === 0) {
      notes.push(form === 'rcp'
        ? 'No guardable action of a service that resource control policies support was seen: no RCP is proposed.'
        : `No guardable action was seen: no ${form} is proposed.`);
      continue;
    }
    if (list.some((a) => a.endsWith('*'))) notes.push(`The ${form} action list uses wildcards only where every action they match supports aws:ResourceTag today; actions AWS adds later under the same name prefix are matched too.`);
    // A boundary grants nothing by itself: it allows everything and the denies carve out of it.
    const base: Statement[] = form === 'boundary' ? [{ Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' }] : [];
    const deny = rules.map((rule) => ({ rule, condition: conditionOf(rule, input.tagKey, shared) }));
    const docs = pack(form, base, deny, list, notes);
    if (form === 'boundary' && docs.length > 1) notes.push(`A principal takes one permissions boundary: this boundary needs ${docs.length} documents of ${SIZE_LIMIT.boundary} characters and cannot be attached as it is; use the SCP, or narrow the window to fewer actions (--product, --since).`);
    if (list.some((a) => a.startsWith('s3:'))) notes.push('S3 puts aws:ResourceTag in a request only for buckets with attribute-based access control enabled (PutBucketAbac); until then the S3 actions of these policies deny nothing. The replay assumes it is enabled.');
    if (docs.length > 1 && form !== 'boundary') notes.push(`The ${form} is split into ${docs.length} documents to stay under ${SIZE_LIMIT[form]} characters each; attach all of them${form === 'scp' ? ' (an account or OU takes at most 5 SCPs)' : form === 'rcp' ? ' (at most 5 RCPs per target)' : ''}.`);
    docs.forEach((document, i) => documents.push({ form, name: `${form}-${i + 1}.json`, document, size: policySize(document) }));
  }
  return { tagKey: input.tagKey, scope: input.scope, documents, actions, notes: [...new Set(notes)] };
}
