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
  const m = /^arn:[^:]*:([^:]*):([^:]*):([^:]*):(.*)$/s.exec(arn);
  if (!m) return { service: 'other', account: '', region: '', type: 'other', name: arn };
  const [, service = '', region = '', account = '', resource = ''] = m;
  if (service === 's3' && !resource.includes(':')) {
    const slash = resource.indexOf('/');
    return slash < 0
      ? { service, region, account, type: 'bucket', name: resource }
      : { service, region, account, type: 'object', name: resource };
  }
  const sep = resource.search(/[:/]/);
  if (sep < 0) return { service: service || 'other', region, account, type: resource || 'resource', name: resource };
  return { service: service || 'other', region, account, type: resource.slice(0, sep), name: resource.slice(sep + 1) };
}
