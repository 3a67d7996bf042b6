/**
 * Turns what the SDK throws into one sentence a person can act on. AWS error messages are
 * untrusted text (they can echo caller-chosen names), so they are cleaned and shortened before
 * they reach a terminal or the editor.
 */
export type AwsErrorKind =
  | 'sso-expired'
  | 'no-credentials'
  | 'access-denied'
  | 'unknown-region'
  | 'network'
  | 'throttled'
  | 'server'
  | 'refused' // a command outside the read-only allowlist
  | 'aborted'
  | 'other';

/** An AWS failure explained. `cause` keeps the original error for logs and retries. */
export class TagTrailAwsError extends Error {
  constructor(
    readonly kind: AwsErrorKind,
    message: string,
    /** True when trying the same call again later may succeed (throttling, 5xx, network blips). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TagTrailAwsError';
  }
}

/** Where a failure happened, so that the message can name the profile, region and IAM action. */
export interface AwsErrorContext {
  profile?: string;
  region?: string;
  /** IAM action of the call that failed, e.g. `cloudtrail:LookupEvents`. */
  action?: string;
  /** Host the SDK tried to reach, when known. */
  host?: string;
}

const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Removes control characters and bounds the length of text that came from AWS or the network. */
export function cleanAwsText(s: unknown, max = 300): string {
  const text = typeof s === 'string' ? s : String(s);
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError']);

const NETWORK_WHY: Record<string, string> = {
  ECONNREFUSED: 'nothing accepted the connection',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  TimeoutError: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/** `address:port` of a failed socket, as Node reports it. */
function addressOf(e: unknown): string | undefined {
  const address = field(e, 'address');
  const port = field(e, 'port');
  return typeof address === 'string' ? (typeof port === 'number' ? `${address}:${port}` : address) : undefined;
}

function field(e: unknown, name: string): unknown {
  return e !== null && typeof e === 'object' ? (e as Record<string, unknown>)[name] : undefined;
}

/** True for a region name that cannot exist (typos such as `us-east1`), before any call is made. */
export function isPlausibleRegion(region: string): boolean {
  return REGION_SHAPE.test(region);
}

/** Explains any error thrown by an SDK call or a credential provider. Never throws. */
export function explainAwsError(e: unknown, ctx: AwsErrorContext = {}): TagTrailAwsError {
  if (e instanceof TagTrailAwsError) return e;
  const name = String(field(e, 'name') ?? '');
  const code = String(field(e, 'code') ?? field(e, 'Code') ?? '');
  const message = cleanAwsText(field(e, 'message') ?? e);
  const status = Number((field(field(e, '$metadata'), 'httpStatusCode') as number | undefined) ?? 0);
  const profile = ctx.profile ?? process.env.AWS_PROFILE;
  const profileArg = profile ? ` --profile ${profile}` : '';
  const where = ctx.region ? ` in ${ctx.region}` : '';
  const opts = { cause: e };

  if (name === 'AbortError' || code === 'ABORT_ERR') return new TagTrailAwsError('aborted', 'Cancelled.', false, opts);
  if (/SSO session|Token is expired|sso login|SSO .*token/i.test(message) && /expired|invalid|refresh/i.test(message)) {
    return new TagTrailAwsError('sso-expired', `The AWS SSO session for${profile ? ` profile ${profile}` : ' this profile'} has expired or is invalid: run \`aws sso login${profileArg}\` and try again.`, false, opts);
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|credentials? (?:from any providers|not found)|Profile .* (?:was not found|could not be found)/i.test(message)) {
    return new TagTrailAwsError('no-credentials', `No AWS credentials found${profile ? ` for profile ${profile}` : ''}: ${message} Configure a profile (\`aws configure${profileArg}\`) or choose another one.`, false, opts);
  }
  if (/AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden/i.test(name) || (status === 403 && !/Signature|Token|ExpiredToken|InvalidClientTokenId/i.test(name))) {
    // AWS names the refused action in its message; that beats our guess (the call may have been a
    // credential provider's AssumeRole made while signing ours).
    const named = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1] ?? ctx.action;
    const action = named ? `the IAM action ${named}` : 'a read-only IAM action';
    return new TagTrailAwsError('access-denied', `Access denied${where}: TagTrail needs ${action} (see docs/iam-policy.json for the minimal read-only policy). AWS said: ${message}`, false, opts);
  }
  if (/ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|InvalidAccessKeyId/i.test(name)) {
    return new TagTrailAwsError('no-credentials', `AWS rejected the credentials${profile ? ` of profile ${profile}` : ''} (${cleanAwsText(name, 60)}): they are expired or wrong. ${message}`, false, opts);
  }
  if (ctx.region && (!isPlausibleRegion(ctx.region) || /Invalid region|region.*not.*valid/i.test(message))) {
    return new TagTrailAwsError('unknown-region', `Unknown AWS region "${cleanAwsText(ctx.region, 40)}": use a region code such as us-east-1.`, false, opts);
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown|No retry token available/i.test(name + message) || status === 429) {
    return new TagTrailAwsError('throttled', `AWS is throttling requests${where} (${ctx.action ?? 'call'}) and retries ran out.`, true, opts);
  }
  const netCode = code || name;
  if (NETWORK_CODES.has(netCode)) {
    const host = cleanAwsText(ctx.host ?? field(e, 'hostname') ?? addressOf(e) ?? 'the AWS endpoint', 120);
    if (netCode === 'ENOTFOUND' || netCode === 'EAI_AGAIN') {
      // An AWS host that does not resolve while others do is a region without the service; a
      // configured endpoint, or no DNS at all, is a network problem. The sentence names both.
      const regionBlame = netCode === 'ENOTFOUND' && ctx.region && !ctx.host;
      return new TagTrailAwsError(regionBlame ? 'unknown-region' : 'network',
        `Cannot reach ${host}: the name does not resolve (${netCode}): no network or DNS${ctx.host ? ', or a wrong endpoint setting' : ctx.region ? `, or the region "${cleanAwsText(ctx.region, 40)}" does not offer this service` : ''}.`, netCode === 'EAI_AGAIN', opts);
    }
    // A refused or unroutable connection will not heal in seconds; a reset or timeout may.
    const transient = !['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'].includes(netCode);
    return new TagTrailAwsError('network', `Cannot reach ${host}${where} (${netCode}): ${NETWORK_WHY[netCode] ?? 'the connection failed'}; check the network, proxy or endpoint settings.`, transient, opts);
  }
  if (status >= 500 || field(e, '$fault') === 'server') {
    return new TagTrailAwsError('server', `AWS returned a server error${where} (${status || cleanAwsText(name, 60)}) for ${ctx.action ?? 'a call'}.`, true, opts);
  }
  return new TagTrailAwsError('other', `${ctx.action ?? 'AWS call'}${where} failed: ${cleanAwsText(name, 60)}${message ? `: ${message}` : ''}`, false, opts);
}
