import type { Inventory, ProductMapping } from '../model';

/** Every product the inventory's tags (under `tagKeys`) and the mapping name, sorted. */
export function knownProducts(inventory: Inventory, mapping: ProductMapping | undefined, tagKeys: readonly string[]): string[] {
  const keys = new Set(tagKeys);
  const out = new Set<string>();
  for (const items of [inventory.principals, inventory.resources]) {
    for (const tags of items.values()) for (const t of tags) if (keys.has(t.key) && t.value !== '') out.add(t.value);
  }
  for (const p of mapping?.principals ?? []) out.add(p.product);
  for (const r of mapping?.resources ?? []) out.add(r.product);
  for (const s of mapping?.sharedProducts ?? []) out.add(s);
  return [...out].sort();
}

function listed(products: string[], max = 20): string {
  if (products.length === 0) return 'none: no tag under the product tag keys and no mapping';
  const shown = products.slice(0, max).join(', ');
  return products.length > max ? `${shown} and ${products.length - max} more` : shown;
}

/**
 * What is wrong with a `--product` value, or undefined when that product exists. Products are
 * tag values, so they are case-sensitive; a value that differs only in case gets a hint.
 */
export function productProblem(product: string, known: string[]): string | undefined {
  if (known.includes(product)) return undefined;
  const lower = product.toLowerCase();
  const near = known.filter((k) => k.toLowerCase() === lower);
  const hint = near.length > 0 ? `; did you mean ${near.join(' or ')}? (products are case-sensitive)` : '';
  return `--product ${JSON.stringify(product.slice(0, 80))}: no such product${hint}; known products: ${listed(known)}`;
}

export { listed as listProducts };
