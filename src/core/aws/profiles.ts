/**
 * Profiles as the AWS CLI sees them: `[profile x]` sections of the config file and `[x]` sections of
 * the credentials file, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. The SDK resolves
 * credentials, regions and endpoints itself; this file only lists profiles and describes them.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** One profile, with the settings TagTrail shows or needs; secrets are never read into it. */
export interface ProfileInfo {
  name: string;
  region?: string;
  kind: 'static' | 'role' | 'sso' | 'process' | 'web-identity' | 'other';
  /** Where the profile was found. */
  files: ('config' | 'credentials')[];
  /** `endpoint_url` of the profile or of its `services` section, if any. */
  endpointUrl?: string;
  /** Per-service endpoint URLs from the profile's `services` section, keyed by service id (`s3`, `cloudtrail`…). */
  serviceEndpoints?: Record<string, string>;
  mfaSerial?: string;
}

type Sections = Map<string, Record<string, string>>;

/** Parses an AWS shared INI file. Nested keys (`s3 =` followed by indented lines) become `s3.key`. */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Record<string, string> | undefined;
  let parent: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const header = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(raw);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      parent = undefined;
      continue;
    }
    const kv = /^(\s*)([^=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!kv || !current) continue;
    const [, indent, key, value] = kv as unknown as [string, string, string, string];
    if (indent.length > 0 && parent) current[`${parent}.${key.toLowerCase()}`] = value;
    else if (value === '') parent = key.toLowerCase();
    else { current[key.toLowerCase()] = value; parent = undefined; }
  }
  return sections;
}

/** Paths of the shared config and credentials files, as the SDK and CLI choose them. */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

