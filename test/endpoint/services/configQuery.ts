/**
 * The subset of AWS Config's advanced query language the endpoint understands: what TagTrail
 * sends and nothing more. `SELECT p[, p…] [WHERE c [AND c…]]` with `p = 'v'` and `p IN ('v', …)`;
 * anything else is refused with Config's own InvalidExpressionException, as an unknown property is.
 */
import { ServiceError } from '../wire';
import type { StoredItem } from './configState';

const SELECTABLE = new Set(['arn', 'resourceId', 'resourceName', 'resourceType', 'tags', 'accountId', 'awsRegion', 'configurationItemCaptureTime', 'configurationItemStatus']);
const FILTERABLE: Record<string, (i: StoredItem) => string> = {
  arn: (i) => i.arn, resourceId: (i) => i.resourceId, resourceType: (i) => i.resourceType, accountId: (i) => i.account, awsRegion: (i) => i.region,
};

export interface ParsedQuery { fields: string[]; where: { field: string; values: string[] }[] }

function invalid(why: string): ServiceError {
  return new ServiceError(400, 'InvalidExpressionException', `The expression is not valid: ${why}.`);
}

/** Tokens: identifiers (with dots), quoted literals ('' for a quote), punctuation. */
function tokens(sql: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:([A-Za-z][\w.]*)|'((?:[^']|'')*)'|([(),=*]))/y;
  let at = 0;
  while (at < sql.length) {
    if (/^\s*$/.test(sql.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(sql);
    if (!m) throw invalid(`unexpected text at position ${at}`);
    out.push(m[1] ?? (m[2] !== undefined ? `'${m[2].replace(/''/g, "'")}` : m[3]!));
    at = re.lastIndex;
  }
  return out;
}

export function parseQuery(sql: string): ParsedQuery {
  if (sql.length > 4096) throw invalid('the expression is too long');
  const t = tokens(sql);
  let i = 0;
  const next = (): string => { const v = t[i++]; if (v === undefined) throw invalid('the expression ends early'); return v; };
  const expect = (v: string): void => { const got = next(); if (got.toUpperCase() !== v) throw invalid(`expected ${v}, found ${got}`); };
  expect('SELECT');
  const fields: string[] = [];
  do {
    const f = next();
    if (!SELECTABLE.has(f)) throw invalid(`unknown or unsupported property ${f}`);
    fields.push(f);
  } while (t[i] === ',' && ++i);
  const where: ParsedQuery['where'] = [];
  if (i < t.length) {
    expect('WHERE');
    do {
      const field = next();
      if (!FILTERABLE[field]) throw invalid(`unsupported condition on ${field}`);
      const op = next().toUpperCase();
      const literal = (): string => { const v = next(); if (!v.startsWith("'")) throw invalid(`expected a quoted value, found ${v}`); return v.slice(1); };
      if (op === '=') where.push({ field, values: [literal()] });
      else if (op === 'IN') {
        expect('(');
        const values = [literal()];
        while (t[i] === ',') { i++; values.push(literal()); }
        expect(')');
        where.push({ field, values });
      } else throw invalid(`unsupported operator ${op}`);
    } while (i < t.length && t[i]!.toUpperCase() === 'AND' && ++i);
    if (i < t.length) throw invalid(`unexpected ${t[i]}`);
  }
  return { fields, where };
}

export function matches(q: ParsedQuery, item: StoredItem): boolean {
  return q.where.every((c) => c.values.includes(FILTERABLE[c.field]!(item)));
}

/** One result row as Config writes it: a JSON string of the selected properties. */
export function row(q: ParsedQuery, item: StoredItem): string {
  const all: Record<string, unknown> = {
    arn: item.arn, resourceId: item.resourceId, resourceName: item.resourceId, resourceType: item.resourceType,
    tags: Object.entries(item.tags).map(([key, value]) => ({ key, value, tag: `${key}=${value}` })),
    accountId: item.account, awsRegion: item.region, configurationItemCaptureTime: item.capturedAt, configurationItemStatus: item.status,
  };
  return JSON.stringify(Object.fromEntries(q.fields.map((f) => [f, all[f]])));
}
