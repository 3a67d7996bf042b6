import { INVENTORY_SOURCES, type InventorySource } from '../core/aws/config/sources';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';

/** `check`'s options for where a live check's tags come from. */
export const INVENTORY_SOURCE_OPTIONS: OptionSpec = { 'inventory-source': 'string', 'config-aggregator': 'string', 'config-history-calls': 'string' };

export const INVENTORY_SOURCE_HELP = `  --inventory-source <s> where a live check's tags come from: tagging (the tagging and IAM
                         APIs, default), config (AWS Config's advanced query per region, with
                         the tag history of what changed in the window), config-aggregator
  --config-aggregator <name>   a Config aggregator: many accounts' tags in one query
  --config-history-calls <n>   most Config history calls per check (default 200; 0: none)`;

export interface InventorySourceChoice { inventorySource?: InventorySource; configAggregator?: string; maxHistoryCalls?: number }

/** The choice on the command line, validated; empty when none was made. `live` says whether the check is live. */
export function inventorySourceFrom(args: ParsedArgs, live: boolean): InventorySourceChoice {
  const named = args.strings.get('inventory-source');
  const aggregator = args.strings.get('config-aggregator');
  const calls = args.strings.get('config-history-calls');
  if (named === undefined && aggregator === undefined && calls === undefined) return {};
  if (!live) throw new UsageError('--inventory-source, --config-aggregator and --config-history-calls choose where a live check (--profile) reads tags; with files, the tags are the --inventory files');
  if (named !== undefined && !(INVENTORY_SOURCES as readonly string[]).includes(named)) throw new UsageError(`--inventory-source takes ${INVENTORY_SOURCES.join(', ')} (got "${named}")`);
  const source = (named ?? (aggregator !== undefined ? 'config-aggregator' : 'tagging')) as InventorySource;
  if (source === 'config-aggregator' && !aggregator?.trim()) throw new UsageError('--inventory-source config-aggregator needs --config-aggregator <name>');
  if (aggregator !== undefined && source !== 'config-aggregator') throw new UsageError(`--config-aggregator goes with --inventory-source config-aggregator (got ${source})`);
  let maxHistoryCalls: number | undefined;
  if (calls !== undefined) {
    maxHistoryCalls = Number(calls);
    if (!/^\d+$/.test(calls) || maxHistoryCalls > 100_000) throw new UsageError(`--config-history-calls takes a whole number from 0 to 100000 (got "${calls}")`);
  }
  return { inventorySource: source, ...(aggregator ? { configAggregator: aggregator.trim() } : {}), ...(maxHistoryCalls !== undefined ? { maxHistoryCalls } : {}) };
}
