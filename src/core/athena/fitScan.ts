/**
 * Athena refuses query strings over 262,144 bytes. The scan's lists (callers, buckets) grow with
 * the inventory, so a large organisation's scan is fitted: the same-product judgement gives up
 * products (those with the longest caller lists first), then the caller filter goes. Each step only
 * brings more rows back, never fewer findings, and the notes say what was given up.
 */
import { ATHENA } from './dialect';
import { scanSql } from './scanSql';
import type { ScanSpec } from './scanSpec';

/** Athena's documented limit on the length of a query string, in bytes. */
export const ATHENA_MAX_QUERY_BYTES = 262_144;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The spec whose Athena SQL fits `limit`, and that SQL; throws when even the smallest scan does not fit. */
export function fitScan(spec: ScanSpec, table: string, limit = ATHENA_MAX_QUERY_BYTES): { spec: ScanSpec; sql: string } {
  let current: ScanSpec = { ...spec, notes: [...spec.notes] };
  let sql = scanSql(current, table, ATHENA);
  if (bytes(sql) <= limit) return { spec: current, sql };
  const same = current.sameProduct;
  if (same) {
    const products = [...same.products].sort((a, b) => b.callers.length - a.callers.length || a.product.localeCompare(b.product));
    const given: string[] = [];
    while (products.length > 0 && bytes(sql) > limit) {
      given.push(products.shift()!.product);
      current = { ...current, sameProduct: { ...same, products } };
      if (products.length === 0 && same.sharedBuckets.length === 0) delete current.sameProduct;
      sql = scanSql(current, table, ATHENA);
    }
    if (bytes(sql) > limit) {
      delete current.sameProduct;
      sql = scanSql(current, table, ATHENA);
    }
    const left = current.sameProduct ? `products ${given.join(', ')}` : 'every product';
    current.notes.push(`Athena limits a query to ${limit} bytes: the scan did not judge S3 calls in SQL for ${left}, so they came back to be checked here.`);
  }
  if (bytes(sql) > limit && current.principals) {
    delete current.principals;
    sql = scanSql(current, table, ATHENA);
    current.notes.push(`Athena limits a query to ${limit} bytes: the scan kept every caller rather than list the inventory's.`);
  }
  if (bytes(sql) > limit) throw new Error(`the Athena scan is ${bytes(sql)} bytes even without caller and bucket lists, over Athena's limit of ${limit}`);
  return { spec: current, sql };
}
