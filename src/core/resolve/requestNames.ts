/**
 * Whether a request names a resource at all. `no-target` may be said for an action IAM gives
 * resource types only when the request provably names nothing: no parameters, or only paging,
 * filtering and formatting fields. Any other string value is identifier-like, and a record whose
 * identifier-like value no rule consumed is a gap (unresolved with a reason), never `no-target`.
 */
import { looksLikeArn } from './recordValues';

const MAX_NODES = 400;

/**
 * Keys that steer a listing, never choose a resource: paging, sorting, filters, output format,
 * time windows, idempotency tokens, flags. Lowercased, with `-` and `_` removed.
 */
const NON_IDENTIFIER_KEYS = new Set([
  'maxresults', 'maxitems', 'maxrecords', 'maxkeys', 'maxuploads', 'maxparts', 'maxentries', 'maxcount', 'maxsize',
  'nexttoken', 'marker', 'nextmarker', 'limit', 'pagesize', 'pagetoken', 'startingtoken', 'continuationtoken',
  'starttoken', 'offset', 'page', 'paginationtoken', 'nextpagetoken', 'pagination', 'partnumbermarker',
  'keymarker', 'uploadidmarker', 'versionidmarker', 'startafter', 'exclusivestartkey',
  'filter', 'filters', 'filterset', 'filtername', 'filterexpression', 'query', 'querystring', 'search',
  'sortby', 'sortorder', 'order', 'orderby', 'sort', 'ascending', 'descending',
  'encodingtype', 'format', 'output', 'outputformat', 'fetchowner', 'listtype', 'delimiter', 'prefix',
  'pathprefix', 'locale', 'language', 'acceptlanguage', 'host', 'includeall', 'includedeprecated',
  'starttime', 'endtime', 'from', 'to', 'before', 'after', 'since', 'timestamp', 'period', 'granularity',
  'clienttoken', 'idempotencytoken', 'clientrequesttoken', 'requestid', 'dryrun', 'force',
  'status', 'state', 'states', 'statuses', 'statusfilter', 'statusequals', 'stateequals', 'scope',
  'onlyattached', 'policyusagefilter', 'entityfilter', 'assignmentstatus', 'listingtype',
  'maxrecord', 'verbose', 'detail', 'details', 'includedetails', 'includeshared', 'includepublic',
  'owners', 'owner', 'ownerids', 'executableusers', 'restorableby', 'engine', 'engineversion',
  'resourcetype', 'resourcetypes', 'groupby', 'metrics', 'timeperiod', 'region', 'regionname', 'regions',
  'regionnames', 'awsregion', 'locationconstraint', 'dimension', 'dimensions', 'statistics', 'namespace', 'metricdata', 'value', 'unit', 'resourcetypefilters', 'tagfilters', 'tagkeys', 'tags',
]);

function norm(k: string): string {
  let out = '';
  for (let i = 0; i < k.length; i++) {
    const c = k[i] as string;
    if (c !== '-' && c !== '_' && c !== '.') out += c.toLowerCase();
  }
  return out;
}

function steering(key: string): boolean {
  if (NON_IDENTIFIER_KEYS.has(key)) return true;
  // `includeShared`, `showDeleted`, `maxResults…`, `…Filter(s)`, `…Token`: flags and steering.
  return key.startsWith('include') || key.startsWith('show') || key.startsWith('max') || key.startsWith('min') ||
    key.endsWith('filter') || key.endsWith('filters') || key.endsWith('token') || key.startsWith('sort');
}

/** `NET_UNBLENDED_COST`, `DAYS`, `true`: an API's enumerated constant or flag, not a name. */
function enumConstant(v: string): boolean {
  if (v === 'true' || v === 'false') return true;
  if (v.length < 2 || v.length > 64) return false;
  let letter = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 65 && c <= 90) letter = true;
    else if (c !== 95 && !(c >= 48 && c <= 57)) return false;
  }
  return letter;
}

export interface NamedValue {
  key: string;
  value: string;
}

/**
 * The first identifier-like value of a request (a string or an ARN under a key that does not
 * steer a listing), or undefined when the request provably names nothing.
 */
export function firstIdentifier(requestParameters: unknown): NamedValue | undefined {
  if (requestParameters === null || typeof requestParameters !== 'object') return undefined;
  let nodes = 0;
  const walk = (node: unknown, key: string, depth: number): NamedValue | undefined => {
    if (++nodes > MAX_NODES || depth > 8) return undefined;
    if (typeof node === 'string') {
      if (node === '' || node === '*' || enumConstant(node)) return undefined;
      return looksLikeArn(node) || !steering(key) ? { key, value: node } : undefined;
    }
    if (Array.isArray(node)) {
      for (const item of node) {
        const f = walk(item, key, depth + 1);
        if (f) return f;
      }
      return undefined;
    }
    if (node !== null && typeof node === 'object') {
      for (const k in node) {
        if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
        const low = norm(k);
        // What a filter or tag holds is a criterion, not a name; lists wrap items under `items`.
        if (steering(low) && low !== 'items') continue;
        const child = low === 'items' || low === 'item' || low === 'member' ? key : low;
        const f = walk((node as Record<string, unknown>)[k], child, depth + 1);
        if (f) return f;
      }
    }
    return undefined;
  };
  return walk(requestParameters, '', 0);
}
