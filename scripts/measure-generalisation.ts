// The IAM-wide generalisation check: for every IAM action with a resource type, the request a real
// SDK call would send is built, resolved, and judged. It depends on no labelled record.
//
// The request: where the AWS SDK (aws-sdk v2's bundled API models, a dev-dependency) has an
// operation of the action's name, its required top-level input members (camelCased, as CloudTrail
// logs them), each given a made-up value of its shape: an ARN of the action's matching resource type
// for `…Arn` members, an id-like token otherwise. Where the SDK has no such operation, the request is
// derived from the IAM template's variables. The verdict per action:
//   templated  a target of one of the action's resource types whose variables are the request's values
//   gap        unresolved or partial, with a reason (an honest "could not tell")
//   no-target  said no target although IAM lists a resource type and the request names one (wrong)
//   other      resolved, but to no ARN of the action's types (e.g. only a context ARN)
//
//   npx tsx scripts/measure-generalisation.ts [--write] [--worst N] [--gaps]
// --write regenerates docs/resolver-generalisation.md (committed, so changes show in review).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import rawTable from '../generated/iam-table.json';
import { resolveRecord } from '../src/core/resolve/resolver';
import { firstIdentifier } from '../src/core/resolve/requestNames';
import { iamService, type IamAction, type IamResourceType } from '../src/core/resolve/iamTable';
import { fillTemplate, matchesTemplate, type ArnEnv } from '../src/core/resolve/arnTemplate';
import { EVENT_SOURCE_PREFIX } from '../src/core/resolve/curated/eventSources';
import type { CloudTrailRecord } from '../src/core/model';
import { EC2_ID_PREFIX_TYPES } from '../src/core/resolve/curated/ec2Ids';

function ec2IdPrefix(typeName: string): string | undefined {
  for (const [p, t] of Object.entries(EC2_ID_PREFIX_TYPES)) if (t === typeName) return `${p}-`;
  return undefined;
}

/** `--gaps` prints each gap and no-target with its request and reason, to find the classes worth fixing. */
const listGaps = require.main === module && process.argv.includes('--gaps');
const REGION = 'us-east-1';
const ACCOUNT = '111122223333';
const ENV: ArnEnv = { partition: 'aws', region: REGION, account: ACCOUNT };

export type Verdict = 'templated' | 'gap' | 'no-target' | 'empty' | 'other';

export interface ServiceRow {
  prefix: string;
  actions: number;
  fromSdk: number;
  templated: number;
  gap: number;
  noTarget: number;
  other: number;
  /** The call's input has no member that could name a resource: no-target is right. */
  empty: number;
  /** A few actions answered no-target, for the reader. */
  noTargetExamples: string[];
}

interface SdkShape {
  type?: string;
  shape?: string;
  members?: Record<string, SdkShape>;
  member?: SdkShape;
  required?: string[];
}

interface SdkApi {
  metadata: { endpointPrefix?: string; signingName?: string; uid?: string; apiVersion?: string };
  operations: Record<string, { input?: SdkShape }>;
  shapes: Record<string, SdkShape>;
}

/** The SDK's API models by IAM prefix (signing name, else endpoint prefix), newest version wins. */
function loadSdkApis(): Map<string, SdkApi> {
  const out = new Map<string, SdkApi>();
  const dir = path.resolve(__dirname, '../node_modules/aws-sdk/apis');
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.min.json')).sort()) {
    const api = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SdkApi;
    for (const key of [api.metadata.signingName, api.metadata.endpointPrefix]) {
      if (!key) continue;
      const prev = out.get(key);
      if (!prev || (prev.metadata.apiVersion ?? '') <= (api.metadata.apiVersion ?? '')) out.set(key, api);
    }
  }
  return out;
}

function camel(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1);
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A made-up id: UUID-shaped (KMS key ids and many other ids are UUIDs), with the counter in its
 * first group, so that every value of a request is distinct and recognisable in the ARN built.
 */
