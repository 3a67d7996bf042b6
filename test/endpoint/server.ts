/**
 * A local AWS endpoint on 127.0.0.1 speaking the real wire protocols of the operations TagTrail
 * uses, so that the real SDK clients (signing, serialisation, retries, pagination) run unmodified
 * against it. It enforces CloudTrail's 2 LookupEvents/second per account-region with a real
 * ThrottlingException, injects throttling, 5xx errors and latency at configurable rates, and logs
 * every call it receives so that tests can check what reached "AWS".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { athenaService, type AthenaEndpoint } from './athena';
import { lookupEvents } from './services/cloudtrail';
import { describeTrails, getEventSelectors, getTrailStatus } from './services/cloudtrailTrails';
import { configOperation } from './services/config';
import { iamOperation } from './services/iam';
import { s3Operation, s3Route } from './services/s3';
import { signatureMatches } from './sigv4';
import { getRoleCredentials } from './services/sso';
import { stsOperation } from './services/sts';
import { getResources } from './services/tagging';
import type { EndpointState, KeyIdentity } from './state';
import { ServiceError, parseAuthorization, seededRandom, sendError, sendJson, sendQuery, type Protocol } from './wire';

export interface Faults {
  /** Share of calls answered with the service's throttling error. */
  throttleRate: number;
  /** Share of calls answered with a 500 (503 for S3 would be throttling: SlowDown). */
  errorRate: number;
  /** Added to every call. */
  latencyMs: number;
  seed: number;
}

export interface EndpointOptions {
  state: EndpointState;
  faults?: Partial<Faults>;
  /** LookupEvents calls allowed per second per account-region; default 2 as AWS documents. */
  lookupTps?: number;
  /** Largest page the endpoint returns, below what clients ask for, to exercise pagination. */
  pageCaps?: { iam?: number; tagging?: number; s3?: number; config?: number };
  /** IAM actions (e.g. `iam:ListRoles`) answered with AccessDenied. */
  denyActions?: string[];
  port?: number;
  /** Athena's query operations, answered by a backend the test supplies. */
  athena?: AthenaEndpoint;
}

export interface CallLogEntry {
  /** Arrival time, ms since the epoch. */
  at: number;
  action: string;
  account: string;
  region: string;
  status: number;
  outcome: 'ok' | 'injected-throttle' | 'injected-error' | 'rate-limit' | 'error';
}

export interface RunningEndpoint {
  url: string;
  port: number;
  state: EndpointState;
  faults: Faults;
  log: CallLogEntry[];
  /** The most LookupEvents calls one account-region received within one wall-clock second. */
  maxLookupCallsInASecond(): number;
  close(): Promise<void>;
}

