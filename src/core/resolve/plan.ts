/**
 * What the resolver does for one (eventSource, eventName) pair, worked out once and cached: the
 * IAM action(s), their resource types in the order to try, and for every template variable the
 * keys that may carry it. Per record, only the plan's lookups run.
 */
import type { Via } from '../model';
import { iamAction, iamService, type IamAction, type IamResourceType } from './iamTable';
import { EVENT_SOURCE_PREFIX } from './curated/eventSources';
import { EVENT_NAME_ACTIONS, EVENT_NAME_FUNCTIONS, NO_ACTION_EVENTS, nameVariants } from './curated/eventNames';
import { SERVICE_RULES } from './curated/specialRules';
import { GENERIC_VARIABLES, STEM_SYNONYMS, VARIABLE_ALIASES, VARIABLE_TRANSFORMS, type Transform } from './curated/aliases';
import { ANY_OF_TYPES, RESPONSE_TYPES, isPseudoType } from './curated/requiredTypes';

export interface VarSource {
  /** Lowercased key in requestParameters/responseElements. */
  key: string;
  via: Via;
  transform?: Transform;
  assumption?: string;
  /**
   * The resource-type word (`cluster`) an ARN in this member must show for its name to fill the
   * variable (`…:cluster/prod` -> `prod`): a cluster passed by ARN where a parent's name is wanted.
   */
  arnStem?: string;
}

export interface PlanVar {
  name: string;
  sources: VarSource[];
}

export interface PlanType {
  type: IamResourceType;
  /** Counts for the status: the call is resolved when every required type has a target. */
  required: boolean;
  /**
   * Whether response values may fill it: for required types and the type a create call makes.
   * Other types in a response are defaults the resource received, not what the caller chose.
   */
  fromResponse: boolean;
  vars: PlanVar[];
  /** Required types with the same signature (the same variables) are alternatives. */
  signature: string;
}

export interface Plan {
  /** IAM prefix, when one is known for the eventSource. */
  prefix: string | undefined;
  /** `prefix:Action` for every action the event maps to. */
  actions: string[];
  /** Set when the event has no IAM action at all, or its actions have no resource types. */
  noTargetReason: string | undefined;
  /** Set when no IAM action is known for the event. */
  unknownReason: string | undefined;
  types: PlanType[];
  /** When set, the call is resolved once a target of any of these types is found (curated). */
  anyOf: readonly string[] | undefined;
  /** Services of the plan's templates and prefix: the resources a create call may name. */
  ownServices: ReadonlySet<string>;
  required: PlanType[];
  /** Request/response keys the plan and the curated rules read; others need not be indexed. */
  wantedKeys: ReadonlySet<string>;
  /**
   * For each key, the indices (into `types`) of the types it may help fill, so that a record
   * tries only the types its keys can fill (CreateTags lists ~100 types, a record names one).
   */
  typesByKey: ReadonlyMap<string, readonly number[]>;
  /** Indices of types without variables, tried on every record. */
  alwaysTry: readonly number[];
}

/** Keys the curated rules (specialRules.ts, explanations.ts) read besides template variables. */
const CURATED_KEYS = [...new Set(SERVICE_RULES.flatMap((r) => r.keys ?? []))];

const cache = new Map<string, Map<string, Plan>>();
let cached = 0;
const MAX_CACHE = 20000; // eventNames are untrusted: a hostile file must not grow the cache without end

/** The cached plan for an event (keyed without building a string per record). */
export function planFor(eventSource: string, eventName: string): Plan {
  let bySource = cache.get(eventSource);
  if (!bySource) {
    bySource = new Map();
    cache.set(eventSource, bySource);
  }
  let plan = bySource.get(eventName);
  if (!plan) {
    plan = buildPlan(eventSource, eventName);
    if (++cached > MAX_CACHE) {
      cache.clear();
      cached = 0;
    }
    bySource.set(eventName, plan);
  }
  return plan;
}

/** The IAM prefix of an eventSource host name (`monitoring.amazonaws.com` -> `cloudwatch`). */
export function prefixOfEventSource(eventSource: string): string {
  const host = hostLabel(eventSource);
  return EVENT_SOURCE_PREFIX[host] ?? host;
}

function hostLabel(eventSource: string): string {
  return eventSource.endsWith('.amazonaws.com') ? eventSource.slice(0, -'.amazonaws.com'.length) : eventSource;
}

