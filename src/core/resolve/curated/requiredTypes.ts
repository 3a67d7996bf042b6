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
 * Resource types that are no resource anybody owns, keyed by type name or `service:type`: a fixed
 * ARN IAM uses as a switch, or Identity Center's `account/<id>`, which stands for the member
 * account an assignment provisions into (an account assignment targets its permission set and
 * instance; the `account` ARN would be invented from the caller's account).
 */
export const PSEUDO_TYPES: ReadonlySet<string> = new Set(['bedrock-marketplace-model-endpoint', 'sso:Account']);

/** True for a type that is never a target (PSEUDO_TYPES). */
export function isPseudoType(type: { name: string; template: { service: string } }): boolean {
  return PSEUDO_TYPES.has(type.name) || PSEUDO_TYPES.has(`${type.template.service}:${type.name}`);
}

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
