/**
 * IAM ARN templates such as `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}`:
 * parsed once per resource type, then filled from a record or matched against ARNs found in it.
 */

import { partitionOfRegion, serviceOfArn } from '../arn/arn';

/** Variables every template may use that come from the record's envelope, not its parameters. */
export interface ArnEnv {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export interface ArnTemplate {
  text: string;
  /** The service segment of the template (`ec2`), which may differ from the IAM prefix that lists it. */
  service: string;
  /** Literal text around the variables: `literals.length === slots.length + 1`. */
  literals: string[];
  /** Variable names in order, environment variables included. */
  slots: string[];
  /** Variables that must come from request or response (not partition, region or account). */
  vars: string[];
  /**
   * Per slot, the type word the template writes before it (`alias/` in `…:alias/${Alias}`), or ''.
   * A value that repeats it (`alias/prod`, as KMS and others accept) loses it: never `alias/alias/prod`.
   */
  typeWords: string[];
  matcher?: RegExp;
}

const ENV_VARS = new Set(['Partition', 'Region', 'Account', 'AccountId']);

/** True for the variables filled from the record's envelope. */
export function isEnvVar(name: string): boolean {
  return ENV_VARS.has(name);
}

/** Splits a template into literals and variable slots. */
export function parseTemplate(text: string): ArnTemplate {
  const literals: string[] = [];
  const slots: string[] = [];
  let pos = 0;
  for (;;) {
    const open = text.indexOf('${', pos);
    const close = open < 0 ? -1 : text.indexOf('}', open);
    if (close < 0) break;
    literals.push(text.slice(pos, open));
    slots.push(text.slice(open + 2, close));
    pos = close + 1;
  }
  literals.push(text.slice(pos));
  const service = serviceOfArn(text);
  const typeWords = slots.map((_, i) => {
    const lit = literals[i] ?? '';
    const word = lit.slice(lit.lastIndexOf(':') + 1);
    return /^[A-Za-z][A-Za-z0-9-]{2,}\/$/.test(word) ? word : '';
  });
  return { text, service, literals, slots, vars: slots.filter((s) => !ENV_VARS.has(s)), typeWords };
}

/** Fills a template; `values` holds the non-environment variables. Returns undefined when one is missing. */
export function fillTemplate(t: ArnTemplate, env: ArnEnv, values: Record<string, string>): string | undefined {
  let out = t.literals[0] ?? '';
  for (let i = 0; i < t.slots.length; i++) {
    const slot = t.slots[i] as string;
    let v: string | undefined;
    if (slot === 'Partition') v = env.partition;
    else if (slot === 'Region') v = env.region;
    else if (slot === 'Account' || slot === 'AccountId') v = env.account;
    else v = values[slot];
    // An ARN is never a name: `…:policy/arn:aws:iam::…` names nothing.
    if (v === undefined || v === '' || v.startsWith('arn:')) return undefined;
    const word = t.typeWords[i] as string;
    if (word !== '' && (v.startsWith(word) || (v.charCodeAt(0) === 47 && v.startsWith(word, 1)))) {
      // `alias/prod` for `alias/${Alias}`, `/hostedzone/Z1` for `hostedzone/${Id}`
      v = v.slice(v.charCodeAt(0) === 47 ? word.length + 1 : word.length);
      if (v === '') return undefined;
    }
    out += v + (t.literals[i + 1] ?? '');
  }
  return out;
}

/** Escapes a template literal; a `*` in it (DMS `…:task:*`) stands for any id and matches one. */
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '[^:]+');
}

/**
 * True when `arn` has the template's shape. A variable spans no `:` or `/` unless it is the last
 * one, which takes the rest (object keys, IAM paths) but no `:` outside S3 unless it follows a
 * `type/` (Bedrock model ids): a further `:segment` after `type:` is a qualifier (Lambda version,
 * SNS subscription), not the same resource.
 * Callers prefer the most specific match.
 */
export function matchesTemplate(t: ArnTemplate, arn: string): boolean {
  if (!t.matcher) {
    let re = '^' + escapeRe(t.literals[0] ?? '');
    for (let i = 0; i < t.slots.length; i++) {
      const last = i === t.slots.length - 1 && (t.literals[i + 1] ?? '') === '';
      const slot = t.slots[i] as string;
      const env = slot === 'Partition' || slot === 'Region' || slot === 'Account' || slot === 'AccountId';
      // `[\s\S]`, not `.`: S3 keys may hold line breaks, and `.` would drop such an object unseen.
      // After `type/` a name without `/` may hold `:` (Bedrock's `…-v1:0` model ids); after `type:` a
      // further `:x` is a qualifier (a Lambda version, an SNS subscription, a log group's `:*`).
      const rest = t.service === 's3' ? '[\\s\\S]+' : (t.literals[i] ?? '').endsWith('/') ? '(?:[^:]+|[^:/\\s]+(?::[^:/\\s]*)+)' : '[^:]+';
      re += (env ? '[^:]*' : last ? rest : '[^:/]+') + escapeRe(t.literals[i + 1] ?? '');
    }
    t.matcher = new RegExp(re + '$');
  }
  return t.matcher.test(arn);
}

/** How specific a template is: more slots and literal text beat fewer, so an object beats its bucket. */
export function specificity(t: ArnTemplate): number {
  return t.slots.length * 1000 + t.text.length;
}

/** Partition for a region name, so that China and GovCloud records get the ARNs AWS gives them. */
export const partitionOf = partitionOfRegion;