/** Adds what every plan carries besides its actions and types. */
type Derived = 'ownServices' | 'required' | 'wantedKeys' | 'typesByKey' | 'alwaysTry';
type Optional = 'noTargetReason' | 'unknownReason' | 'anyOf';
/** A plan before its derived fields, with its optional fields left out where absent. */
type Draft = Omit<Plan, Derived | Optional> & Partial<Pick<Plan, Optional>>;

function complete(p: Draft): Plan {
  const ownServices = new Set<string>(p.prefix ? [p.prefix] : []);
  const wantedKeys = new Set<string>(CURATED_KEYS);
  const typesByKey = new Map<string, number[]>();
  const alwaysTry: number[] = [];
  p.types.forEach((pt, i) => {
    ownServices.add(pt.type.template.service);
    if (pt.vars.length === 0) alwaysTry.push(i);
    for (const v of pt.vars) {
      for (const s of v.sources) {
        wantedKeys.add(s.key);
        const list = typesByKey.get(s.key) ?? [];
        if (!list.includes(i)) list.push(i);
        typesByKey.set(s.key, list);
      }
    }
  });
  // Every plan gets every field, in one order: plans are read on every record, and objects of one
  // shape keep those reads monomorphic.
  return {
    prefix: p.prefix,
    actions: p.actions,
    noTargetReason: p.noTargetReason,
    unknownReason: p.unknownReason,
    types: p.types,
    anyOf: p.anyOf,
    ownServices,
    required: p.types.filter((pt) => pt.required),
    wantedKeys,
    typesByKey,
    alwaysTry,
  };
}

function buildPlan(eventSource: string, eventName: string): Plan {
  return complete(draftPlan(eventSource, eventName));
}

function draftPlan(eventSource: string, eventName: string): Draft {
  const prefix = prefixOfEventSource(eventSource);
  const host = hostLabel(eventSource);
  const noAction = NO_ACTION_EVENTS[`${host}:${eventName}`] ?? NO_ACTION_EVENTS[`${host}:*`];
  if (noAction) return { prefix, actions: [], noTargetReason: noAction, types: [] };
  const names = actionNames(prefix, eventName);
  const actions = names.map((n) => iamAction(prefix, n)).filter((a) => a !== undefined);
  if (actions.length === 0) {
    return {
      prefix,
      actions: [],
      unknownReason: `no IAM action known for eventSource ${eventSource} eventName ${eventName}`,
      types: [],
    };
  }
  const actionName = actions[0]?.action ?? '';
  const anyOf = ANY_OF_TYPES[actionName] ?? taggingAlternatives(actions);
  const types: PlanType[] = [];
  const seen = new Set<IamResourceType>();
  // Required types of the action's own service first: they decide the status and are the least
  // likely to be filled by a coincidental key name.
  const primary = primaryTypes(actions, anyOf);
  for (const pass of [0, 1, 2]) {
    for (const a of actions) {
      for (const rt of a.resourceTypes) {
        const required = anyOf ? anyOf.includes(rt.type.name) : rt.required && !rt.type.foreign && !isPseudoType(rt.type);
        const rank = required ? 0 : rt.type.foreign ? 2 : 1;
        if (rank !== pass || seen.has(rt.type)) continue;
        seen.add(rt.type);
        const fromResponse = required || creates(eventName, rt.type.name) || (RESPONSE_TYPES[actionName]?.includes(rt.type.name) ?? false);
        const vars = planVars(rt.type, required, primary.has(rt.type), required && namedByEvent(eventName, rt.type.name));
        const signature = vars.length === 0 ? `(${rt.type.name})` : vars.map((v) => v.name).sort().join(',');
        types.push({ type: rt.type, required, fromResponse, vars, signature });
      }
    }
  }
  // A create call makes its resource even where IAM lists no type for it (the new resource does
  // not exist when the call is authorised): the response names it.
  const made = createdType(prefix, eventName, seen);
  if (made) {
    const vars = planVars(made, false, types.length === 0 || !types.some((t) => t.required));
    types.push({ type: made, required: false, fromResponse: true, vars, signature: vars.map((v) => v.name).sort().join(',') });
  }
  const actionList = actions.map((a) => a.action);
  if (types.length === 0) {
    return {
      prefix,
      actions: actionList,
      noTargetReason: `${actionList.join(', ')} has no resource-level target in IAM (it applies to the account or region)`,
      types,
    };
  }
  return anyOf ? { prefix, actions: actionList, types, anyOf } : { prefix, actions: actionList, types };
}

