/**
 * Actions whose IAM "required" flags do not describe what the call acts on. The listed types
 * replace IAM's required set, and the call counts as resolved when a target of ANY of them is
 * found. ssm:StartSession, for instance, requires a document in IAM, but the record names only the
 * instance (the default document is implied).
 */
export const ANY_OF_TYPES: Readonly<Record<string, readonly string[]>> = {
  'ssm:StartSession': ['instance', 'managed-instance'],
  'ssm:SendCommand': ['instance', 'managed-instance', 'document'],
  'ssm:ResumeSession': ['session'],
  'ssm:TerminateSession': ['session'],
};

/**
 * Optional types whose value the response gives and that the call still acts on (the VPC a new
 * NAT gateway is placed in, derived from its subnet).
 */
export const RESPONSE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'ec2:CreateNatGateway': ['vpc'],
};

/**
 * Resource types with a fixed ARN that IAM uses as a switch, not a resource anybody owns:
 * never a target.
 */
export const PSEUDO_TYPES: ReadonlySet<string> = new Set(['bedrock-marketplace-model-endpoint']);

/**
 * SSM tagging calls name their resource by `resourceType` + `resourceId`; this maps the
 * resourceType value to the IAM resource type of the ssm service.
 */
export const SSM_TAGGABLE_TYPES: Readonly<Record<string, string>> = {
  Parameter: 'parameter',
  Document: 'document',
  ManagedInstance: 'managed-instance',
  MaintenanceWindow: 'maintenancewindow',
  PatchBaseline: 'patchbaseline',
  OpsItem: 'opsitem',
  OpsMetadata: 'opsmetadata',
  Association: 'association',
  Automation: 'automation-execution',
};
