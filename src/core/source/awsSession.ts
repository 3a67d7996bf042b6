/**
 * The one AWS client set-up of every live origin (LookupEvents and trail files, Athena): which
 * profile, which endpoints it configures, which credentials, and the read-only clients of
 * `aws/clients.ts` over them.
 */
import { AwsClients, type AwsSession } from '../aws/clients';
import { credentialsFor, type MfaCodeProvider } from '../aws/credentials';
import { SERVICE_IDS, activeProfileName, configuredEndpoint, listProfiles, type ProfileInfo, type ServiceId } from '../aws/profiles';

/** The profile a live check uses: the one named, else `AWS_PROFILE`, else the default chain. */
export interface AwsProfile {
  /** The profile name passed to the SDK; undefined means the default credential chain. */
  name: string | undefined;
  info: ProfileInfo | undefined;
}

/** Finds the profile (`explicit`, else `AWS_PROFILE`) and what its config file says. */
export async function awsProfile(explicit: string | undefined): Promise<AwsProfile> {
  const name = explicit || process.env.AWS_PROFILE || undefined;
  const info = (await listProfiles().catch(() => [])).find((p) => p.name === activeProfileName(name));
  return { name, info };
}

/** The region to use when none is chosen: AWS_REGION, AWS_DEFAULT_REGION, then the profile's. */
export function defaultRegion(p: AwsProfile): string | undefined {
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || p.info?.region || undefined;
}

export interface ClientOptions {
  mfaCodeProvider?: MfaCodeProvider;
  log?: (line: string) => void;
  beforeAttempt?: AwsSession['beforeAttempt'];
  maxAttempts?: number;
}

/** The read-only clients for a profile; `region` is where credentials (STS) are fetched. */
export function awsClients(p: AwsProfile, region: string, opts: ClientOptions = {}): AwsClients {
  const endpoints: Partial<Record<ServiceId, string>> = {};
  for (const id of SERVICE_IDS) {
    const url = configuredEndpoint(id, p.info);
    if (url) endpoints[id] = url;
  }
  return new AwsClients({
    ...(p.name ? { profile: p.name } : {}),
    credentials: credentialsFor({ ...(p.name ? { profile: p.name } : {}), region, ...(endpoints.STS ? { stsEndpoint: endpoints.STS } : {}), ...(opts.mfaCodeProvider ? { mfaCodeProvider: opts.mfaCodeProvider } : {}) }),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.beforeAttempt ? { beforeAttempt: opts.beforeAttempt } : {}),
    endpoints,
    // Emulators, proxies and VPC endpoint URLs need path-style S3 addressing.
    forcePathStyle: Boolean(endpoints.S3),
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  });
}