/**
 * Tagging calls (`TagResource`, `UntagResource`, `AddTagsToResource`, `ListTagsForResource`…) list
 * every taggable type as required, but one call tags the one resource it names: the types are
 * alternatives, as for the curated ANY_OF_TYPES.
 */
function taggingAlternatives(actions: readonly IamAction[]): readonly string[] | undefined {
  const first = actions[0];
  if (!first || !/^(Tag|Untag|AddTags|RemoveTags|ListTags)/.test(first.action.slice(first.action.indexOf(':') + 1))) return undefined;
  const names = first.resourceTypes.filter((rt) => rt.required && !rt.type.foreign && !isPseudoType(rt.type)).map((rt) => rt.type.name);
  return names.length > 1 ? names : undefined;
}

/** True when `CreateFlowLogs` makes a `vpc-flow-log`, `CreateCluster` a `cluster`, and so on. */
function creates(eventName: string, typeName: string): boolean {
  if (!eventName.startsWith('Create')) return false;
  let made = eventName.slice(6).toLowerCase();
  if (made.endsWith('s')) made = made.slice(0, -1);
  const type = typeName.replace(/-/g, '').toLowerCase();
  return made.length > 1 && (type === made || type.endsWith(made) || made.endsWith(type));
}

function actionNames(prefix: string, eventName: string): readonly string[] {
  const curated = EVENT_NAME_ACTIONS[prefix]?.[eventName];
  if (curated) return curated;
  const derive = EVENT_NAME_FUNCTIONS[prefix];
  if (derive) {
    const name = derive(eventName);
    return EVENT_NAME_ACTIONS[prefix]?.[name] ?? [name];
  }
  if (iamAction(prefix, eventName)) return [eventName];
  // Not an action under its own name: an API version suffix (`…V2`, `…20150331`), or one
  // resource where IAM's action is plural (or the reverse).
  for (const v of nameVariants(eventName)) if (iamAction(prefix, v)) return [v];
  return [eventName];
}

/**
 * The types a generic member (`name`, `id`, `resourceArn`…) may fill: the action's own required
 * types when they are all one signature of one variable, else its only own optional type of one
 * variable. Anything broader would let a loose `name` fill an unrelated type.
 */
function primaryTypes(actions: readonly IamAction[], anyOf: readonly string[] | undefined): ReadonlySet<IamResourceType> {
  const req: IamResourceType[] = [];
  const opt: IamResourceType[] = [];
  for (const a of actions) {
    for (const rt of a.resourceTypes) {
      if (rt.type.foreign || isPseudoType(rt.type)) continue;
      const required = anyOf ? anyOf.includes(rt.type.name) : rt.required;
      const list = required ? req : opt;
      if (!list.includes(rt.type)) list.push(rt.type);
    }
  }
  const pick = req.length > 0 ? req : opt;
  if (pick.length === 0) return NO_TYPES;
  const vars = new Set(pick.map((t) => t.template.vars.join(',')));
  if (vars.size !== 1 || (pick[0] as IamResourceType).template.vars.length !== 1) return NO_TYPES;
  return new Set(pick);
}

const NO_TYPES: ReadonlySet<IamResourceType> = new Set();

/** The resource type a `Create<Thing>` call makes, looked up among its service's types by name. */
function createdType(prefix: string, eventName: string, seen: ReadonlySet<IamResourceType>): IamResourceType | undefined {
  if (!eventName.startsWith('Create')) return undefined;
  for (const t of seen) if (!t.foreign && creates(eventName, t.name)) return undefined;
  const svc = iamService(prefix);
  if (!svc) return undefined;
  const made = eventName.slice(6).toLowerCase().replace(/s$/, '');
  const rt = svc.resourceTypes.get(made);
  if (rt && !rt.foreign && rt.template.vars.length === 1) return rt;
  return undefined;
}

function planVars(type: IamResourceType, ownRequired: boolean, primary: boolean, named = false): PlanVar[] {
  const vars = type.template.vars;
  return vars.map((name, i) => ({ name, sources: sourcesFor(name, type, ownRequired, primary, vars.length > 1 ? (i === vars.length - 1 ? 'last' : 'parent') : 'only', named) }));
}