function token(n: number): string {
  return `${String(n).padStart(8, '0')}-a0b1-4c2d-8e3f-0123456789ab`;
}

const TOKEN_TAIL = '-a0b1-4c2d-8e3f-0123456789ab';

/** The value a member of this name would carry: a queue URL for `…Url`, an EC2 id with its type's prefix. */
function valueFor(member: string, prefix: string, t: IamResourceType | undefined, n: number): string {
  if (/url$/i.test(member)) return `https://${prefix}.${REGION}.amazonaws.com/${ACCOUNT}/q${token(n)}`;
  if (/accountid$/i.test(member)) return String(444455550000 + n); // an account id is 12 digits

  const ec2 = t && t.template.service === 'ec2' ? ec2IdPrefix(t.name) : undefined;
  return ec2 ? `${ec2}0${token(n).replace(/-/g, '').slice(0, 16)}` : token(n);
}

/** The resolved shape of a member (following `shape` references). */
function shapeOf(api: SdkApi, s: SdkShape | undefined): SdkShape {
  if (!s) return {};
  if (s.shape) return api.shapes[s.shape] ?? {};
  return s;
}

/** The action's types to judge against: required ones of its own service, else all of its own. */
function judgedTypes(a: IamAction, prefix: string): IamResourceType[] {
  const own = a.resourceTypes.filter((rt) => rt.type.template.service === prefix || !rt.type.foreign);
  const req = own.filter((rt) => rt.required).map((rt) => rt.type);
  return req.length > 0 ? req : own.map((rt) => rt.type);
}

/** The resource type a member names, by its stem (`clusterArn` -> `cluster`), else the first judged type. */
function typeForMember(member: string, types: IamResourceType[]): IamResourceType | undefined {
  const stem = norm(member).replace(/(arn|arns|name|names|id|ids|identifier|url)$/, '');
  return types.find((t) => norm(t.name) === stem) ?? types.find((t) => stem.endsWith(norm(t.name))) ?? types[0];
}

function arnOf(t: IamResourceType, n: number): string | undefined {
  const values: Record<string, string> = {};
  t.template.vars.forEach((v, i) => (values[v] = token(n * 10 + i)));
  return fillTemplate(t.template, ENV, values)?.replace(/\*/g, token(n * 10 + 9));
}

/** Requests from the SDK's input shape: its required scalar and list-of-scalar members. */
function sdkRequest(api: SdkApi, opName: string, types: IamResourceType[], prefix: string): Record<string, unknown> | undefined {
  const op = api.operations[opName];
  if (!op) return undefined;
  const input = shapeOf(api, op.input);
  const req: Record<string, unknown> = {};
  let n = 1;
  for (const name of input.required ?? []) {
    const m = shapeOf(api, input.members?.[name]);
    const type = m.type ?? 'string';
    const isArn = /arn$/i.test(name) || /arns$/i.test(name);
    const scalar = (): string => {
      n++;
      const t = typeForMember(name, types);
      if (isArn) return (t && arnOf(t, n)) ?? token(n);
      return valueFor(name, prefix, t, n);
    };
    if (type === 'string') req[camel(name)] = scalar();
    else if (type === 'list' && (shapeOf(api, m.member).type ?? 'string') === 'string') req[camel(name)] = [scalar()];
    else if (type === 'integer' || type === 'long') req[camel(name)] = 1;
    else if (type === 'boolean') req[camel(name)] = true;
  }
  return req;
}

/** Our own derivation where the SDK has no operation: each template variable as a camelCased member. */
function derivedRequest(types: IamResourceType[], prefix: string): Record<string, unknown> {
  const req: Record<string, unknown> = {};
  let n = 1;
  for (const t of types) for (const v of t.template.vars) req[camel(v)] = valueFor(v, prefix, t, ++n);
  return req;
}

