/**
 * Control-plane calls on compute and databases (EC2, EC2 Instance Connect, Lambda, RDS, ECS, Logs),
 * with request and response shapes as CloudTrail records them (`instancesSet.items[]`, Lambda's
 * dated event names, RDS identifiers rather than ARNs).
 */
import { ACCOUNT, type DemoResource } from './account';
import { type CallContext, type DemoEvent, deniedMessage, envelope } from './envelope';
import { callerArn } from './dataCalls';

const lookup = (type: string, name: string): { ResourceType: string; ResourceName: string }[] => [{ ResourceType: type, ResourceName: name }];

/** StartInstances / StopInstances; `denied` writes EC2's UnauthorizedOperation with its decoded-style message. */
export function ec2StartStop(ctx: CallContext, op: 'StartInstances' | 'StopInstances', instance: DemoResource, denied = false): DemoEvent {
  const starting = op === 'StartInstances';
  const state = (code: number, name: string): { code: number; name: string } => ({ code, name });
  const item = { instanceId: instance.ref, currentState: starting ? state(0, 'pending') : state(64, 'stopping'), previousState: starting ? state(80, 'stopped') : state(16, 'running') };
  const message = `You are not authorized to perform this operation. ${deniedMessage(callerArn(ctx), `ec2:${op}`, instance.arn)}. Encoded authorization failure message: ${ctx.rng.chars(180, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`;
  return envelope(ctx, {
    source: 'ec2.amazonaws.com', name: op, readOnly: false,
    requestParameters: { instancesSet: { items: [{ instanceId: instance.ref }] } },
    responseElements: { requestId: ctx.rng.uuid(), instancesSet: { items: [item] } },
    command: `ec2.${starting ? 'start' : 'stop'}-instances`,
    ...(denied ? { error: { code: 'Client.UnauthorizedOperation', message } } : {}),
  }, { targets: [instance.arn], lookupResources: lookup('AWS::EC2::Instance', instance.ref) });
}

/** DescribeInstances without ids: a list call, no target. */
export function ec2DescribeInstances(ctx: CallContext): DemoEvent {
  return envelope(ctx, {
    source: 'ec2.amazonaws.com', name: 'DescribeInstances', readOnly: true,
    requestParameters: { instancesSet: {}, filterSet: {}, includeAllInstances: false },
    command: 'ec2.describe-instances',
  }, { targets: [] });
}

/** AuthorizeSecurityGroupIngress by group id. */
export function ec2AuthorizeIngress(ctx: CallContext, group: DemoResource, cidr: string, port: number): DemoEvent {
  const rule = { ipProtocol: 'tcp', fromPort: port, toPort: port, groups: {}, ipRanges: { items: [{ cidrIp: cidr }] }, ipv6Ranges: {}, prefixListIds: {} };
  return envelope(ctx, {
    source: 'ec2.amazonaws.com', name: 'AuthorizeSecurityGroupIngress', readOnly: false,
    requestParameters: { groupId: group.ref, ipPermissions: { items: [rule] } },
    responseElements: {
      requestId: ctx.rng.uuid(), _return: true,
      securityGroupRuleSet: { items: [{ groupOwnerId: ACCOUNT, groupId: group.ref, securityGroupRuleId: `sgr-0${ctx.rng.hex(16)}`, isEgress: false, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: cidr }] },
    },
    command: 'ec2.authorize-security-group-ingress',
  }, { targets: [group.arn], lookupResources: lookup('AWS::EC2::SecurityGroup', group.ref) });
}

/** CreateTags on a mixed list of ids: the type of each id shows only in its prefix. */
export function ec2CreateTags(ctx: CallContext, targets: DemoResource[], key: string, value: string): DemoEvent {
  return envelope(ctx, {
    source: 'ec2.amazonaws.com', name: 'CreateTags', readOnly: false,
    requestParameters: { resourcesSet: { items: targets.map((t) => ({ resourceId: t.ref })) }, tagSet: { items: [{ key, value }] } },
    responseElements: { requestId: ctx.rng.uuid(), _return: true },
    command: 'ec2.create-tags',
  }, { targets: targets.map((t) => t.arn) });
}

/** EC2 Instance Connect refused before the request was read: AWS logs requestParameters as null. */
export function sendSshPublicKeyDenied(ctx: CallContext, instance: DemoResource): DemoEvent {
  return envelope(ctx, {
    source: 'ec2-instance-connect.amazonaws.com', name: 'SendSSHPublicKey', readOnly: false,
    requestParameters: null,
    error: { code: 'AccessDenied', message: deniedMessage(callerArn(ctx), 'ec2-instance-connect:SendSSHPublicKey', instance.arn) },
  }, { targets: [instance.arn] });
}

/** Lambda Invoke as a data event: the function ARN is in requestParameters and resources[]. */
export function lambdaInvoke(ctx: CallContext, fn: DemoResource): DemoEvent {
  return envelope(ctx, {
    source: 'lambda.amazonaws.com', name: 'Invoke', readOnly: false, data: true,
    requestParameters: { functionName: fn.arn },
    additionalEventData: { functionVersion: `${fn.arn}:$LATEST` },
    resources: [{ accountId: ACCOUNT, type: 'AWS::Lambda::Function', ARN: fn.arn }],
  }, { targets: [fn.arn] });
}

