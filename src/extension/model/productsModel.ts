/**
 * What the Products, Principals and Resources trees show, computed from the inventory and the
 * events seen, without `vscode`, so that it is tested in Node and timed at 10,000 resources.
 */
import type { Inventory, Principal } from '../../core/model';
import type { ProductIndex } from '../../core/attribute/productIndex';
import { arnParts } from './arnParts';

/** Resources grouped by service, then resource type, each list sorted. */
export type ResourceGroups = Map<string, Map<string, string[]>>;

export interface ProductEntry {
  /** undefined for the Untagged group. */
  product: string | undefined;
  principals: string[];
  resources: ResourceGroups;
  resourceCount: number;
  shared: boolean;
}

export interface ProductsModel {
  /** Products sorted by name, the Untagged group (if any) last. */
  entries: ProductEntry[];
  /** Product of every principal and resource listed, for the flat views' descriptions. */
  productOf: Map<string, string | undefined>;
  principals: string[];
  resources: string[];
}

function entryFor(map: Map<string | undefined, ProductEntry>, product: string | undefined, products: ProductIndex): ProductEntry {
  let e = map.get(product);
  if (!e) {
    e = { product, principals: [], resources: new Map(), resourceCount: 0, shared: product !== undefined && products.isShared(product) };
    map.set(product, e);
  }
  return e;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * @param seenPrincipals principals met in events: callers that are not in the inventory (SSO roles,
 *   other accounts) still belong in the Principals list, attributed by the mapping file.
 */
export function buildProductsModel(inventory: Inventory, products: ProductIndex, seenPrincipals: Iterable<Principal> = []): ProductsModel {
  const map = new Map<string | undefined, ProductEntry>();
  const productOf = new Map<string, string | undefined>();
  for (const arn of inventory.principals.keys()) {
    const product = products.productOfPrincipal({ arn, type: arn.includes(':user/') ? 'iam-user' : 'iam-role' });
    productOf.set(arn, product);
    entryFor(map, product, products).principals.push(arn);
  }
  for (const p of seenPrincipals) {
    if (productOf.has(p.arn) || p.type === 'aws-service') continue;
    const product = products.productOfPrincipal(p);
    productOf.set(p.arn, product);
    entryFor(map, product, products).principals.push(p.arn);
  }
  for (const arn of inventory.resources.keys()) {
    const product = products.productOfResource(arn);
    productOf.set(arn, product);
    const e = entryFor(map, product, products);
    const { service, type } = arnParts(arn);
    let byType = e.resources.get(service);
    if (!byType) e.resources.set(service, (byType = new Map()));
    let list = byType.get(type);
    if (!list) byType.set(type, (list = []));
    list.push(arn);
    e.resourceCount++;
  }
  for (const e of map.values()) {
    e.principals.sort(byText);
    for (const byType of e.resources.values()) for (const list of byType.values()) list.sort(byText);
  }
  const entries = [...map.values()].sort((a, b) =>
    a.product === undefined ? 1 : b.product === undefined ? -1 : byText(a.product, b.product));
  const principals = entries.flatMap((e) => e.principals).sort(byText);
  return { entries, productOf, principals, resources: [...inventory.resources.keys()].sort(byText) };
}