function judge(a: IamAction, prefix: string, eventSource: string, sdk: SdkApi | undefined): { verdict: Verdict; fromSdk: boolean } {
  const types = judgedTypes(a, prefix);
  const name = a.action.slice(a.action.indexOf(':') + 1);
  const fromSdkReq = sdk ? sdkRequest(sdk, name, types, prefix) : undefined;
  const requestParameters = fromSdkReq && Object.keys(fromSdkReq).length > 0 ? fromSdkReq : derivedRequest(types, prefix);
  const record: CloudTrailRecord = {
    eventVersion: '1.08', eventSource, eventName: name, awsRegion: REGION, recipientAccountId: ACCOUNT,
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/dev/alice`, accountId: ACCOUNT },
    requestParameters, responseElements: null,
  };
  const r = resolveRecord(record);
  if (listGaps && r.status !== 'resolved' && r.status !== 'no-target') console.log(`GAP ${a.action} ${JSON.stringify(requestParameters)} :: ${r.reason ?? ''}`);
  if (listGaps && r.status === 'no-target') console.log(`NOTARGET ${a.action} ${JSON.stringify(requestParameters)} :: ${r.reason ?? ''}`);
  const fromSdk = fromSdkReq !== undefined && Object.keys(fromSdkReq).length > 0;
  // Right when the request provably names nothing (no members, or only paging, filter, format and
  // token members, as the resolver's own rule reads them); wrong when it names something.
  if (r.status === 'no-target') return { verdict: firstIdentifier(requestParameters) === undefined ? 'empty' : 'no-target', fromSdk };
  const made = (arn: string): boolean => arn.includes(TOKEN_TAIL) || arn.includes(TOKEN_TAIL.replace(/-/g, '').slice(0, 8)) || /:44445555\d{4}[:/]|\/44445555\d{4}/.test(arn);
  const hit = r.targets.some((t) => made(t.arn) && types.some((ty) => matchesTemplate(ty.template, t.arn)));
  if (hit && (r.status === 'resolved' || r.status === 'partial')) return { verdict: 'templated', fromSdk };
  if ((r.status === 'unresolved' || r.status === 'partial') && r.reason) return { verdict: 'gap', fromSdk };
  return { verdict: 'other', fromSdk };
}

/** The eventSource a prefix's calls are logged under (the reverse of EVENT_SOURCE_PREFIX). */
function eventSourceOf(prefix: string): string {
  for (const [host, p] of Object.entries(EVENT_SOURCE_PREFIX)) if (p === prefix && host !== prefix && !host.includes(':')) return `${host}.amazonaws.com`;
  return `${prefix}.amazonaws.com`;
}

/** Runs the check over every IAM service; rows sorted by prefix. */
export function measureGeneralisation(): ServiceRow[] {
  const sdk = loadSdkApis();
  const prefixes = (rawTable as unknown as { services: string[][] }).services.map((s) => s[0] ?? '').filter((p) => p !== '');
  const rows: ServiceRow[] = [];
  for (const prefix of prefixes.sort()) {
    const svc = iamService(prefix);
    if (!svc) continue;
    const row: ServiceRow = { prefix, actions: 0, fromSdk: 0, templated: 0, gap: 0, noTarget: 0, other: 0, empty: 0, noTargetExamples: [] };
    const eventSource = eventSourceOf(prefix);
    for (const a of svc.actions.values()) {
      if (judgedTypes(a, prefix).length === 0) continue;
      row.actions++;
      const { verdict, fromSdk } = judge(a, prefix, eventSource, sdk.get(prefix));
      if (fromSdk) row.fromSdk++;
      if (verdict === 'templated') row.templated++;
      else if (verdict === 'gap') row.gap++;
      else if (verdict === 'other') row.other++;
      else if (verdict === 'empty') row.empty++;
      else {
        row.noTarget++;
        if (row.noTargetExamples.length < 3) row.noTargetExamples.push(a.action);
      }
    }
    if (row.actions > 0) rows.push(row);
  }
  return rows;
}

export function totals(rows: ServiceRow[]): ServiceRow {
  const t: ServiceRow = { prefix: 'all', actions: 0, fromSdk: 0, templated: 0, gap: 0, noTarget: 0, other: 0, empty: 0, noTargetExamples: [] };
  for (const r of rows) {
    t.actions += r.actions;
    t.fromSdk += r.fromSdk;
    t.templated += r.templated;
    t.gap += r.gap;
    t.noTarget += r.noTarget;
    t.other += r.other;
    t.empty += r.empty;
  }
  return t;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** Worst first: wrong no-targets, then the smallest share templated. */
export function worst(rows: ServiceRow[], n: number): ServiceRow[] {
  return [...rows].sort((a, b) => b.noTarget - a.noTarget || a.templated / a.actions - b.templated / b.actions || b.actions - a.actions).slice(0, n);
}

export function summaryLine(t: ServiceRow): string {
  return `${t.actions} IAM actions with a resource type (${t.fromSdk} requests from SDK input shapes): ` +
    `templated ARN ${pct(t.templated, t.actions)} (${t.templated}), gap with a reason ${pct(t.gap, t.actions)} (${t.gap}), ` +
    `wrongly no-target ${pct(t.noTarget, t.actions)} (${t.noTarget}), no-target on a request that names nothing ${pct(t.empty, t.actions)} (${t.empty}), ` +
    `other ${pct(t.other, t.actions)} (${t.other})`;
}

function markdown(rows: ServiceRow[], source: string): string {
  const t = totals(rows);
  const lines = [
    '# Resolver generalisation over the IAM reference',
    '',
    'Generated by `npx tsx scripts/measure-generalisation.ts --write`; do not edit by hand.',
    `IAM data: ${source}. For every action with a resource type, the request a real SDK call would send`,
    '(aws-sdk v2 API models: required top-level members, camelCased as CloudTrail logs them; made-up',
    'values, ARNs for `…Arn` members) or, where the SDK has no operation of that name, one member per',
    'template variable, is resolved. `templated`: a target of one of the action\'s types built from the',
    'request\'s values; `gap`: unresolved/partial with a reason; `no-target`: said no target although IAM',
    'lists a type and the request names something (wrong); `empty`: no-target where the request names nothing',
    '(no required member, or only paging, filter, format and token members: right); `other`: resolved to no ARN',
    'of the action\'s types.',
    '',
    `**Totals:** ${summaryLine(t)}.`,
    '',
    '| service | actions | from SDK | templated | gap | no-target | empty | other | no-target examples |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.prefix} | ${r.actions} | ${r.fromSdk} | ${r.templated} | ${r.gap} | ${r.noTarget} | ${r.empty} | ${r.other} | ${r.noTargetExamples.join(', ')} |`);
  }
  return lines.join('\n') + '\n';
}

/** One line of totals, for measure-resolution. */
export function generalisationLine(): string {
  return `Generalisation over IAM: ${summaryLine(totals(measureGeneralisation()))}`;
}

function main(): void {
  const rows = measureGeneralisation();
  const t = totals(rows);
  console.log(`Generalisation over IAM: ${summaryLine(t)}`);
  const wi = process.argv.indexOf('--worst');
  const n = wi > 0 ? Number(process.argv[wi + 1]) : 10;
  console.log(`Worst ${n} services (wrong no-target first, then least templated):`);
  for (const r of worst(rows, n)) {
    console.log(`  ${r.prefix.padEnd(28)} ${String(r.actions).padStart(4)} actions: templated ${pct(r.templated, r.actions).padStart(6)}, gap ${r.gap}, no-target ${r.noTarget}, empty ${r.empty}, other ${r.other}${r.noTargetExamples.length ? ` (${r.noTargetExamples.join(', ')})` : ''}`);
  }
  if (process.argv.includes('--write')) {
    const out = path.resolve(__dirname, '../docs/resolver-generalisation.md');
    writeFileSync(out, markdown(rows, (rawTable as unknown as { source: string }).source));
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}

if (require.main === module) main();
