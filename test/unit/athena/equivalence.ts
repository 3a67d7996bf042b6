/**
 * The Athena path and the local path over the same trail files, side by side: the local check
 * reads every record; the Athena-equivalent check runs the scan's SQL in DuckDB over the same files
 * (the table's local twin, `duckdbView`) and checks only the rows it brings back. Shared by the unit
 * test and scripts/bench-athena.ts.
 */
import type { CheckResult, Finding, Inventory, ProductMapping, SourcedRecord } from '../../../src/core/model';
import { runCheck, type CheckFilter } from '../../../src/core/check/check';
import { readEvents } from '../../../src/core/ingest/readEvents';
import { batched } from '../../../src/core/ingest/batches';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { buildScanSpec, type ScanSpec } from '../../../src/core/athena/scanSpec';
import { fitScan } from '../../../src/core/athena/fitScan';
import { scanSql } from '../../../src/core/athena/scanSql';
import { DUCKDB } from '../../../src/core/athena/dialect';
import { duckdbView } from '../../../src/core/athena/duckdbView';
import { rowToSourced, type ScanRow } from '../../../src/core/athena/rowToRecord';
import { duckdbRows } from './duckdbRows';
import { HistoryCollector, buildTimeline } from '../../../src/core/history/collect';
import { ProductsAtTime } from '../../../src/core/history/productsAt';
import { resolveRecord } from '../../../src/core/resolve/resolver';
export { duckdbRows };

export interface Paths {
  /** Folder holding `AWSLogs/…` trail files. */
  logs: string;
  inventory: Inventory;
  mapping?: ProductMapping;
  tagKeys: string[];
  filter?: CheckFilter;
  now?: number;
  /** Findings listed per check: above the default cap, which findings are listed depends on row order. */
  maxListed?: number;
  /**
   * Judge by the tags in force at each event's time, as the runner does: the local path collects
   * the tag history from every record, the Athena path from the rows its scan brought back.
   */
  history?: boolean;
}

async function* once(records: SourcedRecord[]): AsyncGenerator<readonly SourcedRecord[]> {
  yield records;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/** The runner's first pass over held records: their tag history, as products at each event's time. */
function historyOf(records: SourcedRecord[], paths: Paths, products: ProductIndex): ProductsAtTime {
  const c = new HistoryCollector(resolveRecord);
  for (const r of records) c.add(r.record, r.lookupResources);
  return new ProductsAtTime(products, buildTimeline(paths.inventory, paths.tagKeys, c.observations));
}

export interface Comparison {
  local: CheckResult;
  athena: CheckResult;
  spec: ScanSpec;
  sql: string;
  /** Rows the scan brought back. */
  scanned: number;
  /** Records the local check read. */
  all: number;
}

/** A finding's identity across paths (the source file differs by construction). */
export function findingKey(f: Finding): string {
  return `${f.eventID} ${f.severity} ${f.principal.arn} ${f.principal.product} -> ${f.resource.arn} ${f.resource.product} ${f.resource.via}`;
}

async function* sourced(rows: AsyncIterable<ScanRow>): AsyncGenerator<SourcedRecord> {
  let i = 0;
  for await (const row of rows) {
    const r = rowToSourced(row, i++);
    if (typeof r === 'string') throw new Error(`scan row ${i} is not a record: ${r}`);
    yield r;
  }
}

/** Both checks over `paths.logs`, with the same products, filter and clock. */
export async function comparePaths(paths: Paths): Promise<Comparison> {
  const products = new ProductIndex(paths.inventory, paths.mapping, paths.tagKeys);
  const ctx = { products, ...(paths.maxListed !== undefined ? { maxListed: paths.maxListed } : {}), ...(paths.filter ? { filter: paths.filter } : {}), ...(paths.now !== undefined ? { now: paths.now } : {}) };
  if (paths.history) {
    const all = await collect(readEvents([paths.logs]));
    const local = await runCheck(batched(once(all)), { ...ctx, history: historyOf(all, paths, products) });
    const built = buildScanSpec({ inventory: paths.inventory, tagKeys: paths.tagKeys, ...(paths.mapping ? { mapping: paths.mapping } : {}), ...(paths.filter ? { filter: paths.filter } : {}), ...(paths.now !== undefined ? { now: paths.now } : {}) });
    const { spec } = fitScan(built, '"security"."cloudtrail_logs"');
    const sql = scanSql(spec, 'cloudtrail_logs', DUCKDB);
    const rows = await collect(sourced(duckdbRows(duckdbView([`${paths.logs}/**/*.json.gz`]) + sql)));
    const athena = await runCheck(batched(once(rows)), { ...ctx, history: historyOf(rows, paths, products) });
    return { local, athena, spec, sql, scanned: athena.stats.recordsRead, all: local.stats.recordsRead };
  }
  const local = await runCheck(readEvents([paths.logs]), ctx);
  const built = buildScanSpec({ inventory: paths.inventory, tagKeys: paths.tagKeys, ...(paths.mapping ? { mapping: paths.mapping } : {}), ...(paths.filter ? { filter: paths.filter } : {}), ...(paths.now !== undefined ? { now: paths.now } : {}) });
  // The spec Athena would run (fitted to its query size limit), rendered for DuckDB.
  const { spec } = fitScan(built, '"security"."cloudtrail_logs"');
  const sql = scanSql(spec, 'cloudtrail_logs', DUCKDB);
  const athena = await runCheck(sourced(duckdbRows(duckdbView([`${paths.logs}/**/*.json.gz`]) + sql)), ctx);
  return { local, athena, spec, sql, scanned: athena.stats.recordsRead, all: local.stats.recordsRead };
}

/** Findings one side has and the other lacks, as readable lines (empty when they agree). */
export function findingDifferences(c: Comparison): string[] {
  const a = new Map(c.local.findings.map((f) => [findingKey(f), f.eventName]));
  const b = new Map(c.athena.findings.map((f) => [findingKey(f), f.eventName]));
  return [
    ...[...a].filter(([k]) => !b.has(k)).map(([k, n]) => `only local:  ${k} (${n})`),
    ...[...b].filter(([k]) => !a.has(k)).map(([k, n]) => `only athena: ${k} (${n})`),
  ];
}
