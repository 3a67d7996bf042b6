/**
 * The part of the check SQL can do alone: an S3 object call by a tagged caller on a bucket of the
 * caller's own product (or a shared one) names only that bucket and its objects, so it can yield
 * no finding and need not leave S3. Only what the record proves is used: the caller's exact ARN
 * with a product tag, the bucket's product from the same `ProductIndex` the check uses, and guards
 * (checked in SQL) that keep every other way the resolver could name a target out: no error, no
 * ARN anywhere in the request or response, no copy source, `resources[]` inside the bucket.
 */
import type { Inventory, ProductMapping } from '../model';
import { bucketOfBucketArn, bucketOfObjectArn, isIamRoleOrUserArn } from '../arn/arn';
import { ProductIndex } from '../attribute/productIndex';

/** Object calls whose targets are the request's bucket and object (CopyObject and UploadPartCopy name a source too). */
export const S3_OBJECT_EVENTS: readonly string[] = [
  'AbortMultipartUpload', 'CompleteMultipartUpload', 'CreateMultipartUpload', 'DeleteObject', 'GetObject', 'GetObjectAcl',
  'GetObjectTagging', 'HeadObject', 'PutObject', 'UploadPart',
];

export interface SameProductS3 {
  /** Per product: its buckets (names) and its callers (exact ARNs whose own tags name the product). */
  products: { product: string; buckets: string[]; callers: string[] }[];
  /** Buckets of shared products: any caller may use them. */
  sharedBuckets: string[];
}

/**
 * The products SQL can compare, or undefined when resource patterns in the mapping could give an
 * object a product of its own (then only the check can tell).
 */
export function sameProductS3(inventory: Inventory, mapping: ProductMapping | undefined, tagKeys: readonly string[]): SameProductS3 | undefined {
  if ((mapping?.resources ?? []).length > 0) return undefined;
  const index = new ProductIndex(inventory, mapping, [...tagKeys]);
  // ARNs with tag history (AWS Config) may have had another product at an event's time: only the check can tell.
  const withHistory = new Set((inventory.history ?? []).map((o) => o.arn));
  // A bucket with objects in the inventory may have objects of another product: leave it to the check.
  const withObjects = new Set<string>();
  for (const arn of inventory.resources.keys()) {
    const bucket = bucketOfObjectArn(arn);
    if (bucket) withObjects.add(bucket);
  }
  const byProduct = new Map<string, { buckets: Set<string>; callers: Set<string> }>();
  const entry = (p: string) => byProduct.get(p) ?? byProduct.set(p, { buckets: new Set(), callers: new Set() }).get(p)!;
  const sharedBuckets = new Set<string>();
  for (const arn of inventory.resources.keys()) {
    const bucket = bucketOfBucketArn(arn);
    if (!bucket || withObjects.has(bucket) || withHistory.has(arn)) continue;
    const product = index.productOfResource(arn);
    if (product === undefined) continue;
    if (index.isShared(product)) sharedBuckets.add(bucket);
    else entry(product).buckets.add(bucket);
  }
  for (const [arn, tags] of inventory.principals) {
    if (!isIamRoleOrUserArn(arn) || withHistory.has(arn)) continue;
    const product = index.productFromTags(tags);
    if (product !== undefined && byProduct.has(product)) entry(product).callers.add(arn);
  }
  const products = [...byProduct].filter(([, e]) => e.buckets.size > 0 && e.callers.size > 0)
    .map(([product, e]) => ({ product, buckets: [...e.buckets].sort(), callers: [...e.callers].sort() }))
    .sort((a, b) => a.product.localeCompare(b.product));
  if (products.length === 0 && sharedBuckets.size === 0) return undefined;
  return { products, sharedBuckets: [...sharedBuckets].sort() };
}
