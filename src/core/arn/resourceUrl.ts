/**
 * Resource URLs that name exactly one resource, turned into its ARN: an SQS queue URL, an S3
 * virtual-hosted or path-style object/bucket URL, an API Gateway execute-api URL. Untrusted text:
 * nothing here throws, and anything not clearly one of these shapes gives undefined.
 */
import { partitionOfRegion } from './arn';

export interface UrlEnv {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

const MAX_URL = 2048;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^\d{12}$/;

/** The ARN a resource URL names, or undefined when the URL is not one of the known shapes. */
export function arnOfResourceUrl(url: string, env: UrlEnv, method?: string): string | undefined {
  if (url.length > MAX_URL || !/^https?:\/\//i.test(url)) return undefined;
  const rest = url.slice(url.indexOf('//') + 2);
  const slash = rest.indexOf('/');
  const host = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase().replace(/:\d+$/, '');
  let path = slash < 0 ? '' : rest.slice(slash + 1);
  const q = path.search(/[?#]/);
  if (q >= 0) path = path.slice(0, q);
  if (/[\s"'<>]/.test(path) || !/^[a-z0-9.-]+$/.test(host)) return undefined;
  const labels = host.split('.');
  return sqsUrl(labels, path) ?? s3Url(labels, path, env) ?? executeApiUrl(labels, path, env, method);
}

/** `https://sqs.<region>.amazonaws.com/<account>/<queue>` (also the legacy `<region>.queue.amazonaws.com`). */
function sqsUrl(labels: string[], path: string): string | undefined {
  let region: string | undefined;
  if (labels[0] === 'sqs' && labels.length >= 4) region = labels[1];
  else if (labels[1] === 'queue' && labels.length >= 4) region = labels[0];
  else return undefined;
  const parts = path.split('/').filter((p) => p !== '');
  if (!region || !REGION.test(region) || parts.length !== 2) return undefined;
  const [account, queue] = parts as [string, string];
  if (!ACCOUNT.test(account) || !/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(queue)) return undefined;
  return `arn:${partitionOfRegion(region)}:sqs:${region}:${account}:${queue}`;
}

/**
 * `https://<bucket>.s3[.-<region>].amazonaws.com/<key>` or `https://s3[.<region>].amazonaws.com/<bucket>/<key>`.
 * The key is percent-decoded as S3 writes it in URLs.
 */
function s3Url(labels: string[], path: string, env: UrlEnv): string | undefined {
  const at = labels.findIndex((l) => l === 's3' || l.startsWith('s3-') || l === 's3-accelerate');
  if (at < 0 || !labels.slice(at).includes('amazonaws')) return undefined;
  let bucket: string;
  let key: string;
  if (at > 0) {
    bucket = labels.slice(0, at).join('.');
    key = path;
  } else {
    const cut = path.indexOf('/');
    bucket = cut < 0 ? path : path.slice(0, cut);
    key = cut < 0 ? '' : path.slice(cut + 1);
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) return undefined;
  const region = labels.slice(at + 1).find((l) => REGION.test(l)) ?? (labels[at]?.startsWith('s3-') ? labels[at]?.slice(3) : undefined);
  const partition = region && REGION.test(region) ? partitionOfRegion(region) : env.partition;
  const decoded = decode(key);
  if (decoded === undefined) return undefined;
  return decoded === '' ? `arn:${partition}:s3:::${bucket}` : `arn:${partition}:s3:::${bucket}/${decoded}`;
}

/**
 * `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/<path>`: the ARN IAM authorises
 * (`<api-id>/<stage>/<METHOD>/<path>`) needs the HTTP method, so only when it is known.
 */
function executeApiUrl(labels: string[], path: string, env: UrlEnv, method: string | undefined): string | undefined {
  if (labels[1] !== 'execute-api' || labels.length < 5) return undefined;
  const [api, , region] = labels as [string, string, string];
  if (!/^[a-z0-9]{10}$/.test(api) || !REGION.test(region) || !method || !/^[A-Z]{3,7}$/.test(method) || env.account === '') return undefined;
  const parts = path.split('/').filter((p) => p !== '');
  const stage = parts.shift();
  if (!stage) return undefined;
  return `arn:${partitionOfRegion(region)}:execute-api:${region}:${env.account}:${api}/${stage}/${method}/${parts.join('/')}`;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Every `http(s)://…` URL in a text (an error message), in order, trailing punctuation cut. */
export function urlsInText(text: string, max = 8): { url: string; method?: string }[] {
  const out: { url: string; method?: string }[] = [];
  let from = 0;
  while (out.length < max) {
    const at = text.indexOf('http', from);
    if (at < 0) break;
    let end = at;
    while (end < text.length && !/[\s"'<>]/.test(text[end] as string)) end++;
    from = Math.max(end, at + 4);
    const url = text.slice(at, end).replace(/[.,;)\]]+$/, '');
    if (!/^https?:\/\//i.test(url)) continue;
    const before = /\b(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\s+$/.exec(text.slice(Math.max(0, at - 10), at));
    out.push(before ? { url, method: before[1] as string } : { url });
  }
  return out;
}
