/**
 * Credentials the way the AWS CLI finds them. A chosen profile goes through `fromIni` (static keys,
 * source_profile + role_arn, SSO, credential_process, web identity), no profile through the default
 * Node chain (environment, AWS_PROFILE, SSO, process, container and instance metadata).
 */
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { TagTrailAwsError } from './errors';
import { missingProfileMessage } from './profiles';

/** Asks the person at the keyboard for the current code of an MFA device (the editor and CLI each implement it). */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;

export interface CredentialOptions {
  profile?: string;
  mfaCodeProvider?: MfaCodeProvider;
  /** Region for the STS/SSO calls credential providers make themselves (role chains, SSO). */
  region?: string;
  /** STS endpoint for role chains, when one is configured for the chosen profile. */
  stsEndpoint?: string;
}

/** Refresh this long before expiry, so that a long check does not sign with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * One provider for all clients of a session: resolved once and shared, so that a role chain is
 * assumed once and an MFA code is asked for once, and refreshed only near expiry.
 */
export function credentialsFor(opts: CredentialOptions): AwsCredentialIdentityProvider {
  const clientConfig = { ...(opts.region ? { region: opts.region } : {}), ...(opts.stsEndpoint ? { endpoint: opts.stsEndpoint } : {}) };
  const mfa = opts.mfaCodeProvider;
  const base = opts.profile
    ? fromIni({ profile: opts.profile, clientConfig, ...(mfa ? { mfaCodeProvider: mfa } : {}) })
    : fromNodeProviderChain({ clientConfig, ...(mfa ? { mfaCodeProvider: mfa } : {}) });
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (pending) {
      const current = await pending.catch(() => undefined);
      const fresh = current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS);
      if (fresh) return current;
    }
    pending = (async () => {
      // The SDK's own message for a missing profile names neither the files nor the profiles that
      // do exist; a typo deserves both.
      const missing = opts.profile ? await missingProfileMessage(opts.profile) : undefined;
      if (missing) throw new TagTrailAwsError('no-credentials', missing, false);
      return base();
    })();
    // A failed resolution must not be cached: the next call tries again (after `aws sso login`, say).
    pending.catch(() => { pending = undefined; });
    return pending;
  };
}