/**
 * True when the event is about the type by name (`GetTable` and `table`, `DescribeServices` and
 * `service`): the generic members of such a call (`name`, `id`) name that resource, even where its
 * template also holds a parent (`table/${DatabaseName}/${TableName}`).
 */
function namedByEvent(eventName: string, typeName: string): boolean {
  const m = /^[A-Z][a-z]+/.exec(eventName);
  if (!m) return false;
  let thing = eventName.slice(m[0].length).toLowerCase();
  if (thing.endsWith('s')) thing = thing.slice(0, -1);
  const type = typeName.replace(/[-_]/g, '').toLowerCase();
  return thing.length > 2 && type.length > 2 && thing === type;
}

/** Suffixes an SDK member naming a resource carries (`clusterName`, `secretId`, `topicArn`, `queueUrl`). */
const ID_SUFFIXES = ['', 'name', 'id', 'identifier', 'arn', 'url'];
/**
 * Top-level members that name "the resource" of a call with one resource type, by the kind of
 * value the variable holds (a name never fills an id). `^` marks a top-level request member.
 */
const GENERIC_BY_KIND: Readonly<Record<'name' | 'id' | 'any', readonly string[]>> = {
  name: ['^name', '^identifier', '^resourcename', '^resourceidentifier', '^resource', '^arn', '^resourcearn'],
  id: ['^id', '^identifier', '^resourceid', '^resourceidentifier', '^resource', '^arn', '^resourcearn'],
  any: ['^name', '^id', '^identifier', '^resourcename', '^resourceid', '^resourceidentifier', '^resource', '^arn', '^resourcearn'],
};

function kindOf(low: string): 'name' | 'id' | 'any' {
  if (low.endsWith('name')) return 'name';
  if (low.endsWith('id') || low.endsWith('ids') || low.endsWith('uuid')) return 'id';
  return 'any';
}

/** `ClusterName` -> `cluster`, `SecretId` -> `secret`; undefined when nothing is left. */
function stemOf(low: string): string | undefined {
  for (const suffix of ['identifier', 'name', 'arn', 'url', 'id']) {
    if (low.endsWith(suffix) && low.length > suffix.length + 2) return low.slice(0, -suffix.length);
  }
  return undefined;
}

/**
 * Keys derived from data, not curated per API: the variable's stem and the resource type's name
 * with each identifier suffix (`cluster`, `clusterName`, `clusterArn`…), plus the generic members
 * for the action's primary type. Only for the action's own service's types.
 */
function derivedKeys(low: string, type: IamResourceType, primary: boolean, position: Position = 'only', variable = ''): { key: string; loose: boolean }[] {
  const out: { key: string; loose: boolean }[] = [];
  const stems = new Set<string>();
  const stem = GENERIC_VARIABLES.has(low) ? undefined : stemOf(low);
  if (stem) stems.add(stem);
  const typeStem = type.name.replace(/[-_]/g, '').toLowerCase();
  // The type's name speaks for the variable only when the variable is the type's own identifier
  // (`Id`, or `FlowLogId` of `vpc-flow-log`), not a parent's (`OrganizationId` of `account`).
  // In a template of several variables only the last is the type's own (`service/${ClusterName}/${ServiceName}`).
  const own = position !== 'parent' && (stem === undefined || stem.includes(typeStem) || typeStem.includes(stem));
  if (own && typeStem.length > 2 && !GENERIC_VARIABLES.has(typeStem)) {
    stems.add(typeStem);
    // A type named in the plural (`applications`) is one `applicationId` in a request.
    if (/[^su]s$/.test(typeStem) && typeStem.length > 4) stems.add(typeStem.slice(0, -1));
  }
  const kind = kindOf(low);
  // The API may drop the variable's leading words (`GeofenceCollectionName` as `collectionName`).
  if (stem && position !== 'parent') for (const tail of tailStems(variable)) stems.add(tail);
  // IAM's variable and the API's member may spell the stem short and long (`AppId`, `applicationId`).
  for (const st of [...stems]) for (const syn of STEM_SYNONYMS[st] ?? []) stems.add(syn);
  for (const st of stems) {
    for (const suffix of ID_SUFFIXES) {
      // A bare or `…Identifier` member may hold a name where the ARN wants an id (AppRegistry's
      // `application`): for an id variable such values must look like an id.
      const loose = kind === 'id' && (suffix === '' || suffix === 'identifier');
      if (kind === 'id' && suffix === 'name') continue;
      out.push({ key: st + suffix, loose }, { key: st + suffix + 's', loose });
      // `connectionNameList`, `resourceARNList`, `instanceIdList`
      if (suffix === 'name' || suffix === 'id' || suffix === 'arn') out.push({ key: st + suffix + 'list', loose });
    }
  }
  if (primary) for (const key of GENERIC_BY_KIND[kind]) out.push({ key, loose: kind === 'id' && !key.endsWith('id') });
  return out;
}

