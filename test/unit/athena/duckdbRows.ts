// DuckDB standing in for Athena in tests: the unit tests, the bench and the editor suite read the
// scan's answer through this one function.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../../../src/core/athena/sqlText';
import type { ScanRow } from '../../../src/core/athena/rowToRecord';

/**
 * Runs `sql` in a fresh in-memory DuckDB, yielding rows as strings (or null) by column name. The
 * result goes through a temporary NDJSON file: the client's streaming iterator ends at the first
 * empty chunk, which a slow consumer of a large parallel query can meet long before the end (a run
 * over the 1M fixture stopped at 37% that way), and a file keeps memory bounded as well.
 */
export async function* duckdbRows(sql: string): AsyncGenerator<ScanRow> {
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-duckdb-'));
  const file = join(dir, 'rows.json');
  try {
    const db = await DuckDBInstance.create(':memory:', { threads: '2' });
    const conn = await db.connect();
    try {
      await conn.run(`COPY (${sql}) TO ${sqlString(file)} (FORMAT json)`);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      const out: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(row)) out[k] = v === null || v === undefined ? null : String(v);
      yield out as ScanRow;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
