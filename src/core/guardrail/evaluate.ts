/**
 * A narrow IAM policy evaluator for exactly the statements TagTrail writes (see `policy.ts`):
 * Allow/Deny with Action/NotAction, Resource/NotResource, `Principal: "*"`, and the condition
 * operators StringEquals, StringNotEquals, StringLike, StringNotLike, ArnLike, ArnNotLike, Null and
 * Bool, with policy variables `${key}` in values. An explicit Deny overrides any Allow; a document
 * with no matching statement denies implicitly unless it is a service or resource control policy
 * given the implicit full-access base (FullAWSAccess / RCPFullAWSAccess). TagTrail is MIT and ships
 * its dependencies, so it does not bundle the AGPL iam-simulate package; the tests
 * cross-check this evaluator against it on every event of the demo and a sample of the bench.
 */
import type { ConditionBlock, PolicyDocument, Statement } from './policy';

/** What a request looks like to the policies: action, resource and the context keys. */
export interface RequestContext {
  /** `service:Action` as IAM spells it. */
  action: string;
  /** The resource ARN (or `*` for actions without one). */
  resource: string;
  /** Condition keys with their values: `aws:PrincipalArn`, `aws:PrincipalTag/product`, … */
  keys: Record<string, string>;
}

export type Decision = 'explicit-deny' | 'allowed' | 'implicit-deny';

/** The outcome of one document, with the statement that decided it. */
export interface DocumentDecision {
  decision: Decision;
  sid?: string;
}

const globCache = new Map<string, RegExp>();

/** IAM's `*` (any run) and `?` (one character) wildcards; case-insensitive for actions. */
function glob(pattern: string, flags: string): RegExp {
  const key = flags + pattern;
  let re = globCache.get(key);
  if (re === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`, flags);
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(key, re);
  }
  return re;
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

/** A statement's action list, compiled once: exact names in a set, wildcards as expressions. */
interface ActionSet {
  any: boolean;
  exact: Set<string>;
  wild: RegExp[];
}

const compiled = new WeakMap<string[] | Statement, ActionSet>();

function actionSet(key: Statement, patterns: string[]): ActionSet {
  let c = compiled.get(key);
  if (c === undefined) {
    c = { any: false, exact: new Set(), wild: [] };
    for (const p of patterns) {
      if (p === '*') c.any = true;
      else if (p.includes('*') || p.includes('?')) c.wild.push(glob(p, 'i'));
      else c.exact.add(p.toLowerCase());
    }
    compiled.set(key, c);
  }
  return c;
}

function actionMatches(set: ActionSet, action: string): boolean {
  if (set.any) return true;
  if (set.exact.has(action.toLowerCase())) return true;
  for (const re of set.wild) if (re.test(action)) return true;
  return false;
}

/**
 * ARN matching as ArnLike and the Resource element do it: the first five `:`-separated segments
 * are matched each on their own, the sixth takes the rest of the ARN; wildcards never cross a segment.
 */
export function arnLike(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (p === undefined || a === undefined) return glob(pattern, '').test(arn);
  for (let i = 0; i < 6; i++) if (!glob(p[i] as string, '').test(a[i] as string)) return false;
  return true;
}

function splitArn(s: string): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = s.indexOf(':', from);
    if (c < 0) return undefined;
    parts.push(s.slice(from, c));
    from = c + 1;
  }
  parts.push(s.slice(from));
  return parts[0] === 'arn' || parts[0] === '*' ? parts : undefined;
}

function resourceMatches(patterns: string[], resource: string): boolean {
  for (const p of patterns) if (arnLike(p, resource)) return true;
  return false;
}

/** Replaces `${key}` with the context's value; undefined when a variable has no value (the value then matches nothing). */
function substitute(value: string, keys: Record<string, string>): string | undefined {
  if (!value.includes('${')) return value;
  let missing = false;
  const out = value.replace(/\$\{([^}]+)\}/g, (_m, k: string) => {
    if (k === '*' || k === '?' || k === '$') return k;
    const v = keys[k];
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? undefined : out;
}

function operatorHolds(op: string, key: string, values: string[], keys: Record<string, string>): boolean {
  const actual = keys[key];
  const resolved = (): string[] => values.map((v) => substitute(v, keys)).filter((v): v is string => v !== undefined);
  switch (op) {
    case 'Null':
      return values.some((v) => (v.toLowerCase() === 'true') === (actual === undefined));
    case 'Bool':
      return actual !== undefined && values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringEquals':
      return actual !== undefined && resolved().includes(actual);
    case 'StringNotEquals':
      return actual === undefined || !resolved().includes(actual);
    case 'StringLike':
      return actual !== undefined && resolved().some((v) => glob(v, '').test(actual));
    case 'StringNotLike':
      return actual === undefined || !resolved().some((v) => glob(v, '').test(actual));
    case 'ArnLike':
      return actual !== undefined && resolved().some((v) => arnLike(v, actual));
    case 'ArnNotLike':
      return actual === undefined || !resolved().some((v) => arnLike(v, actual));
    default:
      // An operator this evaluator does not know: refusing is safer than guessing.
      throw new Error(`condition operator ${op} is not supported by the guardrail evaluator`);
  }
}

function conditionHolds(condition: ConditionBlock | undefined, keys: Record<string, string>): boolean {
  if (condition === undefined) return true;
  for (const [op, block] of Object.entries(condition)) {
    for (const [key, v] of Object.entries(block)) if (!operatorHolds(op, key, list(v), keys)) return false;
  }
  return true;
}

/** True when the statement applies to the request (its effect then counts). */
export function statementApplies(s: Statement, ctx: RequestContext): boolean {
  // Statements are compiled on first use (keyed by the statement object): documents do not change.
  if (s.Action !== undefined && !actionMatches(actionSet(s, list(s.Action)), ctx.action)) return false;
  if (s.NotAction !== undefined && actionMatches(actionSet(s, list(s.NotAction)), ctx.action)) return false;
  if (s.Resource !== undefined && !resourceMatches(list(s.Resource), ctx.resource)) return false;
  if (s.NotResource !== undefined && resourceMatches(list(s.NotResource), ctx.resource)) return false;
  return conditionHolds(s.Condition, ctx.keys);
}

/**
 * One document's decision: explicit deny when a Deny statement applies, else allowed when an Allow
 * applies or `implicitAllow` (an SCP or RCP beside the full-access policy), else implicit deny.
 */
export function evaluateDocument(doc: PolicyDocument, ctx: RequestContext, implicitAllow: boolean): DocumentDecision {
  let allowedBy: string | undefined;
  for (const s of doc.Statement) {
    if (!statementApplies(s, ctx)) continue;
    if (s.Effect === 'Deny') return { decision: 'explicit-deny', sid: s.Sid };
    allowedBy ??= s.Sid;
  }
  if (allowedBy !== undefined) return { decision: 'allowed', sid: allowedBy };
  return { decision: implicitAllow ? 'allowed' : 'implicit-deny' };
}

/**
 * Several documents of one layer (the SCPs of an account, a boundary split in parts): any explicit
 * deny wins; otherwise each document must allow (the same as IAM for SCPs; for split boundaries each
 * part carries the Allow statement).
 */
export function evaluateDocuments(docs: readonly PolicyDocument[], ctx: RequestContext, implicitAllow: boolean): DocumentDecision {
  let result: DocumentDecision = { decision: 'allowed' };
  for (const d of docs) {
    const r = evaluateDocument(d, ctx, implicitAllow);
    if (r.decision === 'explicit-deny') return r;
    if (r.decision === 'implicit-deny') result = r;
  }
  return result;
}
