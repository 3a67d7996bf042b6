/**
 * IAM policy documents as TagTrail writes them, their size as AWS counts it, and a grammar check
 * (what the tests and `tagtrail guardrail` run on every document before it is written).
 */

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

/** Where a document is attached: service control policy, resource control policy, permissions boundary. */
export type GuardrailForm = 'scp' | 'rcp' | 'boundary';
export const GUARDRAIL_FORMS: readonly GuardrailForm[] = ['scp', 'rcp', 'boundary'];

/**
 * Size limits in characters: SCPs and RCPs 5,120 (AWS Organizations counts every character, so
 * TagTrail counts and writes them minified); a managed policy used as a boundary 6,144, not
 * counting whitespace.
 */
export const SIZE_LIMIT: Record<GuardrailForm, number> = { scp: 5120, rcp: 5120, boundary: 6144 };

/** The document's size as AWS counts it for the form (see SIZE_LIMIT): minified JSON. */
export function policySize(doc: PolicyDocument): number {
  return JSON.stringify(doc).length;
}

/** The file text: minified for SCPs and RCPs (the limit counts whitespace), indented for boundaries. */
export function policyText(doc: PolicyDocument, form: GuardrailForm): string {
  return (form === 'boundary' ? JSON.stringify(doc, null, 2) : JSON.stringify(doc)) + '\n';
}

/** Condition operators TagTrail writes and its evaluator knows (the `…IfExists` forms are not written). */
export const KNOWN_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'ArnLike', 'ArnNotLike', 'Null', 'Bool'] as const;

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

function strings(v: unknown): v is string | string[] {
  return typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));
}

/**
 * The grammar problems of a parsed policy document (empty when valid): Version 2012-10-17, a
 * Statement array, unique alphanumeric Sids, Effect Allow/Deny, exactly one of Action/NotAction and
 * of Resource/NotResource, actions shaped `service:Name` (wildcards allowed) or `*`, known condition
 * operators with string values, Principal only where the form takes one (RCPs need `*`).
 */
export function policyProblems(doc: unknown, form?: GuardrailForm): string[] {
  const out: string[] = [];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return ['the document is not a JSON object'];
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (k !== 'Version' && k !== 'Statement' && k !== 'Id') out.push(`unknown top-level key ${k}`);
  if (d['Version'] !== '2012-10-17') out.push('Version must be "2012-10-17"');
  const list = d['Statement'];
  if (!Array.isArray(list) || list.length === 0) return [...out, 'Statement must be a non-empty array'];
  const sids = new Set<string>();
  list.forEach((st: unknown, i) => {
    const at = `Statement[${i}]`;
    if (st === null || typeof st !== 'object' || Array.isArray(st)) {
      out.push(`${at} is not an object`);
      return;
    }
    const s = st as Record<string, unknown>;
    for (const k of Object.keys(s)) if (!STATEMENT_KEYS.has(k)) out.push(`${at} has unknown key ${k}`);
    const sid = s['Sid'];
    if (sid !== undefined) {
      if (typeof sid !== 'string' || !/^[A-Za-z0-9]+$/.test(sid)) out.push(`${at}.Sid must be alphanumeric`);
      else if (sids.has(sid)) out.push(`${at}.Sid ${sid} is not unique`);
      else sids.add(sid);
    }
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') out.push(`${at}.Effect must be Allow or Deny`);
    if ((s['Action'] === undefined) === (s['NotAction'] === undefined)) out.push(`${at} needs exactly one of Action, NotAction`);
    for (const k of ['Action', 'NotAction']) {
      const v = s[k];
      if (v === undefined) continue;
      if (!strings(v)) out.push(`${at}.${k} must be a string or a non-empty list of strings`);
      else for (const a of typeof v === 'string' ? [v] : v) if (a !== '*' && !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) out.push(`${at}.${k} has a malformed action ${a}`);
    }
    if ((s['Resource'] === undefined) === (s['NotResource'] === undefined)) out.push(`${at} needs exactly one of Resource, NotResource`);
    for (const k of ['Resource', 'NotResource']) {
      const v = s[k];
      if (v !== undefined && !strings(v)) out.push(`${at}.${k} must be a string or a non-empty list of strings`);
      else if (v !== undefined) for (const r of typeof v === 'string' ? [v] : v) if (r !== '*' && !r.startsWith('arn:')) out.push(`${at}.${k} ${r} is neither * nor an ARN`);
    }
    if (s['NotPrincipal'] !== undefined) out.push(`${at}.NotPrincipal is not written by TagTrail`);
    if (form === 'rcp' && s['Principal'] !== '*') out.push(`${at}.Principal must be "*" in a resource control policy`);
    if (form !== undefined && form !== 'rcp' && s['Principal'] !== undefined) out.push(`${at}.Principal is not allowed in a ${form === 'scp' ? 'service control policy' : 'permissions boundary'}`);
    if (form === 'scp' || form === 'rcp') {
      if (form === 'rcp' && s['Effect'] === 'Allow') out.push(`${at}: a resource control policy may only deny`);
    }
    const cond = s['Condition'];
    if (cond !== undefined) {
      if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) out.push(`${at}.Condition must be an object`);
      else for (const [op, block] of Object.entries(cond as Record<string, unknown>)) {
        if (!(KNOWN_OPERATORS as readonly string[]).includes(op)) out.push(`${at}.Condition operator ${op} is not known`);
        if (block === null || typeof block !== 'object' || Array.isArray(block) || Object.keys(block).length === 0) {
          out.push(`${at}.Condition.${op} must map condition keys to values`);
          continue;
        }
        for (const [key, v] of Object.entries(block as Record<string, unknown>)) {
          if (!/^[A-Za-z0-9-]+:[A-Za-z0-9_.:/@+=-]+$/.test(key)) out.push(`${at}.Condition.${op} has a malformed key ${key}`);
          if (!strings(v)) out.push(`${at}.Condition.${op}.${key} must be a string or a non-empty list of strings`);
          else if ((op === 'Null' || op === 'Bool') && !(typeof v === 'string' ? [v] : v).every((x) => x === 'true' || x === 'false')) out.push(`${at}.Condition.${op}.${key} must be "true" or "false"`);
        }
      }
    }
  });
  if (form !== undefined) {
    const size = policySize(doc as PolicyDocument);
    if (size > SIZE_LIMIT[form]) out.push(`${size} characters, over the ${SIZE_LIMIT[form]} limit of a ${form}`);
  }
  return out;
}
