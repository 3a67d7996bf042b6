/**
 * The tiers that read what CloudTrail or LookupEvents say outright: `resources[]` (tier 1),
 * LookupEvents `Resources` (tier 5) and the resource named in an AccessDenied message (tier 6).
 */
import type { LookupResource } from '../model';
import { fillTemplate, type ArnEnv } from './arnTemplate';
import { iamService } from './iamTable';
import { LOOKUP_TYPES } from './curated/lookupTypes';
import { EVENT_SOURCE_PREFIX } from './curated/eventSources';
import { isKmsKeyId } from './fillTemplates';
import { looksLikeArn } from './recordValues';

export interface EnvelopeArn {
  arn: string;
  assumption?: string;
}

const MAX_ENTRIES = 200;
const NONE: never[] = [];

/** Tier 1: the `ARN` of every `resources[]` entry (entries with only an `ARNPrefix` name no resource). */
export function arnsFromResources(resources: unknown): string[] {
  if (!Array.isArray(resources)) return NONE;
  const out: string[] = [];
  for (let i = 0; i < resources.length && i < MAX_ENTRIES; i++) {
    const r: unknown = resources[i];
    if (r === null || typeof r !== 'object') continue;
    const arn = (r as Record<string, unknown>).ARN ?? (r as Record<string, unknown>).arn;
    if (typeof arn === 'string' && looksLikeArn(arn)) out.push(arn);
  }
  return out;
}

/** Tier 5: LookupEvents `Resources` entries, which give a type and a name that is often not an ARN. */
export function arnsFromLookup(lookup: LookupResource[] | undefined, env: ArnEnv): EnvelopeArn[] {
  if (!Array.isArray(lookup)) return NONE;
  const out: EnvelopeArn[] = [];
  for (let i = 0; i < lookup.length && i < MAX_ENTRIES; i++) {
    const r: unknown = lookup[i];
    if (r === null || typeof r !== 'object') continue;
    const { ResourceType: type, ResourceName: name } = r as Record<string, unknown>;
    if (typeof name !== 'string' || name === '' || name.length > 2048) continue;
    if (looksLikeArn(name)) out.push({ arn: name });
    else if (typeof type === 'string') {
      const filled = fillLookup(type, name, env);
      if (filled) out.push(filled);
    }
  }
  return out;
}

function fillLookup(type: string, name: string, env: ArnEnv): EnvelopeArn | undefined {
  const rule = LOOKUP_TYPES[type];
  const parts = type.split('::');
  if (parts.length !== 3 && !rule) return undefined;
  const svc = (parts[1] ?? '').toLowerCase();
  const prefix = rule ? rule.prefix : (EVENT_SOURCE_PREFIX[svc] ?? svc);
  const rt = iamService(prefix)?.resourceTypes.get(rule ? rule.resourceType : kebab(parts[2] ?? ''));
  if (!rt || rt.template.vars.length !== 1) return undefined;
  let value = name;
  let fillEnv = env;
  if (rule?.transform === 'stripLeadingSlash' && value.startsWith('/')) value = value.slice(1);
  if (rule?.transform === 'kmsKeyId' && !isKmsKeyId(value)) return undefined;
  if (rule?.transform === 'queueUrl') {
    const segs = value.split('/');
    if (segs.length >= 5) {
      value = segs[segs.length - 1] ?? '';
      fillEnv = { ...env, account: segs[segs.length - 2] ?? env.account };
    }
  }
  const arn = fillTemplate(rt.template, fillEnv, { [rt.template.vars[0] as string]: value });
  if (!arn) return undefined;
  return rule?.assumption ? { arn, assumption: rule.assumption } : { arn };
}

/** `SecurityGroup` -> `security-group`, `DBInstance` -> `db-instance`. */
export function kebab(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const upper = c >= 'A' && c <= 'Z';
    const prev = s[i - 1];
    const next = s[i + 1];
    const prevLower = prev !== undefined && prev >= 'a' && prev <= 'z';
    const nextLower = next !== undefined && next >= 'a' && next <= 'z';
    const prevUpper = prev !== undefined && prev >= 'A' && prev <= 'Z';
    if (upper && i > 0 && (prevLower || (prevUpper && nextLower))) out += '-';
    out += c.toLowerCase();
  }
  return out;
}

export interface DeniedResource {
  action?: string;
  arn?: string;
  /** True when the message says the call was evaluated on resource `*`. */
  onAny?: boolean;
  /** `type name` when the message names the resource without an ARN (IAM does: `user bob`). */
  typeAndName?: [string, string];
}

/**
 * Tier 6: "… is not authorized to perform: s3:GetObject on resource: "arn:…" because …". Parsed
 * with indexOf, not a regex: messages are untrusted and may be long.
 */
export function parseDenied(message: unknown): DeniedResource | undefined {
  if (typeof message !== 'string' || message.length > 8192) return undefined;
  const p = message.indexOf('perform: ');
  if (p < 0) return undefined;
  const out: DeniedResource = {};
  const actionEnd = indexOfAny(message, p + 9);
  const action = message.slice(p + 9, actionEnd);
  if (action.includes(':') && action.length < 128) out.action = action;
  const r = message.indexOf('on resource: ', actionEnd);
  if (r < 0) return out;
  let rest = message.slice(r + 13);
  if (rest.startsWith('"')) rest = rest.slice(1, Math.max(1, rest.indexOf('"', 1)));
  const first = rest.slice(0, indexOfAny(rest, 0)).replace(/[.,;)]+$/, '');
  if (first === '*') {
    out.onAny = true;
    return out;
  }
  if (looksLikeArn(first)) {
    if (!first.includes('*')) out.arn = first;
    return out;
  }
  // `on resource: user bob`, `on resource: DB instance my-db`: type words, then the name.
  const phrase = rest.slice(0, Math.min(...[rest.indexOf(' because'), rest.indexOf('. '), rest.indexOf('\n'), 200].filter((i) => i >= 0)));
  const words = phrase.trim().replace(/[.,;)]+$/, '').split(' ').filter((w) => w !== '');
  const name = words.length >= 2 ? (words[words.length - 1] as string) : '';
  const type = words.slice(0, -1).join(' ');
  if (type && name && !type.includes(':') && words.length <= 5) out.typeAndName = [type, name];
  return out;
}

/**
 * Every ARN written in a failed call's message ("Function not found: arn:…", "… on resource:
 * arn:…"), in order, trailing punctuation and quotes cut. The caller's own ARN (`User: arn:…`) is
 * left out; callers keep only ARNs of a type the action is authorised on.
 */
export function arnsInMessage(message: unknown): string[] {
  if (typeof message !== 'string' || message.length > 8192) return NONE;
  let out: string[] = NONE;
  let from = 0;
  for (;;) {
    const at = message.indexOf('arn:', from);
    if (at < 0) return out;
    const end = indexOfAny(message, at);
    const arn = message.slice(at, end).replace(/[.,;)'"\]]+$/, '');
    from = end;
    if (at > 0 && /[A-Za-z0-9]/.test(message[at - 1] as string)) continue;
    // `User: arn:… is not authorized`: the caller, never what the call acted on.
    if (message.slice(Math.max(0, at - 6), at) === 'User: ') continue;
    if (looksLikeArn(arn) && !arn.includes('*')) (out === NONE ? (out = []) : out).push(arn);
  }
}

function indexOfAny(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 34 || c === 10 || c === 9) return i;
  }
  return s.length;
}
