/** A tag as AWS stores it: keys and values are case-sensitive. */
export interface Tag {
  key: string;
  value: string;
}

export type InventoryItemKind = 'principal' | 'resource';

export interface InventoryItem {
  arn: string;
  kind: InventoryItemKind;
  tags: Tag[];
}

/**
 * The TagTrail snapshot format: what a check needs to know about an account's tags, saved so that
 * a check can run offline. Version 1.
 */
export interface InventorySnapshot {
  format: 'tagtrail-inventory';
  version: 1;
  /** When the snapshot was taken (ISO 8601). */
  takenAt?: string;
  accounts?: string[];
  regions?: string[];
  principals: { arn: string; tags: Record<string, string> }[];
  resources: { arn: string; tags: Record<string, string> }[];
}

/** Inventory merged from any number of sources, indexed for lookups by ARN. */
export interface Inventory {
  principals: Map<string, Tag[]>;
  resources: Map<string, Tag[]>;
  /** Files the inventory was read from, for the report's scope section. */
  sources: string[];
  /**
   * Problems the loader met that do not stop a check (one ARN given different products by two
   * files, an export cut short by a pagination token): the source hands them on as its warnings,
   * which the report's scope and the CLI's stderr show.
   */
  warnings?: string[];
}

/**
 * The user's mapping file: principals matched by ARN pattern to products, products everyone may use,
 * and exemptions. Patterns use `*` as a wildcard (any run of characters) and nothing else.
 */
export interface ProductMapping {
  principals?: { pattern: string; product: string }[];
  resources?: { pattern: string; product: string }[];
  /** Products whose resources any product may touch (e.g. `shared`, `platform`). */
  sharedProducts?: string[];
  exemptions?: {
    principal?: string;
    resource?: string;
    eventName?: string;
    reason: string;
  }[];
}
