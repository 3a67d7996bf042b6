/**
 * The request contexts of a replay item: one per IAM action of the event, built from the event
 * (action, resource ARN, caller ARN and account, region, recipient account) and the tags the check
 * judged in force at the event's time. `aws:ResourceTag/<key>` is present only where AWS puts it:
 * on a resource type that supports it for the action, when the resource's product is a tag.
 */
import { guardability, type Guardability } from './conditions';
import type { RequestContext } from './evaluate';
import type { ReplayItem } from './collect';

export interface BuiltContext {
  context: RequestContext;
  guard: Guardability;
}

/** A service-linked role: SCPs and RCPs do not apply to it. */
export function isServiceLinkedRole(arn: string): boolean {
  return arn.includes(':role/aws-service-role/');
}

export function contextsOf(item: ReplayItem, tagKey: string): BuiltContext[] {
  const out: BuiltContext[] = [];
  const isService = item.principalType === 'aws-service';
  for (const action of item.actions) {
    const guard = guardability(action, item.resourceArn, item.resourceType);
    const keys: Record<string, string> = {
      'aws:PrincipalIsAWSService': isService ? 'true' : 'false',
      'aws:RequestedRegion': item.region,
      'aws:ResourceAccount': item.account,
    };
    if (isService) keys['aws:PrincipalServiceName'] = item.principalArn;
    else {
      keys['aws:PrincipalArn'] = item.principalArn;
      keys['aws:PrincipalAccount'] = item.principalAccount;
    }
    if (!isService && item.principalTagged && item.principalProduct !== undefined) keys[`aws:PrincipalTag/${tagKey}`] = item.principalProduct;
    if (guard.guardable && item.resourceTagged && item.resourceProduct !== undefined) keys[`aws:ResourceTag/${tagKey}`] = item.resourceProduct;
    out.push({ context: { action: guard.action, resource: item.resourceArn, keys }, guard });
  }
  return out;
}
