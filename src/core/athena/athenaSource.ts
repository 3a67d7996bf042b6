/**
 * Events for a check from Athena: build the scan from the check's filter and products, say what it
 * will cost, run it, and hand the rows on as records to the same `runCheck` the local path uses.
 */
import type { Inventory, ProductMapping, ReadError, SourcedRecord } from '../model';
import type { CheckFilter } from '../check/scopeFilter';
import type { AwsClients } from '../aws/clients';
import { buildScanSpec, type ScanSpec } from './scanSpec';
import { fitScan } from './fitScan';
import { sqlIdentifier } from './sqlText';
import { queryRows, runQuery, type QueryOutcome } from './runQuery';
import { rowToSourced } from './rowToRecord';
import { estimateBytes, type LogsLocation } from './estimate';
import { describeScan } from './cost';
import type { AthenaTableRef } from './tableRef';

export interface AthenaScanRequest {
  clients: AwsClients;
  region: string;
  table: AthenaTableRef;
  filter?: CheckFilter;
  inventory: Inventory;
  mapping?: ProductMapping;
  tagKeys: readonly string[];
  now?: number;
  /** Where the logs are, for the cost estimate; without it the estimate is unknown. */
  logs?: LogsLocation;
  outputLocation?: string;
  signal?: AbortSignal;
  /** First delay between status polls (see `runQuery`). */
  pollMs?: number;
  /** One line per step: the estimate, Athena's states, the bytes scanned. */
  log: (line: string) => void;
  /** Rows that are not records (see `recordFrom`): reported like unreadable records of a file. */
  onBadRow?: (e: ReadError) => void;
}

export interface AthenaScan {
  spec: ScanSpec;
  sql: string;
  events: AsyncIterable<SourcedRecord>;
  /** Sentences for the report's scope, completed with the bytes scanned once the rows are read. */
  notes: string[];
  /** Set once the query finished. */
  outcome?: QueryOutcome;
}

/** What the scan will send, built without any AWS call: the spec and the exact SELECT. */
export function athenaPlan(req: Pick<AthenaScanRequest, 'table' | 'filter' | 'inventory' | 'mapping' | 'tagKeys' | 'now'>): { spec: ScanSpec; sql: string } {
  const built = buildScanSpec({ inventory: req.inventory, tagKeys: req.tagKeys, ...(req.mapping ? { mapping: req.mapping } : {}), ...(req.filter ? { filter: req.filter } : {}), ...(req.now !== undefined ? { now: req.now } : {}) });
  const table = `${sqlIdentifier(req.table.database)}.${sqlIdentifier(req.table.table)}`;
  return fitScan(built, table);
}

/** Prepares the scan and returns its events; the query starts when the events are first read. */
export function athenaScan(req: AthenaScanRequest): AthenaScan {
  const { spec, sql } = athenaPlan(req);
  const scan: AthenaScan = { spec, sql, notes: [...spec.notes], events: rows() };

  async function* rows(): AsyncGenerator<SourcedRecord> {
    const athena = req.clients.athena(req.region);
    const estimate = req.logs ? await estimateBytes(req.clients.s3(req.region), spec, req.logs, req.signal) : 'no log location given (--athena-logs)';
    req.log(`Athena scan of ${req.table.database}.${req.table.table} in workgroup ${req.table.workgroup}: estimated ${typeof estimate === 'number' ? describeScan(estimate) : `cost unknown: ${estimate}`}`);
    const outcome = await runQuery(athena, sql, {
      workgroup: req.table.workgroup,
      database: req.table.database,
      ...(req.outputLocation ? { outputLocation: req.outputLocation } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.pollMs !== undefined ? { pollMs: req.pollMs } : {}),
      onState: (s) => req.log(`Athena query ${s.toLowerCase()}`),
    });
    scan.outcome = outcome;
    const after = `Athena query ${outcome.queryId} scanned ${describeScan(outcome.bytesScanned)}`;
    req.log(after);
    scan.notes.push(`${after}.`);
    let i = 0;
    for await (const row of queryRows(athena, outcome.queryId, req.signal)) {
      const r = rowToSourced(row, i++);
      if (typeof r !== 'string') yield r;
      else req.onBadRow?.({ source: row.source_file ?? `athena:${outcome.queryId}`, position: i, message: `row ${i}: ${r}` });
    }
  }
  return scan;
}
