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
   * Sentences for the report's scope: tags that differ between inventory files for one ARN (and
   * which value was used), exports that hold only part of the account (a pagination token left in).
   */
  warnings?: string[];
  /** Every tag that differed between sources for one ARN, in the order the sources were read. */
  conflicts?: TagConflict[];
  /**
   * Tag observations over time (AWS Config history, an aggregator, a source's own record of tags),
   * for judging events by the tags in force at their time. The trail's own tag events are added by
   * the check; absent when the source has no history.
   */
  history?: import('./tagHistory').TagObservation[];
}

/** One tag key with different values for one ARN across inventory sources. */
export interface TagConflict {
  arn: string;
  key: string;
  /** Each source that gave the key, with its value, in reading order. */
  values: { source: string; value: string }[];
  /** The value the check uses: the last source's. */
  used: string;
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
