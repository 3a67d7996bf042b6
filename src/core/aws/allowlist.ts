/**
 * The only AWS operations TagTrail may send. Every client made by `clients.ts` refuses anything else
 * before it is signed or sent, so a bug (or a future change) cannot write to an account.
 *
 * Keyed by the SDK's client name and command name (what the middleware sees), valued by the IAM
 * action the call needs, which is also what `docs/iam-policy.json` grants and what error messages
 * name when AWS answers AccessDenied.
 */
export const ALLOWED_OPERATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  STSClient: { GetCallerIdentityCommand: 'sts:GetCallerIdentity' },
  ResourceGroupsTaggingAPIClient: { GetResourcesCommand: 'tag:GetResources' },
  IAMClient: {
    ListUsersCommand: 'iam:ListUsers',
    ListRolesCommand: 'iam:ListRoles',
    ListUserTagsCommand: 'iam:ListUserTags',
    ListRoleTagsCommand: 'iam:ListRoleTags',
  },
  CloudTrailClient: {
    LookupEventsCommand: 'cloudtrail:LookupEvents',
    DescribeTrailsCommand: 'cloudtrail:DescribeTrails',
    // Trail coverage (src/core/coverage): is a trail logging, and which events do its selectors keep.
    GetTrailStatusCommand: 'cloudtrail:GetTrailStatus',
    GetEventSelectorsCommand: 'cloudtrail:GetEventSelectors',
  },
  S3Client: {
    // ListObjectsV2 is authorised by the IAM action s3:ListBucket.
    ListObjectsV2Command: 's3:ListBucket',
    GetObjectCommand: 's3:GetObject',
  },
  // AWS Config as inventory and tag history (src/core/aws/config): advanced queries (SELECTs only),
  // the history of resources changed in the window, and whether a region records at all.
  ConfigServiceClient: {
    SelectResourceConfigCommand: 'config:SelectResourceConfig',
    SelectAggregateResourceConfigCommand: 'config:SelectAggregateResourceConfig',
    GetResourceConfigHistoryCommand: 'config:GetResourceConfigHistory',
    ListDiscoveredResourcesCommand: 'config:ListDiscoveredResources',
    DescribeConfigurationRecorderStatusCommand: 'config:DescribeConfigurationRecorderStatus',
  },
  // The Athena scan (src/core/athena): only SELECTs built by TagTrail, and the table's CREATE on
  // explicit request. Stop cancels TagTrail's own query when the user interrupts a check.
  AthenaClient: {
    StartQueryExecutionCommand: 'athena:StartQueryExecution',
    GetQueryExecutionCommand: 'athena:GetQueryExecution',
    GetQueryResultsCommand: 'athena:GetQueryResults',
    StopQueryExecutionCommand: 'athena:StopQueryExecution',
  },
};

/**
 * Calls the SDK's credential providers make on their own clients (not ours) while turning a profile
 * into credentials. They change nothing in the account; they are listed so that the policy document
 * and the command-import test can tell them apart from what TagTrail itself calls.
 */
export const CREDENTIAL_PROVIDER_OPERATIONS: readonly string[] = [
  'sts:AssumeRole', // source_profile + role_arn chains (with MFA when the profile asks for it)
  'sts:AssumeRoleWithWebIdentity', // web_identity_token_file profiles
  'sso:GetRoleCredentials', // IAM Identity Center profiles
  'sso-oidc:CreateToken', // refreshing an IAM Identity Center session token
];

/** The IAM action a command of a client needs, or undefined when TagTrail may not send it. */
export function allowedAction(clientName: string, commandName: string): string | undefined {
  const forClient = ALLOWED_OPERATIONS[clientName];
  return forClient && Object.prototype.hasOwnProperty.call(forClient, commandName) ? forClient[commandName] : undefined;
}

/** Every IAM action TagTrail's own clients may need, sorted, for the policy document. */
export function allowedActions(): string[] {
  return [...new Set(Object.values(ALLOWED_OPERATIONS).flatMap((ops) => Object.values(ops)))].sort();
}
