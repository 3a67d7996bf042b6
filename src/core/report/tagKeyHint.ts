import type { Inventory } from '../model';

/**
 * Tag keys that match a product tag key except for case (`Product` when the key is `product`): the
 * first thing that goes wrong in a real account, since keys are case-sensitive and such tags are
 * silently not read as products. One sentence per key, with how many principals and resources carry
 * it, for the report's scope and the CLI's stderr. Empty when there is nothing to say.
 */
export function tagKeyCaseNotes(inventory: Pick<Inventory, 'principals' | 'resources'>, tagKeys: readonly string[]): string[] {
  const wanted = new Map(tagKeys.map((k) => [k.toLowerCase(), k]));
  const exact = new Set(tagKeys);
  const seen = new Map<string, { principals: number; resources: number; configured: string }>();
  const scan = (items: Map<string, { key: unknown }[]>, side: 'principals' | 'resources'): void => {
    for (const tags of items.values()) {
      if (!Array.isArray(tags)) continue;
      for (const t of tags) {
        const key = typeof t?.key === 'string' ? t.key : undefined;
        if (key === undefined || exact.has(key)) continue;
        const configured = wanted.get(key.toLowerCase());
        if (configured === undefined) continue;
        const entry = seen.get(key) ?? { principals: 0, resources: 0, configured };
        entry[side]++;
        seen.set(key, entry);
      }
    }
  };
  scan(inventory.principals, 'principals');
  scan(inventory.resources, 'resources');
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, e]) =>
    `Tag key "${key}" (on ${e.principals} principals and ${e.resources} resources) differs from the product tag key "${e.configured}" only by case; tag keys are case-sensitive, so these were not read as products. If it names products, add it: --tag-key ${e.configured} ${key} (in VS Code, the tagtrail.productTagKeys setting).`);
}
