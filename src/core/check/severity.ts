import type { CloudTrailRecord, Severity } from '../model';

// Authorization failures across services: IAM-style (`AccessDenied`, `AccessDeniedException`), EC2's
// (`UnauthorizedOperation`, `Client.UnauthorizedOperation`) and the `…NotAuthorized…` family
// (`NotAuthorizedException`, `AuthorizationError`, `Forbidden`). Other errors (throttling, validation,
// missing resources) are not denials: the caller was allowed to try.
const DENIED = /^(?:Client\.)?(?:AccessDenied(?:Exception)?|UnauthorizedOperation|UnauthorizedAccess|Unauthorized(?:Exception)?|Forbidden(?:Exception)?|AuthorizationError|AuthorizationErrorException)$|NotAuthorized/i;

/** True when the record's error code says the caller lacked permission. */
export function isDenied(errorCode: unknown): boolean {
  return typeof errorCode === 'string' && errorCode.length < 200 && DENIED.test(errorCode);
}

// When `readOnly` is absent (LookupEvents output, hand-made records) the verb is the best evidence.
const READ_VERB = /^(?:Get|List|Describe|Head|Lookup|Search|Select|Scan|Query|BatchGet|Check|Validate|Preview|Test|Estimate|View)/;

/** `readOnly` as CloudTrail wrote it (boolean or string), else inferred from the event name. */
export function isReadOnly(record: CloudTrailRecord): boolean {
  const ro = record.readOnly;
  if (typeof ro === 'boolean') return ro;
  if (ro === 'true') return true;
  if (ro === 'false') return false;
  return typeof record.eventName === 'string' && READ_VERB.test(record.eventName);
}

/** `denied` beats the access level: a denied write is still a denied attempt. */
export function severityOf(record: CloudTrailRecord): Severity {
  if (isDenied(record.errorCode)) return 'denied';
  return isReadOnly(record) ? 'read' : 'write';
}
