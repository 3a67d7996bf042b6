/**
 * Calls about identity rather than resources: role assumption (which AWS logs with the role in
 * resources[]), sign-in and whoami calls with no target, and a call to a service the IAM data does
 * not know under its CloudTrail name.
 */
import { ACCOUNT, type DemoPrincipal } from './account';
import { type CallContext, type DemoEvent, envelope } from './envelope';
import { callerArn } from './dataCalls';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** STS logs expirations in Java's default US format, e.g. `Oct 11, 2026, 2:01:49 AM`. */
function stsExpiration(d: Date): string {
  const h = d.getUTCHours();
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 || 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** sts:AssumeRole. Cross-account callers get sharedEventID from the envelope; refusals log no request. */
export function assumeRole(ctx: CallContext, role: DemoPrincipal, sessionName: string, denied = false): DemoEvent {
  const exp = stsExpiration(new Date(ctx.at.getTime() + 3600_000));
  if (denied) {
    return envelope(ctx, {
      source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true, requestParameters: null,
      // STS words this denial without the policy clause, exactly as it appears in real trails.
      error: { code: 'AccessDenied', message: `User: ${callerArn(ctx)} is not authorized to perform: sts:AssumeRole on resource: ${role.arn}` },
      command: 'sts.assume-role',
    }, { targets: [role.arn] });
  }
  const key = `ASIA${ctx.rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
  return envelope(ctx, {
    source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true,
    requestParameters: { roleArn: role.arn, roleSessionName: sessionName, durationSeconds: 3600 },
    responseElements: {
      credentials: { accessKeyId: key, sessionToken: '', expiration: exp },
      assumedRoleUser: { assumedRoleId: `${role.id}:${sessionName}`, arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}` },
    },
    resources: [{ accountId: role.accountId, type: 'AWS::IAM::Role', ARN: role.arn }],
    command: 'sts.assume-role',
  }, { targets: [role.arn], lookupResources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: role.arn }] });
}

/** sts:GetCallerIdentity: a whoami with no target. */
export function getCallerIdentity(ctx: CallContext): DemoEvent {
  return envelope(ctx, { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true, requestParameters: null, command: 'sts.get-caller-identity' }, { targets: [] });
}

/** An IAM user's console sign-in (logged in us-east-1 for the global endpoint). */
export function consoleLogin(ctx: CallContext): DemoEvent {
  const event = envelope({ ...ctx, region: 'us-east-1' }, {
    source: 'signin.amazonaws.com', name: 'ConsoleLogin', readOnly: false, eventType: 'AwsConsoleSignIn',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true', MobileVersion: 'No', MFAIdentifier: `arn:aws:iam::${ACCOUNT}:mfa/authenticator`, MFAUsed: 'Yes' },
  }, { targets: [] }, 'signin.aws.amazon.com');
  // A sign-in has no credentials yet: AWS writes neither an access key nor a session context.
  const { accessKeyId: _key, sessionContext: _session, ...identity } = event.record.userIdentity ?? {};
  event.record.userIdentity = identity;
  delete event.record.sessionCredentialFromConsole;
  return event;
}

/**
 * AppRegistry's GetApplication: CloudTrail names the service `servicecatalog-appregistry`, which
 * has no entry under that name in the IAM reference, and the application is given by name only.
 */
export function appRegistryGetApplication(ctx: CallContext, application: string): DemoEvent {
  return envelope(ctx, {
    source: 'servicecatalog-appregistry.amazonaws.com', name: 'GetApplication', readOnly: true,
    requestParameters: { application },
    command: 'servicecatalog-appregistry.get-application',
  }, { targets: [], unresolvable: 'eventSource servicecatalog-appregistry.amazonaws.com is not a service prefix in the IAM reference, and the application is named, not identified by ARN.' });
}
