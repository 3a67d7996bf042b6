import { ProductIndex, DEFAULT_TAG_KEYS } from '../../../src/core/attribute/productIndex';
import { runCheck } from '../../../src/core/check/check';
import { readEvents, newReadStats, type ReadStats } from '../../../src/core/ingest/readEvents';
import { loadInventory } from '../../../src/core/inventory/loadInventory';
import type { CheckResult, ReadError } from '../../../src/core/model';
import type { CheckFilter } from '../../../src/core/check/scopeFilter';

/** What a check of files gives: the result, and the reader's own counts. */
export interface Checked {
  result: CheckResult;
  stats: ReadStats;
}

/** The real ingest → resolve → attribute → check pipeline, as the CLI runs it, on files. */
export async function checkFiles(events: string[], inventory: string[], filter: CheckFilter = {}): Promise<Checked> {
  const inv = await loadInventory(inventory);
  const readErrors: ReadError[] = [];
  const stats = newReadStats();
  const records = readEvents(events, { onError: (e) => readErrors.push(e), stats });
  const result = await runCheck(records, {
    products: new ProductIndex(inv, undefined, DEFAULT_TAG_KEYS), filter, readErrors,
    scope: { eventSources: events, inventorySources: inv.sources, notes: [`events read from ${events.join(', ')}`] },
    now: Date.parse('2024-06-01T00:00:00Z'),
  });
  return { result, stats };
}