/** UpdateFunctionConfiguration by name; the response echoes the ARN. */
export function lambdaUpdateConfig(ctx: CallContext, fn: DemoResource, memory: number): DemoEvent {
  return envelope(ctx, {
    source: 'lambda.amazonaws.com', name: 'UpdateFunctionConfiguration20150331v2', readOnly: false,
    requestParameters: { functionName: fn.ref, memorySize: memory },
    responseElements: {
      functionName: fn.ref, functionArn: fn.arn, runtime: 'nodejs20.x', handler: 'index.handler', codeSize: 18342,
      timeout: 30, memorySize: memory, lastModified: ctx.at.toISOString().replace('Z', '+0000'), version: '$LATEST',
      state: 'Active', lastUpdateStatus: 'InProgress', lastUpdateStatusReason: 'The function is being created.',
      lastUpdateStatusReasonCode: 'Creating', packageType: 'Zip', architectures: ['arm64'],
    },
    command: 'lambda.update-function-configuration',
  }, { targets: [fn.arn], lookupResources: lookup('AWS::Lambda::Function', fn.ref) });
}

/** GetFunction refused: Lambda logs such denials with requestParameters null; the message names the function. */
export function lambdaGetFunctionDenied(ctx: CallContext, fn: DemoResource): DemoEvent {
  return envelope(ctx, {
    source: 'lambda.amazonaws.com', name: 'GetFunction20150331v2', readOnly: true,
    requestParameters: null,
    error: { code: 'AccessDenied', message: deniedMessage(callerArn(ctx), 'lambda:GetFunction', fn.arn) },
  }, { targets: [fn.arn] });
}

/** StopDBInstance / ModifyDBInstance by identifier; the response carries dBInstanceArn. */
export function rdsInstanceCall(ctx: CallContext, op: 'StopDBInstance' | 'ModifyDBInstance', dbi: DemoResource, denied = false): DemoEvent {
  const requestParameters = op === 'StopDBInstance'
    ? { dBInstanceIdentifier: dbi.ref }
    : { dBInstanceIdentifier: dbi.ref, backupRetentionPeriod: 14, applyImmediately: true };
  return envelope(ctx, {
    source: 'rds.amazonaws.com', name: op, readOnly: false, requestParameters,
    responseElements: { dBInstanceIdentifier: dbi.ref, dBInstanceClass: 'db.t4g.medium', engine: 'postgres', dBInstanceStatus: op === 'StopDBInstance' ? 'stopping' : 'available', dBInstanceArn: dbi.arn },
    command: op === 'StopDBInstance' ? 'rds.stop-db-instance' : 'rds.modify-db-instance',
    // RDS words its denials without a resource: only the identifier in the request says which instance.
    ...(denied ? { error: { code: 'AccessDenied', message: `User: ${callerArn(ctx)} is not authorized to perform: rds:${op}` } } : {}),
  }, { targets: [dbi.arn], lookupResources: lookup('AWS::RDS::DBInstance', dbi.ref) });
}

/** DescribeDBInstances without an identifier: a list call. */
export function rdsDescribe(ctx: CallContext): DemoEvent {
  return envelope(ctx, { source: 'rds.amazonaws.com', name: 'DescribeDBInstances', readOnly: true, requestParameters: null, command: 'rds.describe-db-instances' }, { targets: [] });
}

/** ECS UpdateService with the cluster by name. */
export function ecsUpdateService(ctx: CallContext, cluster: DemoResource, service: DemoResource, desired: number): DemoEvent {
  return envelope(ctx, {
    source: 'ecs.amazonaws.com', name: 'UpdateService', readOnly: false,
    requestParameters: { cluster: cluster.ref, service: service.ref, desiredCount: desired },
    responseElements: { service: { serviceArn: service.arn, serviceName: service.ref, clusterArn: cluster.arn, desiredCount: desired, runningCount: desired - 1, status: 'ACTIVE', launchType: 'FARGATE' } },
    command: 'ecs.update-service',
  }, { targets: [service.arn] });
}

/** Logs PutRetentionPolicy by group name. */
export function logsPutRetention(ctx: CallContext, group: DemoResource, days: number): DemoEvent {
  return envelope(ctx, {
    source: 'logs.amazonaws.com', name: 'PutRetentionPolicy', readOnly: false,
    requestParameters: { logGroupName: group.ref, retentionInDays: days },
    command: 'logs.put-retention-policy',
  }, { targets: [group.arn] });
}

/** Logs CreateLogStream as a Lambda runtime does on cold start. */
export function logsCreateStream(ctx: CallContext, group: DemoResource): DemoEvent {
  const day = ctx.at.toISOString().slice(0, 10).replace(/-/g, '/');
  return envelope(ctx, {
    source: 'logs.amazonaws.com', name: 'CreateLogStream', readOnly: false,
    requestParameters: { logGroupName: group.ref, logStreamName: `${day}/[$LATEST]${ctx.rng.hex(32)}` },
  }, { targets: [group.arn] });
}
