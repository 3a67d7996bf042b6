/**
 * The AWS Config advanced queries TagTrail sends, and the rows they return. Config answers with one
 * JSON string per row; every field is untrusted and checked here before the inventory uses it.
 */
import type { Tag } from '../../model';

/** The properties TagTrail selects: enough for ownership and for choosing whose history to read. */
export const SELECTED = ['arn', 'resourceId', 'resourceType', 'tags', 'accountId', 'awsRegion', 'configurationItemCaptureTime'] as const;

/** Config's own region name for global resources (IAM users and roles). */
export const GLOBAL_REGION = 'global';

/** A SQL string literal: Config's grammar doubles a quote inside one. */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * The query of one region's recorder (SelectResourceConfig) or of an aggregator over the chosen
 * regions (SelectAggregateResourceConfig). IAM principals are global resources: `awsRegion = 'global'`.
 */
export function inventoryQuery(regions: readonly string[], accounts?: readonly string[]): string {
  const where = [`awsRegion IN (${[...regions, GLOBAL_REGION].map(literal).join(', ')})`];
  if (accounts && accounts.length > 0) where.push(`accountId IN (${accounts.map(literal).join(', ')})`);
  return `SELECT ${SELECTED.join(', ')} WHERE ${where.join(' AND ')}`;
}

/** One resource as Config's current state has it. */
export interface ConfigRow {
  arn: string;
  resourceId: string;
  resourceType: string;
  tags: Tag[];
  accountId: string;
  region: string;
  /** When Config last recorded a change of the resource (ISO 8601), when it said. */
  capturedAt?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Config lists tags as `[{ key, value }]` (with a `tag` of `key=value`); a map is accepted too. */
export function tagsOfRow(v: unknown): Tag[] {
  if (Array.isArray(v)) {
    return v.flatMap((t) => {
      const o = (t ?? {}) as Record<string, unknown>;
      return typeof o.key === 'string' ? [{ key: o.key, value: typeof o.value === 'string' ? o.value : '' }] : [];
    });
  }
  if (v && typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : '' }));
  return [];
}

/** Parses one result string; undefined (with the reason) for a row without an ARN or not JSON. */
export function parseRow(text: string): { row?: ConfigRow; problem?: string } {
  let o: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'a result row is not a JSON object' };
    o = parsed as Record<string, unknown>;
  } catch {
    return { problem: 'a result row is not JSON' };
  }
  const arn = str(o.arn);
  // Some recorded types (compliance items, recorder settings) have no ARN: nothing can act on them by ARN.
  if (!arn || !arn.startsWith('arn:')) return {};
  const captured = str(o.configurationItemCaptureTime);
  return {
    row: {
      arn,
      resourceId: str(o.resourceId) ?? '',
      resourceType: str(o.resourceType) ?? '',
      tags: tagsOfRow(o.tags),
      accountId: str(o.accountId) ?? (arn.split(':')[4] ?? ''),
      region: str(o.awsRegion) ?? '',
      ...(captured && !Number.isNaN(Date.parse(captured)) ? { capturedAt: new Date(captured).toISOString() } : {}),
    },
  };
}

/** IAM users and roles are the principals; Config records them as global resources. */
export function isPrincipalType(resourceType: string): boolean {
  return resourceType === 'AWS::IAM::User' || resourceType === 'AWS::IAM::Role';
}
