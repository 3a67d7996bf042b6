/**
 * Real AWS config and credentials files in a temporary folder, and the environment that points the
 * SDK at them and at the local endpoint, the way a user's shell would.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Variables that would let the SDK find anything outside the temporary folder. */
const CLEARED = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_ENDPOINT_URL'];

export interface AwsHome {
  dir: string;
  /** Writes the `config` file (sections as given, e.g. `[profile x]`). */
  config(text: string): void;
  credentials(text: string): void;
  /** Writes a file under the folder (e.g. an SSO cache entry) and returns its path. */
  file(relative: string, text: string, mode?: number): string;
  /** Restores the environment and removes the folder. */
  dispose(): void;
}

/** Points the SDK (through the environment of this process) at a fresh, empty AWS home. */
export function makeAwsHome(env: Record<string, string> = {}): AwsHome {
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-aws-'));
  mkdirSync(join(dir, '.aws'));
  const saved = new Map<string, string | undefined>();
  const set = (k: string, v: string | undefined): void => {
    if (!saved.has(k)) saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k]; else process.env[k] = v;
  };
  for (const k of CLEARED) set(k, undefined);
  set('HOME', dir);
  set('USERPROFILE', dir);
  set('AWS_CONFIG_FILE', join(dir, '.aws', 'config'));
  set('AWS_SHARED_CREDENTIALS_FILE', join(dir, '.aws', 'credentials'));
  set('AWS_EC2_METADATA_DISABLED', 'true');
  for (const [k, v] of Object.entries(env)) set(k, v);
  const write = (relative: string, text: string, mode = 0o600): string => {
    const p = join(dir, relative);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text, { mode });
    return p;
  };
  return {
    dir,
    config: (t) => { write('.aws/config', t); },
    credentials: (t) => { write('.aws/credentials', t); },
    file: write,
    dispose: () => {
      for (const [k, v] of saved) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
