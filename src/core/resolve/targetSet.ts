/**
 * The targets and related ARNs found so far, each kept once (first tier wins), with the IAM
 * resource type each one was recognised as. Plain arrays, not Sets: a record has a handful of
 * each, and one set is allocated per record of millions.
 */
import type { Target, Via } from '../model';
import { matchesTemplate, specificity } from './arnTemplate';
import { isConcreteArn, serviceOfArn, shorterArns } from '../arn/arn';
import type { Plan, PlanType } from './plan';

export class TargetSet {
  readonly targets: Target[] = [];
  readonly related: Target[] = [];
  // Both allocated on first use: most records of millions never name a typed target.
  /** Resource types that have at least one target. */
  private found: string[] | undefined;
  /** Resource types resources[] or a whole ARN in the record named: templates need not guess those. */
  private fromResources: string[] | undefined;

  hasType(resourceType: string): boolean {
    return this.found !== undefined && this.found.includes(resourceType);
  }

  hasTypeFromResources(resourceType: string): boolean {
    return this.fromResources !== undefined && this.fromResources.includes(resourceType);
  }

  addTarget(arn: string, via: Via, resourceType?: string, assumption?: string): void {
    if (indexOf(this.targets, arn) >= 0) return;
    if (!isConcreteArn(arn)) return; // `…:role/`, `…:bucket/`: a path prefix names no resource
    // An ARN first seen as context but later found to be what the call acted on moves over.
    const i = indexOf(this.related, arn);
    if (i >= 0) this.related.splice(i, 1);
    this.targets.push(make(arn, via, resourceType, assumption));
    if (resourceType) {
      (this.found ??= []).push(resourceType);
      // An ARN the record states outright beats one built from a template for the same type.
      if (via === 'resources' || via === 'arn-in-response') (this.fromResources ??= []).push(resourceType);
    }
  }

  /** Takes a target back (a curated rule found it to be a guess); its type counts only if another target has it. */
  removeTarget(index: number): Target | undefined {
    const [t] = this.targets.splice(index, 1);
    if (t?.resourceType && this.found) {
      const type = t.resourceType;
      this.found = this.targets.filter((x) => x.resourceType === type).length > 0 ? this.found : this.found.filter((x) => x !== type);
    }
    return t;
  }

  addRelated(arn: string, via: Via, resourceType?: string): void {
    if (indexOf(this.targets, arn) >= 0 || indexOf(this.related, arn) >= 0) return;
    this.related.push(make(arn, via, resourceType));
  }
}

function indexOf(list: Target[], arn: string): number {
  for (let i = 0; i < list.length; i++) if ((list[i] as Target).arn === arn) return i;
  return -1;
}

function make(arn: string, via: Via, resourceType?: string, assumption?: string): Target {
  const t: Target = { arn, via };
  if (resourceType) t.resourceType = resourceType;
  if (assumption) t.assumption = assumption;
  return t;
}

/** The plan's resource type that `arn` is an instance of (most specific template wins). */
export function classify(plan: Plan, arn: string): PlanType | undefined {
  const service = serviceOf(arn);
  let best: PlanType | undefined;
  for (const pt of plan.types) {
    const t = pt.type.template;
    if (t.service !== service || !matchesTemplate(t, arn)) continue;
    if (!best || specificity(t) > specificity(best.type.template)) best = pt;
  }
  return best;
}

/**
 * The plan's type of an ARN, or of the resource a qualified ARN names: a Lambda version or alias
 * (`…:function:f:3`), a log group's `:*`, a child path whose parent IAM authorises
 * (`…:bucket/key` for a bucket-level action). Undefined when neither the ARN nor a shortening of
 * it is of a plan type.
 */
export function classifyQualified(plan: Plan, arn: string): { arn: string; type: PlanType } | undefined {
  const pt = classify(plan, arn);
  if (pt) return { arn, type: pt };
  for (const shorter of shorterArns(arn)) {
    const st = classify(plan, shorter);
    if (st) return { arn: shorter, type: st };
  }
  return undefined;
}

export { isConcreteArn };

/** The service segment of an ARN (`arn:aws:s3:::b` -> `s3`). */
export const serviceOf = serviceOfArn;
