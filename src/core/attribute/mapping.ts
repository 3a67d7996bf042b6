import type { ProductMapping } from '../model';

function fail(source: string, where: string, what: string): never {
  throw new Error(`${source}: ${where} ${what}`);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function list(v: unknown, source: string, where: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(source, where, 'must be a list');
  return v;
}

function text(v: unknown, source: string, where: string, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.length === 0) fail(source, where, 'must be a non-empty string');
  return v;
}

function patterns(v: unknown, source: string, key: string): { pattern: string; product: string }[] {
  return list(v, source, key).map((e, i) => {
    if (!isObj(e)) fail(source, `${key}[${i}]`, 'must be an object with pattern and product');
    return {
      pattern: text(e['pattern'], source, `${key}[${i}].pattern`, true) as string,
      product: text(e['product'], source, `${key}[${i}].product`, true) as string,
    };
  });
}

/**
 * Validates a parsed mapping file (see `ProductMapping`). Throws an Error naming the file and the
 * offending field, because a silently ignored mapping entry would hide or invent findings.
 */
export function parseMapping(json: unknown, source: string): ProductMapping {
  if (!isObj(json)) fail(source, 'the mapping file', 'must be a JSON object');
  const known = new Set(['principals', 'resources', 'sharedProducts', 'exemptions', '$schema', 'comment']);
  for (const k of Object.keys(json)) if (!known.has(k)) fail(source, `key "${k}"`, 'is not a mapping field (principals, resources, sharedProducts, exemptions)');
  const sharedProducts = list(json['sharedProducts'], source, 'sharedProducts').map((s, i) => text(s, source, `sharedProducts[${i}]`, true) as string);
  const exemptions = list(json['exemptions'], source, 'exemptions').map((e, i) => {
    const at = `exemptions[${i}]`;
    if (!isObj(e)) fail(source, at, 'must be an object');
    const ex = {
      principal: text(e['principal'], source, `${at}.principal`, false),
      resource: text(e['resource'], source, `${at}.resource`, false),
      eventName: text(e['eventName'], source, `${at}.eventName`, false),
      reason: text(e['reason'], source, `${at}.reason`, true) as string,
    };
    if (!ex.principal && !ex.resource && !ex.eventName) fail(source, at, 'must name at least one of principal, resource, eventName');
    return ex;
  });
  return { principals: patterns(json['principals'], source, 'principals'), resources: patterns(json['resources'], source, 'resources'), sharedProducts, exemptions };
}
