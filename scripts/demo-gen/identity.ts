/**
 * How each kind of caller appears in a record: the userIdentity block, the source address and the
 * user agent, following what AWS writes for IAM users, assumed-role sessions (workloads and IAM
 * Identity Center), cross-account sessions and AWS services.
 */
import type { UserIdentity } from '../../src/core/model/cloudTrail';
import { ACCOUNT, type DemoPrincipal } from './account';
import { Rng, UPPER_ALNUM } from './rng';

/** How a human or workload reaches AWS; decides keys, address and user agent. */
export type Channel = 'cli' | 'console' | 'lambda' | 'ec2' | 'ecs' | 'partner';

export interface Caller {
  principal: DemoPrincipal;
  channel: Channel;
  /** Session name for roles: an email for Identity Center, a function name, an instance id… */
  session?: string;
}

export interface ServiceCaller {
  service: string;
}

export type Actor = Caller | ServiceCaller;

/** True for AWS services acting on their own (CloudTrail delivering logs, Config). */
export const isService = (a: Actor): a is ServiceCaller => 'service' in a;

const CLI_UA = 'aws-cli/2.31.4 md/awscrt#0.27.6 ua/2.1 os/linux#6.8.0-1021-aws md/arch#x86_64 lang/python#3.13.7 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off';
const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
const LAMBDA_UA = 'aws-sdk-js/3.887.0 ua/2.1 os/linux#5.10.240-258.955.amzn2.x86_64 lang/js md/nodejs#20.19.5 m/E,N exec-env/AWS_Lambda_nodejs20.x';
const EC2_UA = 'Boto3/1.40.50 md/Botocore#1.40.50 ua/2.1 os/linux#6.1.150-174.273.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.11 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.40.50';
const ECS_UA = 'aws-sdk-java/2.33.4 md/io#sync md/http#Apache ua/2.1 os/Linux#5.10.240-258.955.amzn2.x86_64 lang/java#21.0.8 md/OpenJDK_64-Bit_Server_VM#21.0.8+9-LTS md/vendor#Amazon.com_Inc. md/en_US exec-env/AWS_ECS_FARGATE';

/** Stable per caller (and day), so the same person keeps the same keys and address within a day. */
function keyFor(seed: string, prefix: string): string {
  let h = 0;
  for (const c of seed) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return prefix + new Rng(h).chars(16, UPPER_ALNUM);
}

/** Source address: documentation ranges for people and partners, private ranges inside the VPC, the service name for AWS services. */
export function addressOf(actor: Actor, day: string): string {
  if (isService(actor)) return actor.service;
  const seed = `${actor.principal.name}/${day}`;
  const n = Number.parseInt(keyFor(seed, '').replace(/[^0-9]/g, '').slice(0, 3) || '7', 10) % 250 + 2;
  switch (actor.channel) {
    case 'ecs': return `10.20.${n % 8}.${n}`;
    case 'lambda': return `192.0.2.${n}`;
    case 'ec2': return `10.20.${8 + (n % 8)}.${n}`;
    case 'partner': return `198.51.100.${n}`;
    default: return `203.0.113.${n}`;
  }
}

/** User agent per channel; the CLI one names the sub-command as CLI v2 does. */
export function userAgentOf(actor: Actor, command: string): string {
  if (isService(actor)) return actor.service;
  switch (actor.channel) {
    case 'console': return BROWSER_UA;
    case 'lambda': return LAMBDA_UA;
    case 'ec2': return EC2_UA;
    case 'ecs': return ECS_UA;
    default: return `${CLI_UA} md/command#${command}`;
  }
}

/** Session start: an hour before the call for humans, shortly before for workloads. */
function sessionStart(at: Date, channel: Channel): string {
  const back = channel === 'console' || channel === 'cli' ? 47 * 60_000 : 9 * 60_000;
  return new Date(Math.floor((at.getTime() - back) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The userIdentity block AWS writes for this caller at this time. */
export function userIdentityOf(actor: Actor, at: Date): UserIdentity {
  if (isService(actor)) return { type: 'AWSService', invokedBy: actor.service };
  const { principal: p, channel } = actor;
  const day = at.toISOString().slice(0, 10);
  if (p.kind === 'user') {
    const base: UserIdentity = { type: 'IAMUser', principalId: p.id, arn: p.arn, accountId: p.accountId };
    if (channel !== 'console') return { ...base, accessKeyId: keyFor(`${p.name}/long`, 'AKIA'), userName: p.name };
    return {
      ...base,
      accessKeyId: keyFor(`${p.name}/${day}`, 'ASIA'),
      userName: p.name,
      sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate: sessionStart(at, channel), mfaAuthenticated: 'true' } },
    };
  }
  const session = actor.session ?? p.name;
  const identity: UserIdentity = {
    type: 'AssumedRole',
    principalId: `${p.id}:${session}`,
    arn: `arn:aws:sts::${p.accountId}:assumed-role/${p.name}/${session}`,
    accountId: p.accountId,
    accessKeyId: keyFor(`${p.name}/${session}/${day}`, 'ASIA'),
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: p.id, arn: p.arn, accountId: p.accountId, userName: p.name },
      webIdFederationData: {},
      attributes: { creationDate: sessionStart(at, channel), mfaAuthenticated: 'false' },
    },
  };
  if (channel === 'ec2' && identity.sessionContext) identity.sessionContext = { ...identity.sessionContext, ec2RoleDelivery: '2.0' } as typeof identity.sessionContext;
  return identity;
}

/** True when the caller's account is not the account the trail belongs to. */
export const isCrossAccount = (actor: Actor): boolean => !isService(actor) && actor.principal.accountId !== ACCOUNT;
