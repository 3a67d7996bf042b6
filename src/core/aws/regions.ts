/**
 * Which region names exist: the AWS SDK's own partition table (the one it resolves endpoints
 * with), so a typo such as `eu-centrall-1` is a bad argument rather than a check that finds no
 * event. The table is the SDK's; a region newer than the installed SDK is not known to it either.
 */
import { partition } from '@aws-sdk/core/client';

/** True when `region` is listed in one of the SDK's partitions (aws, aws-cn, aws-us-gov, …). */
export function isKnownRegion(region: string): boolean {
  if (!/^[a-z]{2}(-[a-z0-9]+){2,4}$/.test(region)) return false;
  try {
    // `partition` copies the region's own entry (its description) only when the region is listed.
    return typeof (partition(region) as { description?: unknown }).description === 'string';
  } catch {
    return false;
  }
}

const NEARBY = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-east-1',
  'ca-central-1', 'ca-west-1', 'sa-east-1', 'me-south-1', 'me-central-1', 'af-south-1', 'il-central-1', 'mx-central-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1'];

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

/** What is wrong with a region name (with the nearest known region as a hint), or undefined when it exists. */
export function regionProblem(region: string): string | undefined {
  if (isKnownRegion(region)) return undefined;
  const shown = JSON.stringify(region.slice(0, 40));
  const near = NEARBY.filter(isKnownRegion).map((r) => [r, distance(region.toLowerCase(), r)] as const).sort((a, b) => a[1] - b[1])[0];
  return `${shown} is not an AWS region${near && near[1] <= 3 ? ` (did you mean ${near[0]}?)` : ' (use a region code such as us-east-1)'}`;
}
