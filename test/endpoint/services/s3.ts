/** S3 over REST-XML, path-style: ListObjectsV2 (prefix, delimiter, continuation tokens) and GetObject. */
import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { EndpointState } from '../state';
import { ServiceError, makeToken, readToken, xml } from '../wire';

/** Parses a path-style URL into bucket and key, and names the operation. */
export function s3Route(method: string, url: URL): { bucket: string; key: string; operation: string } {
  const [, bucket = '', ...rest] = url.pathname.split('/');
  const key = rest.map((p) => decodeURIComponent(p)).join('/');
  if (method === 'GET' && bucket && !key && url.searchParams.get('list-type') === '2') return { bucket, key, operation: 'ListObjectsV2' };
  if (method === 'GET' && bucket && key) return { bucket, key, operation: 'GetObject' };
  if (method === 'PUT' && bucket && key) return { bucket, key, operation: 'PutObject' };
  return { bucket, key, operation: `${method}:unsupported` };
}

function etag(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

export function s3Operation(state: EndpointState, route: { bucket: string; key: string; operation: string }, url: URL, res: ServerResponse, pageCap: number): void {
  const objects = state.buckets.get(route.bucket);
  if (!objects) throw new ServiceError(404, 'NoSuchBucket', 'The specified bucket does not exist');
  if (route.operation === 'GetObject') {
    const o = objects.get(route.key);
    if (!o) throw new ServiceError(404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': o.body.length, etag: etag(o.body), 'last-modified': o.lastModified.toUTCString(), 'x-amz-request-id': randomUUID() });
    res.end(o.body);
    return;
  }
  if (route.operation !== 'ListObjectsV2') throw new ServiceError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  const prefix = url.searchParams.get('prefix') ?? '';
  const delimiter = url.searchParams.get('delimiter') ?? '';
  const maxKeys = Math.min(Number(url.searchParams.get('max-keys') ?? 1000), pageCap);
  const startAfter = url.searchParams.get('start-after') ?? '';
  // Keys and common prefixes form one sorted sequence, paginated together as S3 does.
  const entries = new Map<string, 'key' | 'prefix'>();
  for (const k of objects.keys()) {
    if (!k.startsWith(prefix) || k <= startAfter) continue;
    const cut = delimiter ? k.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) entries.set(k.slice(0, cut + delimiter.length), 'prefix');
    else entries.set(k, 'key');
  }
  const sorted = [...entries.keys()].sort();
  const query = JSON.stringify([route.bucket, prefix, delimiter, startAfter]);
  const token = url.searchParams.get('continuation-token') ?? undefined;
  const offset = readToken(token, query, 'InvalidArgument');
  const pageEntries = sorted.slice(offset, offset + maxKeys);
  const truncated = offset + maxKeys < sorted.length;
  const contents = pageEntries.filter((e) => entries.get(e) === 'key').map((k) => {
    const o = objects.get(k)!;
    return `<Contents><Key>${xml(k)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>${xml(etag(o.body))}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
  }).join('');
  const prefixes = pageEntries.filter((e) => entries.get(e) === 'prefix').map((p) => `<CommonPrefixes><Prefix>${xml(p)}</Prefix></CommonPrefixes>`).join('');
  res.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xml(route.bucket)}</Name><Prefix>${xml(prefix)}</Prefix>${delimiter ? `<Delimiter>${xml(delimiter)}</Delimiter>` : ''}<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${pageEntries.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${token ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : ''}${truncated ? `<NextContinuationToken>${makeToken(offset + maxKeys, query)}</NextContinuationToken>` : ''}${contents}${prefixes}</ListBucketResult>`);
}