const JSON_TARGETS: Record<string, string> = { CloudTrail_20131101: 'cloudtrail', ResourceGroupsTaggingAPI_20170126: 'tagging', AmazonAthena: 'athena', StarlingDoveService: 'config' };
const IAM_PREFIX: Record<string, string> = { cloudtrail: 'cloudtrail', tagging: 'tag', iam: 'iam', sts: 'sts', s3: 's3', sso: 'sso' };
const THROTTLE: Record<Protocol, [number, string]> = { json: [400, 'ThrottlingException'], query: [400, 'Throttling'], 'rest-xml': [503, 'SlowDown'] };

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1 << 20) throw new ServiceError(413, 'RequestEntityTooLarge', 'Request too large.');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startEndpoint(opts: EndpointOptions): Promise<RunningEndpoint> {
  const { state } = opts;
  const faults: Faults = { throttleRate: 0, errorRate: 0, latencyMs: 0, seed: 1, ...opts.faults };
  const random = seededRandom(faults.seed);
  const log: CallLogEntry[] = [];
  const perSecond = new Map<string, number>();
  const tps = opts.lookupTps ?? 2;
  const caps = { iam: 100, tagging: 100, s3: 1000, config: 100, ...opts.pageCaps };
  const deny = new Set(opts.denyActions ?? []);
  const athena = opts.athena ? athenaService(opts.athena) : undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await body(req);
    const text = raw.toString('utf8');
    const target = String(req.headers['x-amz-target'] ?? '');
    const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(text) : undefined;
    const scope = parseAuthorization(req.headers.authorization);
    let protocol: Protocol;
    let service: string;
    let operation: string;
    const ssoToken = url.pathname === '/federation/credentials' ? String(req.headers['x-amz-sso_bearer_token'] ?? '') : undefined;
    if (ssoToken !== undefined) {
      protocol = 'json'; service = 'sso'; operation = 'GetRoleCredentials';
    } else if (target) {
      const [prefix = '', op = ''] = target.split('.');
      protocol = 'json'; service = JSON_TARGETS[prefix] ?? prefix; operation = op;
    } else if (form?.has('Action')) {
      protocol = 'query'; service = scope?.service ?? 'unknown'; operation = form.get('Action')!;
    } else {
      protocol = 'rest-xml'; service = 's3'; operation = s3Route(req.method ?? 'GET', url).operation;
    }
    const action = `${IAM_PREFIX[service] ?? service}:${service === 's3' && operation === 'ListObjectsV2' ? 'ListBucket' : operation}`;
    const identity: KeyIdentity | undefined = scope ? state.keys.get(scope.accessKeyId) : undefined;
    const region = scope?.region ?? '';
    const entry: CallLogEntry = { at, action, account: identity?.account ?? '', region, status: 200, outcome: 'ok' };
    log.push(entry);
    try {
      if (ssoToken !== undefined) {
        // The portal authenticates with the bearer token alone; it is not SigV4-signed.
        const session = state.ssoTokens.get(ssoToken);
        entry.account = session?.account ?? '';
        return sendJson(res, getRoleCredentials(state, ssoToken, url));
      }
      if (!scope || !identity || (identity.sessionToken && req.headers['x-amz-security-token'] !== identity.sessionToken)) {
        const code = protocol === 'json' ? 'UnrecognizedClientException' : protocol === 'query' ? 'InvalidClientTokenId' : 'InvalidAccessKeyId';
        throw new ServiceError(403, code, 'The security token included in the request is invalid.');
      }
      if (!signatureMatches(req, raw, identity.secretAccessKey)) {
        throw new ServiceError(403, protocol === 'json' ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
      }
      if (action === 'cloudtrail:LookupEvents') {
        const key = `${identity.account}:${region}:${Math.floor(at / 1000)}`;
        const n = (perSecond.get(key) ?? 0) + 1;
        perSecond.set(key, n);
        if (n > tps) { entry.outcome = 'rate-limit'; throw new ServiceError(400, 'ThrottlingException', 'Rate exceeded'); }
      }
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const roll = random();
      if (roll < faults.throttleRate) {
        entry.outcome = 'injected-throttle';
        throw new ServiceError(THROTTLE[protocol][0], THROTTLE[protocol][1], 'Rate exceeded');
      }
      if (roll < faults.throttleRate + faults.errorRate) {
        entry.outcome = 'injected-error';
        throw new ServiceError(500, protocol === 'rest-xml' ? 'InternalError' : 'InternalFailure', 'We encountered an internal error. Please try again.');
      }
      if (deny.has(action)) throw new ServiceError(403, protocol === 'json' ? 'AccessDeniedException' : 'AccessDenied', `User: ${identity.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`);
      const input = protocol === 'json' ? (JSON.parse(text || '{}') as Record<string, unknown>) : {};
      switch (service) {
        case 'cloudtrail':
          if (operation === 'LookupEvents') return sendJson(res, lookupEvents(state, identity.account, region, input));
          if (operation === 'DescribeTrails') return sendJson(res, describeTrails(state, identity.account, region, input));
          if (operation === 'GetTrailStatus') return sendJson(res, getTrailStatus(state, identity.account, region, input));
          if (operation === 'GetEventSelectors') return sendJson(res, getEventSelectors(state, identity.account, region, input));
          throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
        case 'tagging':
          if (operation === 'GetResources') return sendJson(res, getResources(state, identity.account, region, input, caps.tagging));
          throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
        case 'config': return sendJson(res, configOperation(state, identity, region, operation, input, caps.config));
        case 'iam': return sendQuery(res, 'iam', operation, iamOperation(state, identity.account, operation, form!, caps.iam));
        case 'sts': return sendQuery(res, 'sts', operation, stsOperation(state, identity, operation, form!));
        case 'athena':
          if (!athena) throw new ServiceError(400, 'UnknownService', 'Athena is not enabled on this endpoint');
          return sendJson(res, athena(operation, input));
        case 's3': return s3Operation(state, s3Route(req.method ?? 'GET', url), url, res, caps.s3);
        default: throw new ServiceError(400, 'UnknownService', `Unknown service ${service}`);
      }
    } catch (e) {
      const err = e instanceof ServiceError ? e : new ServiceError(e instanceof SyntaxError ? 400 : 500, e instanceof SyntaxError ? 'SerializationException' : 'InternalFailure', e instanceof Error ? e.message : String(e));
      entry.status = err.status;
      if (entry.outcome === 'ok') entry.outcome = 'error';
      sendError(res, protocol, service, err);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => { if (!res.headersSent) { res.writeHead(500); } res.end(String(e)); });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    faults,
    log,
    maxLookupCallsInASecond() {
      const counts = new Map<string, number>();
      for (const e of log) {
        if (e.action !== 'cloudtrail:LookupEvents') continue;
        const k = `${e.account}:${e.region}:${Math.floor(e.at / 1000)}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return Math.max(0, ...counts.values());
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