async function readSections(path: string): Promise<Sections> {
  try {
    return parseIni(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
}

function kindOf(s: Record<string, string>): ProfileInfo['kind'] {
  if (s.role_arn && s.web_identity_token_file) return 'web-identity';
  if (s.role_arn) return 'role';
  if (s.sso_session || s.sso_start_url) return 'sso';
  if (s.credential_process) return 'process';
  if (s.aws_access_key_id) return 'static';
  return 'other';
}

/** Lists every profile of the shared files, sorted by name, `default` first. */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileInfo[]> {
  const paths = sharedFilePaths(env);
  const [config, credentials] = await Promise.all([readSections(paths.config), readSections(paths.credentials)]);
  const merged = new Map<string, { settings: Record<string, string>; files: ProfileInfo['files'] }>();
  for (const [section, settings] of config) {
    const m = /^profile\s+(.+)$/.exec(section);
    const name = m ? m[1]!.trim() : section === 'default' ? 'default' : undefined;
    if (!name) continue; // sso-session, services and other non-profile sections
    merged.set(name, { settings: { ...settings }, files: ['config'] });
  }
  for (const [name, settings] of credentials) {
    const entry = merged.get(name);
    if (entry) { Object.assign(entry.settings, settings); entry.files.push('credentials'); }
    else merged.set(name, { settings: { ...settings }, files: ['credentials'] });
  }
  const out: ProfileInfo[] = [];
  for (const [name, { settings, files }] of merged) {
    const services = settings.services ? config.get(`services ${settings.services}`) : undefined;
    const serviceEndpoints: Record<string, string> = {};
    for (const [k, v] of Object.entries(services ?? {})) {
      const m = /^([^.]+)\.endpoint_url$/.exec(k);
      if (m) serviceEndpoints[m[1]!] = v;
    }
    out.push({
      name,
      kind: kindOf(settings),
      files,
      ...(settings.region ? { region: settings.region } : {}),
      ...(settings.endpoint_url ? { endpointUrl: settings.endpoint_url } : {}),
      ...(Object.keys(serviceEndpoints).length ? { serviceEndpoints } : {}),
      ...(settings.mfa_serial ? { mfaSerial: settings.mfa_serial } : {}),
    });
  }
  return out.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** The profile TagTrail uses when none is chosen: AWS_PROFILE, else `default`. */
export function activeProfileName(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/** Services TagTrail calls, by their SDK service id as used in `AWS_ENDPOINT_URL_<ID>` and `services` sections. */
export const SERVICE_IDS = ['STS', 'IAM', 'RESOURCE_GROUPS_TAGGING_API', 'CLOUDTRAIL', 'S3', 'ATHENA', 'CONFIG_SERVICE'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/**
 * The endpoint URL configured for a service, with the AWS CLI's precedence: AWS_ENDPOINT_URL_<ID>,
 * AWS_ENDPOINT_URL, the profile's `services` section, the profile's `endpoint_url`. The SDK applies
 * the same rules itself, but only for the AWS_PROFILE/default profile, not for a profile chosen in
 * code, which is why TagTrail resolves them for the chosen profile here.
 */
export function configuredEndpoint(serviceId: ServiceId, profile: ProfileInfo | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return undefined;
  return env[`AWS_ENDPOINT_URL_${serviceId}`] || env.AWS_ENDPOINT_URL || profile?.serviceEndpoints?.[serviceId.toLowerCase()] || profile?.endpointUrl || undefined;
}

/** Where the profile in force came from, in the order the AWS CLI and SDK look. */
export type ProfileSource = 'setting' | 'option' | 'AWS_PROFILE' | 'environment' | 'default profile' | 'web identity' | 'container' | 'chain';

/** The credentials TagTrail will use when nothing else is chosen, and why. */
export interface ProfileInForce {
  /** The profile's name for people (status bar, logs); undefined when no named profile applies. */
  name: string | undefined;
  /**
   * The name to hand to the SDK: set only when it was chosen (setting, option, AWS_PROFILE). A
   * `default` profile found in the files is left to the SDK's default chain, which reads it itself
   * after environment keys, as the AWS CLI does.
   */
  sdkProfile: string | undefined;
  source: ProfileSource;
  /** A short phrase: `demo (AWS_PROFILE)`, `default (~/.aws/config)`, `environment keys`. */
  label: string;
  /** The profile as the shared files describe it, when it is in them. */
  info?: ProfileInfo;
  /**
   * True when credentials are known to be configured without asking the network. False only for the
   * bare default chain, where an instance or container role may still answer, or may not.
   */
  found: boolean;
}

/**
 * Which profile is in force, with the AWS CLI's precedence: a chosen one (the `tagtrail.profile`
 * setting or `--profile`), then AWS_PROFILE, then keys in the environment, then the `default`
 * profile of the shared files, then the rest of the default chain (web identity, container role,
 * instance role). Never throws: unreadable shared files count as empty.
 */
export async function profileInForce(chosen?: { name: string; source: 'setting' | 'option' }, env: NodeJS.ProcessEnv = process.env): Promise<ProfileInForce> {
  const profiles = await listProfiles(env).catch(() => [] as ProfileInfo[]);
  const named = (name: string, source: ProfileSource): ProfileInForce => {
    const info = profiles.find((p) => p.name === name);
    return { name, sdkProfile: name, source, label: `${name} (${source === 'option' ? '--profile' : source})`, found: info !== undefined, ...(info ? { info } : {}) };
  };
  if (chosen?.name) return named(chosen.name, chosen.source);
  if (env.AWS_PROFILE) return named(env.AWS_PROFILE, 'AWS_PROFILE');
  const unnamed = (source: ProfileSource, label: string, found: boolean): ProfileInForce => ({ name: undefined, sdkProfile: undefined, source, label, found });
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return unnamed('environment', 'environment keys (AWS_ACCESS_KEY_ID)', true);
  const fallback = profiles.find((p) => p.name === 'default');
  if (fallback) return { name: 'default', sdkProfile: undefined, source: 'default profile', label: 'default (default profile)', info: fallback, found: true };
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return unnamed('web identity', 'web identity (AWS_ROLE_ARN)', true);
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return unnamed('container', 'container credentials', true);
  return unnamed('chain', 'default credential chain (no profile found)', false);
}

/**
 * The sentence for a profile that is not in the shared files: it names the files looked in and the
 * profiles they do define, so a typo is obvious. Undefined when the profile exists.
 */
export async function missingProfileMessage(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const profiles = await listProfiles(env).catch(() => [] as ProfileInfo[]);
  if (profiles.some((p) => p.name === name)) return undefined;
  const paths = sharedFilePaths(env);
  const from = env.AWS_PROFILE === name ? ' (named by AWS_PROFILE)' : '';
  const known = profiles.length ? `profiles there: ${profiles.map((p) => p.name).join(', ')}` : 'they define no profile';
  return `AWS profile "${name}"${from} does not exist in ${paths.config} or ${paths.credentials}; ${known}.`;
}