/** `GeofenceCollectionName` -> [`collection`]: the variable's trailing words, its id suffix left out. */
function tailStems(variable: string): string[] {
  const words = variable.split(/(?=[A-Z][a-z])/).map((w) => w.toLowerCase());
  if (['name', 'id', 'arn', 'identifier'].includes(words[words.length - 1] ?? '')) words.pop();
  const out: string[] = [];
  for (let k = 1; k < words.length; k++) {
    const tail = words.slice(k).join('');
    if (tail.length >= 4 && !GENERIC_VARIABLES.has(tail) && tail !== 'resource') out.push(tail);
  }
  return out;
}

/** Where a variable sits in its template: alone, the resource's own last one, or a parent's before it. */
type Position = 'only' | 'last' | 'parent';

function sourcesFor(name: string, type: IamResourceType, ownRequired: boolean, primary: boolean, position: Position = 'only', named = false): VarSource[] {
  const low = name.toLowerCase();
  const sources: VarSource[] = [];
  // Generic names (`Id`, `Name`) match too many keys: only trust them where the action needs the type.
  if (!GENERIC_VARIABLES.has(low) || ownRequired) {
    sources.push({ key: low, via: 'template' }, { key: low + 's', via: 'template' });
  }
  if (low.endsWith('withpath')) {
    const base = low.slice(0, -'withpath'.length);
    sources.push({ key: base, via: 'template', assumption: 'IAM path unknown: assumed /' });
  }
  if (low.endsWith('withoutleadingslash')) {
    const base = low.slice(0, -'withoutleadingslash'.length);
    sources.push({ key: base, via: 'template', transform: 'stripLeadingSlash' });
  }
  // Foreign types (another service's template listed by this action) only take exact names.
  if (!type.foreign || ownRequired) {
    for (const a of VARIABLE_ALIASES[name] ?? []) {
      const s: VarSource = { key: a.key, via: 'curated' };
      if (a.transform) s.transform = a.transform;
      sources.push(s);
    }
  }
  // Derived spellings only for the types the call is about (its required or primary types): an
  // action listing a hundred optional types (CreateTags) would otherwise index every spelling of each.
  // In templates of several variables, each variable by its own stem only (`ClusterName` from
  // `cluster`, `ServiceName` from `services`), and the generic members only for the last variable
  // of a type the event names.
  const single = type.template.vars.length === 1;
  if (!type.foreign && (single ? ownRequired || primary : ownRequired && (position === 'parent' || !GENERIC_VARIABLES.has(low) || named))) {
    const generic = single ? primary : position === 'last' && named;
    for (const { key, loose } of derivedKeys(low, type, generic, position, name)) {
      if (sources.some((s) => s.key === key)) continue;
      const transform: Transform = low.endsWith('withoutleadingslash') ? 'stripLeadingSlash' : loose ? 'idShaped' : 'lastPathSegmentOfUrl';
      const src: VarSource = VARIABLE_TRANSFORMS[name] ? { key, via: 'template' } : { key, via: 'template', transform };
      if (low.endsWith('withpath')) src.assumption = 'IAM path unknown: assumed /';
      sources.push(src);
    }
  }
  const forced = VARIABLE_TRANSFORMS[name];
  if (forced) for (const s of sources) s.transform ??= forced;
  const arnStem = type.foreign || GENERIC_VARIABLES.has(low) ? undefined : stemOf(low);
  if (arnStem && !forced) for (const s of sources) if (s.transform === undefined || s.transform.startsWith('lastPath') || s.transform === 'idShaped') s.arnStem = arnStem;
  return sources;
}
