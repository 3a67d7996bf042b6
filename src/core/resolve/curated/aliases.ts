/**
 * Request or response keys that carry an IAM template variable under another name. Keys are
 * CloudTrail's, lowercased. A transform reshapes the value before it goes into the ARN.
 */
export type Transform =
  | 'stripLeadingSlash' // SSM parameter names: the ARN has no slash after `parameter/`
  | 'addLeadingSlash' // the rare template whose variable keeps it
  | 'queueUrl' // https://sqs.<region>.amazonaws.com/<account>/<name> -> name (and the account)
  | 'lastPathSegment' // a name given as an ARN or path where the template wants the bare name
  | 'kmsKeyId' // only a key id (uuid or mrk-…): aliases and ARNs are not a key id
  | 'lastPathSegmentOfUrl' // a URL (`https://host/…/name`) -> its last path segment; other values as they are
  | 'idShaped' // as lastPathSegmentOfUrl, and only a value with a digit and no space (an id, not a name)
  | 'never'; // the record's value is never the whole variable (see VARIABLE_TRANSFORMS)

export interface Alias {
  key: string;
  transform?: Transform;
}

export const VARIABLE_ALIASES: Readonly<Record<string, readonly Alias[]>> = {
  ObjectName: [{ key: 'key' }],
  SecurityGroupId: [{ key: 'groupid' }, { key: 'groupids' }],
  KeyPairName: [{ key: 'keyname' }],
  DbInstanceName: [
    { key: 'dbinstanceidentifier' },
    { key: 'sourcedbinstanceidentifier' },
    { key: 'targetdbinstanceidentifier' },
  ],
  DbClusterInstanceName: [{ key: 'dbclusteridentifier' }],
  SnapshotName: [
    { key: 'dbsnapshotidentifier' },
    { key: 'sourcedbsnapshotidentifier' },
    { key: 'targetdbsnapshotidentifier' },
    { key: 'finaldbsnapshotidentifier' },
  ],
  ClusterSnapshotName: [
    { key: 'dbclustersnapshotidentifier' },
    { key: 'sourcedbclustersnapshotidentifier' },
    { key: 'targetdbclustersnapshotidentifier' },
    { key: 'finaldbclustersnapshotidentifier' },
  ],
  GlobalCluster: [{ key: 'globalclusteridentifier' }],
  WorkGroupName: [{ key: 'workgroup' }],
  GuardrailId: [{ key: 'guardrailidentifier', transform: 'lastPathSegment' }],
  VpcFlowLogId: [{ key: 'flowlogid' }, { key: 'flowlogids' }, { key: 'flowlogidset' }],
  ParameterGroupName: [{ key: 'dbparametergroupname' }],
  ClusterParameterGroupName: [{ key: 'dbclusterparametergroupname' }],
  SubnetGroupName: [{ key: 'dbsubnetgroupname' }],
  OptionGroupName: [{ key: 'optiongroupname' }],
  ClusterName: [{ key: 'cluster', transform: 'lastPathSegment' }],
  ServiceName: [{ key: 'service', transform: 'lastPathSegment' }],
  QueueName: [{ key: 'queueurl', transform: 'queueUrl' }],
  ParameterNameWithoutLeadingSlash: [
    { key: 'name', transform: 'stripLeadingSlash' },
    { key: 'names', transform: 'stripLeadingSlash' },
    { key: 'parametername', transform: 'stripLeadingSlash' },
  ],
  TrailName: [{ key: 'name', transform: 'lastPathSegment' }, { key: 'trailnamelist', transform: 'lastPathSegment' }],
  KeyId: [{ key: 'keyid', transform: 'kmsKeyId' }, { key: 'targetkeyid', transform: 'kmsKeyId' }],
  InstanceId: [{ key: 'target' }],
  SecurityGroupName: [{ key: 'dbsecuritygroupname' }],
  AllocationId: [{ key: 'allocationid' }],
  NaclId: [{ key: 'networkaclid' }],
  FunctionName: [{ key: 'functionname', transform: 'lastPathSegment' }],
  LogGroupName: [{ key: 'loggroupname' }],
  DocumentName: [{ key: 'documentname' }, { key: 'name' }],
  TopicName: [{ key: 'topicarn', transform: 'lastPathSegment' }],
  DetectorId: [{ key: 'detectorid' }],
  RepositoryName: [{ key: 'repositoryname' }],
  StackName: [{ key: 'stackname' }],
  StateMachineName: [{ key: 'statemachinearn', transform: 'lastPathSegment' }],
  ConfigurationRecorderName: [{ key: 'configurationrecordername' }],
};

/**
 * Checks a variable's value needs whichever key it came from. A secret's ARN ends in a random
 * suffix that a name (`prod/db`) lacks, so a name never fills SecretId; only an ARN names a secret.
 */
export const VARIABLE_TRANSFORMS: Readonly<Record<string, Transform>> = {
  KeyId: 'kmsKeyId',
  SecretId: 'never',
};

/**
 * Variables whose name is so generic (`Id`, `Name`) that a same-named key in the request says
 * little: they are filled only for required types of the action's own service.
 */
export const GENERIC_VARIABLES: ReadonlySet<string> = new Set([
  'id', 'name', 'resourceid', 'resourcename', 'resourcetype', 'resource', 'resourcepath', 'type', 'key',
  'value', 'version', 'versionid', 'path', 'arn', 'identifier', 'uuid', 'scope', 'catalog', 'relativeid',
  'groupname', 'modelid',
]);

/**
 * Short and long spellings of one resource word, both ways: IAM writes `AppId` where the API's
 * member is `applicationId`, `CertificateId` where it is `certId`. Words, not APIs: each pair holds
 * across services.
 */
export const STEM_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  app: ['application'],
  application: ['app'],
  cert: ['certificate'],
  certificate: ['cert'],
  config: ['configuration'],
  configuration: ['config'],
  env: ['environment'],
  environment: ['env'],
  repo: ['repository'],
  repository: ['repo'],
  org: ['organization'],
  organization: ['org'],
  db: ['database'],
  database: ['db'],
};
