/** Where a live check's tags come from (no AWS SDK here: the CLI's argument parsing imports it). */
export type InventorySource = 'tagging' | 'config' | 'config-aggregator';
export const INVENTORY_SOURCES: readonly InventorySource[] = ['tagging', 'config', 'config-aggregator'];
