/**
 * The one place where AWS clients are made. Every client gets the same middleware: a read-only
 * allowlist that refuses any command not in `allowlist.ts` before it is signed or sent, a per-attempt
 * gate (where the LookupEvents rate limiter hooks in, so that SDK retries are limited too), a log of
 * every call (operation, region, duration; never credentials) and errors explained by `errors.ts`.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { IAMClient } from '@aws-sdk/client-iam';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider, MiddlewareStack, Pluggable } from '@smithy/types';
import { allowedAction } from './allowlist';
import { TagTrailAwsError, explainAwsError } from './errors';
import type { ServiceId } from './profiles';

/** What the live layer shares across clients of one check. */
export interface AwsSession {
  profile?: string;
  credentials: AwsCredentialIdentityProvider;
  /** Gets one line per AWS call. */
  log?: (line: string) => void;
  /** Awaited before every attempt of every call, SDK retries included. */
  beforeAttempt?: (call: { action: string; region: string }) => Promise<void>;
  /** SDK attempts per call (adaptive retry mode); default 8, because throttling is expected. */
  maxAttempts?: number;
  /** S3 path-style addressing, needed by most emulators and proxies. */
  forcePathStyle?: boolean;
  /** Endpoint URLs by service id, for what the SDK does not resolve itself (see `configuredEndpoint`). */
  endpoints?: Partial<Record<ServiceId, string>>;
}

/** Refuses non-allowlisted commands, gates attempts, logs and explains. */
/** `endpoint` is the configured endpoint URL of the client, if any: network errors name it. */
export function readOnlyPlugin(session: AwsSession, region: string, endpoint?: string): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const action = allowedAction(String(context.clientName), String(context.commandName));
          if (!action) {
            throw new TagTrailAwsError('refused', `TagTrail is read-only: ${String(context.clientName)} ${String(context.commandName)} is not on its allowlist and was not sent.`, false);
          }
          const started = Date.now();
          try {
            const out = await next(args);
            session.log?.(`${action} ${region} ${Date.now() - started}ms ok`);
            return out;
          } catch (e) {
            const explained = explainAwsError(e, { ...(session.profile ? { profile: session.profile } : {}), region, action, ...(endpoint ? { host: endpoint } : {}) });
            session.log?.(`${action} ${region} ${Date.now() - started}ms ${explained.kind}`);
            throw explained;
          }
        },
        { step: 'initialize', priority: 'high', name: 'tagtrailReadOnly' },
      );
      stack.add(
        (next, context) => async (args) => {
          const action = allowedAction(String(context.clientName), String(context.commandName)) ?? 'refused';
          await session.beforeAttempt?.({ action, region });
          return next(args);
        },
        { step: 'deserialize', priority: 'low', name: 'tagtrailAttemptGate' },
      );
    },
  };
}

type Made = AthenaClient | CloudTrailClient | ConfigServiceClient | IAMClient | ResourceGroupsTaggingAPIClient | S3Client | STSClient;

/** Makes (once per service and region) and owns every AWS client of a session. */
export class AwsClients {
  private readonly made = new Map<string, Made>();

  constructor(readonly session: AwsSession) {}

  private get<T extends Made>(key: ServiceId, region: string, make: (config: ReturnType<AwsClients['config']>) => T): T {
    const id = `${key}:${region}`;
    let client = this.made.get(id) as T | undefined;
    if (!client) {
      const endpoint = this.session.endpoints?.[key];
      client = make({ ...this.config(region), ...(endpoint ? { endpoint } : {}) });
      // Each client types its stack by its own commands; the plugin only reads context names.
      (client.middlewareStack as unknown as MiddlewareStack<object, object>).use(readOnlyPlugin(this.session, region, endpoint));
      this.made.set(id, client);
    }
    return client;
  }

  private config(region: string) {
    return {
      region,
      credentials: this.session.credentials,
      // `profile` lets the SDK read endpoint_url and the services section of the profile itself.
      ...(this.session.profile ? { profile: this.session.profile } : {}),
      retryMode: 'adaptive',
      maxAttempts: this.session.maxAttempts ?? 8,
    };
  }

  sts(region: string): STSClient { return this.get('STS', region, (c) => new STSClient(c)); }
  iam(region: string): IAMClient { return this.get('IAM', region, (c) => new IAMClient(c)); }
  tagging(region: string): ResourceGroupsTaggingAPIClient { return this.get('RESOURCE_GROUPS_TAGGING_API', region, (c) => new ResourceGroupsTaggingAPIClient(c)); }
  cloudTrail(region: string): CloudTrailClient { return this.get('CLOUDTRAIL', region, (c) => new CloudTrailClient(c)); }
  configService(region: string): ConfigServiceClient { return this.get('CONFIG_SERVICE', region, (c) => new ConfigServiceClient(c)); }
  athena(region: string): AthenaClient { return this.get('ATHENA', region, (c) => new AthenaClient(c)); }
  s3(region: string): S3Client {
    return this.get('S3', region, (c) => new S3Client({ ...c, forcePathStyle: this.session.forcePathStyle ?? false }));
  }

  /** Closes every connection pool; the session is unusable afterwards. */
  destroy(): void {
    for (const c of this.made.values()) c.destroy();
    this.made.clear();
  }
}
