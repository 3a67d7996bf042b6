/**
 * Products at an event's time: the tag timeline where an ARN has history, today's products
 * (ProductIndex: tags, then the mapping) elsewhere. What the judge asks for each caller and target.
 */
import type { Principal } from '../model';
import type { ProductIndex } from '../attribute/productIndex';
import type { ProductAt, TagTimeline } from './timeline';

/** A product with, when it came from history, what history said and today's product. */
export interface SideProduct {
  product: string | undefined;
  /** Present when the history decided (the ARN has observations in force or pending at that time). */
  history?: ProductAt & { today: string | undefined };
}

export class ProductsAtTime {
  constructor(readonly products: ProductIndex, readonly timeline: TagTimeline) {}

  /** True when no ARN has history: the judge then needs nothing of this. */
  get empty(): boolean {
    return this.timeline.size === 0;
  }

  resource(arn: string, ms: number): SideProduct {
    const today = this.products.productOfResource(arn);
    let at = this.timeline.productAt(arn, ms);
    let owner = arn;
    if (at === undefined) {
      // A nested resource (an S3 object) without its own product takes its parent's, at that time too.
      const parent = this.products.parentOf(arn);
      if (parent !== undefined && this.timeline.has(parent) && today === this.products.productOfResource(parent)) {
        at = this.timeline.productAt(parent, ms);
        owner = parent;
      }
    }
    return this.decide(at, today, owner);
  }

  principal(p: Principal, ms: number): SideProduct {
    const today = this.products.productOfPrincipal(p);
    if (p.type === 'aws-service') return { product: undefined };
    const at = this.timeline.productAt(p.arn, ms) ?? (p.issuerArn !== undefined ? this.timeline.productAt(p.issuerArn, ms) : undefined);
    return this.decide(at, today, p.arn);
  }

  private decide(at: ProductAt | undefined, today: string | undefined, arn: string): SideProduct {
    if (at === undefined || at.from === 'today') return { product: today };
    // Untagged by history but named by the mapping today (not by its tags): the mapping still
    // applies at that time, as tags win over it only when there are some.
    if (at.product === undefined && at.unknown === undefined && !at.deleted && today !== undefined
      && this.products.productFromTags(this.timeline.todayTagsOf(arn)) === undefined) return { product: today };
    return { product: at.product, history: { ...at, today } };
  }
}
