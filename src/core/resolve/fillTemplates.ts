/**
 * Tier 3 (and the alias part of tier 4): fill a resource type's ARN template from the values a
 * record carries. Values of one array item are paired with each other, never crossed with other
 * items' values.
 */
import type { Via } from '../model';
import { fillTemplate, type ArnEnv } from './arnTemplate';
import type { PlanType, VarSource } from './plan';
import { looksLikeArn, type FoundValue, type RecordValues } from './recordValues';
import { parseArn } from '../arn/arn';
import { idFitsType } from './curated/ec2Ids';
import { isPseudoType } from './curated/requiredTypes';

export interface FilledArn {
  arn: string;
  via: Via;
  assumption?: string;
}

export interface FillResult {
  arns: FilledArn[];
  /** When nothing was filled: the first variable no key supplied, and the sources looked at. */
  missing?: { variable: string; sources: readonly VarSource[] };
}

interface VarValue {
  value: string;
  group: number;
  via: Via;
  assumption?: string;
  account?: string;
}

const MAX_ARNS_PER_TYPE = 100;
const NO_VARIABLES = { variable: '(none: an account-level singleton)', sources: [] };
const SIDES_BOTH = ['request', 'response'] as const;
const SIDES_REQUEST = ['request'] as const;

/**
 * Fills one resource type's template; never more than a bounded number of ARNs. Types the action
 * does not require are filled from the request only: a response also names defaults the resource
 * received (a default security group, default RDS parameter groups) that nobody chose to touch.
 * A template without variables (the Glue catalog, `…:hub/default`, the account itself) is filled
 * only when required, and never for IAM's pseudo-resources (PSEUDO_TYPES).
 */
export function fillType(pt: PlanType, values: RecordValues, env: ArnEnv): FillResult {
  if (pt.vars.length === 0 && (!pt.required || isPseudoType(pt.type))) {
    return { arns: [], missing: NO_VARIABLES };
  }
  const perVar: VarValue[][] = [];
  for (const v of pt.vars) {
    const found = valuesFor(pt, v.sources, values, pt.fromResponse, env, v.name);
    if (found.length === 0) return { arns: [], missing: { variable: v.name, sources: v.sources } };
    perVar.push(found);
  }
  const rows = pairUp(perVar);
  if (rows === undefined) {
    return { arns: [], missing: { variable: `${pt.vars.map((v) => v.name).join('+')} (values of different array items do not pair up)`, sources: [] } };
  }
  const arns: FilledArn[] = [];
  for (const row of rows) {
    const record: Record<string, string> = {};
    let via: Via = 'template';
    let assumption: string | undefined;
    let rowEnv = env;
    for (let i = 0; i < pt.vars.length; i++) {
      const vv = row[i] as VarValue;
      record[(pt.vars[i] as PlanType['vars'][number]).name] = vv.value;
      if (vv.via === 'curated') via = 'curated';
      if (vv.assumption) assumption = vv.assumption;
      if (vv.account) rowEnv = { ...env, account: vv.account };
    }
    const arn = fillTemplate(pt.type.template, rowEnv, record);
    if (arn === undefined || arns.some((a) => a.arn === arn)) continue;
    arns.push(assumption ? { arn, via, assumption } : { arn, via });
    if (arns.length >= MAX_ARNS_PER_TYPE) break;
  }
  return { arns };
}

/** The values whose shape fits the type's ids; the same array when all do (the usual case, no copy). */
function fitting(pt: PlanType, found: VarValue[]): VarValue[] {
  const { name, template } = pt.type;
  for (let i = 0; i < found.length; i++) {
    if (!idFitsType(name, template.service, (found[i] as VarValue).value)) {
      return found.filter((x) => idFitsType(name, template.service, x.value));
    }
  }
  return found;
}

/** The distinct keys a variable was looked for under, for reasons. */
export function uniqueKeys(sources: readonly VarSource[]): string[] {
  return [...new Set(sources.map((s) => s.key))];
}

/**
 * Values from every source (a read replica names two instances under two keys); the request wins
 * over the response, which is read only when the request has none.
 */
function valuesFor(pt: PlanType, sources: VarSource[], values: RecordValues, withResponse: boolean, env: ArnEnv, variable: string): VarValue[] {
  // Most types of most actions find nothing: say so before allocating anything.
  let any = false;
  for (const s of sources) {
    if (values.byKey.has(s.key)) {
      any = true;
      break;
    }
  }
  if (!any) return NONE;
  for (const side of withResponse ? SIDES_BOTH : SIDES_REQUEST) {
    const out: VarValue[] = [];
    for (const s of sources) {
      const list = values.byKey.get(s.key);
      if (!list) continue;
      for (const fv of list) {
        if (fv.side !== side) continue;
        // A response's `default`, `default.mysql8.0`, `default:mysql-8-0`: a default the resource
        // received (RDS parameter, option and subnet groups), not something the caller chose.
        if (side === 'response' && awsDefault(fv.value)) continue;
        const vv = transform(fv, s, pt.type.template.service, env);
        if (vv && fitsVariable(variable, vv.value) && !out.some((o) => o.value === vv.value)) out.push(vv);
      }
    }
    // Shapes are checked per side: a request value of another type (an image's name where its
    // id is wanted) must not hide the id the response gives.
    const fit = out.length > 0 ? fitting(pt, out) : out;
    if (fit.length > 0) return fit;
  }
  return NONE;
}

const NONE: VarValue[] = [];

/**
 * The shape every value of a variable must have, whatever member it came from: an account id is 12
 * digits; an id holds no whitespace; no variable takes a JSON document, a multi-line text or a
 * kilobyte of prose (a description or policy that happened to sit under a matching key).
 */
