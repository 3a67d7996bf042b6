import { parseArn, typeAndName } from '../../core/arn/arn';

/** The parts of an ARN the trees group by. Untrusted input: anything that is not an ARN still gets a group. */
export interface ArnParts {
  service: string;
  account: string;
  region: string;
  /** The resource type (`instance`, `table`, `role`…); for S3, `bucket` or `object`. */
  type: string;
  /** The rest: the resource's name or id, for labels. */
  name: string;
}

/** Splits an ARN; never throws. Strings that are not ARNs land in service `other`. */
export function arnParts(arn: string): ArnParts {
  const p = parseArn(arn);
  if (!p) return { service: 'other', account: '', region: '', type: 'other', name: arn };
  const { service, region, account, resource } = p;
  const { type, name } = typeAndName(service, resource);
  if (service === 's3' && !resource.includes(':')) return { service, region, account, type, name };
  return { service: service || 'other', region, account, type: type || (/[:/]/.test(resource) ? '' : 'resource'), name };
}