function fitsVariable(variable: string, value: string): boolean {
  if (value.length > 1024) return false;
  const c = value.charCodeAt(0);
  if (c === 123 || c === 91 || c === 34) return false; // `{`, `[`, `"`: a JSON document, not a name
  if (variable.endsWith('AccountId') || variable.endsWith('AccountID')) return /^\d{12}$/.test(value);
  if ((variable.endsWith('Id') || variable.endsWith('ID')) && /\s/.test(value)) return false;
  return true;
}

function awsDefault(v: string): boolean {
  return v.startsWith('default') && (v.length === 7 || v[7] === '.' || v[7] === ':' || v[7] === '-');
}

function transform(fv: FoundValue, s: VarSource, service: string, env: ArnEnv): VarValue | undefined {
  let value = fv.value;
  let account: string | undefined;
  if (value === '*') return undefined; // a wildcard names nothing
  // ARNs were taken whole by tier 2, and an ARN is never pasted into a template as a name; but
  // an ARN of the variable's own kind (`…:cluster/prod` for ClusterName) gives its name.
  if (looksLikeArn(value)) {
    const named = s.arnStem ? nameInArn(value, s.arnStem, service, env) : undefined;
    if (!named) return undefined;
    value = named.name;
    if (named.account !== env.account) account = named.account;
  } else switch (s.transform) {
    case 'stripLeadingSlash':
      if (value.startsWith('/')) value = value.slice(1);
      break;
    case 'addLeadingSlash':
      if (!value.startsWith('/')) value = '/' + value;
      break;
    case 'lastPathSegment':
      value = value.slice(value.lastIndexOf('/') + 1);
      break;
    case 'idShaped':
    case 'lastPathSegmentOfUrl':
      if (s.transform === 'idShaped' && (!/\d/.test(value) || /\s/.test(value))) return undefined;
      if (value.startsWith('https://') || value.startsWith('http://')) {
        const fromUrl = urlName(value);
        if (!fromUrl) return undefined;
        value = fromUrl.name;
        account = fromUrl.account;
      }
      break;
    case 'queueUrl': {
      const parts = value.split('/');
      if (parts.length < 5 || !value.startsWith('http')) return undefined;
      value = parts[parts.length - 1] ?? '';
      account = parts[parts.length - 2];
      break;
    }
    case 'kmsKeyId':
      if (!isKmsKeyId(value)) return undefined;
      break;
    case 'never':
      return undefined;
    default:
      break;
  }
  // CloudTrail's placeholder for redacted values names nothing.
  if (value === '' || value === 'HIDDEN_DUE_TO_SECURITY_REASONS' || hasControl(value)) return undefined;
  const vv: VarValue = { value, group: fv.group, via: s.via };
  if (s.assumption) vv.assumption = s.assumption;
  if (account) vv.account = account;
  return vv;
}

/**
 * `arn:…:ecs:<region>:<account>:cluster/prod` with stem `cluster` -> `prod`: the ARN's service is
 * the template's, its region the record's (or none), its resource one `<type>/<name>` or
 * `<type>:<name>` whose type word is the stem. Anything longer is another resource.
 */
function nameInArn(arn: string, stem: string, service: string, env: ArnEnv): { name: string; account: string } | undefined {
  const a = parseArn(arn);
  if (!a || a.service !== service || (a.region !== '' && a.region !== env.region) || a.partition !== env.partition) return undefined;
  const cut = a.resource.search(/[/:]/);
  if (cut <= 0) return undefined;
  const word = a.resource.slice(0, cut).replace(/[-_]/g, '').toLowerCase();
  const name = a.resource.slice(cut + 1);
  if ((word !== stem && word !== `${stem}s`) || name === '' || /[/:*]/.test(name)) return undefined;
  return { name, account: a.account || env.account };
}

/** The last path segment of a URL, and the account when the segment before it is one. */
function urlName(url: string): { name: string; account?: string } | undefined {
  let path = url.slice(url.indexOf('//') + 2);
  const q = path.search(/[?#]/);
  if (q >= 0) path = path.slice(0, q);
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  const name = parts[parts.length - 1] as string;
  const before = parts[parts.length - 2] as string;
  return /^\d{12}$/.test(before) ? { name, account: before } : { name };
}

/** A KMS key id: a UUID, or a multi-Region key id `mrk-` + 32 hex digits. Aliases are not key ids. */
export function isKmsKeyId(v: string): boolean {
  if (v.startsWith('mrk-')) return v.length === 36;
  return v.length === 36 && v[8] === '-' && v[13] === '-' && v[18] === '-' && v[23] === '-';
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 32) return true;
  return false;
}

/**
 * Rows of one value per variable. A variable with one value joins every row; variables with many
 * pair by array item (group), else by position when their counts agree. Anything else would be a
 * cartesian product, which names resources the call never touched: undefined.
 */
function pairUp(perVar: VarValue[][]): VarValue[][] | undefined {
  const lead = perVar.find((l) => l.length > 1);
  if (lead === undefined) return [perVar.map((l) => l[0] as VarValue)];
  const rows: VarValue[][] = [];
  for (let i = 0; i < lead.length; i++) {
    const g = (lead[i] as VarValue).group;
    const row: VarValue[] = [];
    for (const l of perVar) {
      if (l.length === 1) row.push(l[0] as VarValue);
      else if (l === lead) row.push(lead[i] as VarValue);
      else {
        const same = l.find((x) => x.group === g) ?? (l.length === lead.length ? l[i] : undefined);
        if (!same) return undefined;
        row.push(same);
      }
    }
    rows.push(row);
  }
  return rows;
}
