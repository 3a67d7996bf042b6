/**
 * Which trail events change, create or delete what a product tag sits on. Tag-changing calls are
 * found generically: every IAM action whose access level is "Tagging" (generated at build time from
 * the IAM reference into generated/tag-actions.json), minus reads, plus the few calls IAM files
 * under another action (DeleteBucketTagging is authorised by s3:PutBucketTagging).
 */
import rawActions from '../../../generated/tag-actions.json';

interface RawTagActions {
  format: string;
  version: number;
  source: string;
  actions: Record<string, string[]>;
}

const raw = rawActions as unknown as RawTagActions;

/** Calls that change tags but that IAM authorises under another action name. */
const EXTRA_TAG_CHANGES = ['DeleteBucketTagging', 'DeleteTagging'];

const TAG_CHANGES: ReadonlySet<string> = new Set([...Object.values(raw.actions).flat(), ...EXTRA_TAG_CHANGES]);

/** An event name without the API version some services append (Lambda's `TagResource20170331v2`). */
export function baseName(eventName: string): string {
  return eventName.replace(/\d{8}(v\d+)?$/, '');
}

/** True for an event name that changes tags (TagResource, CreateTags, PutBucketTagging…). */
export function isTagChange(eventName: string): boolean {
  return TAG_CHANGES.has(eventName) || TAG_CHANGES.has(baseName(eventName));
}

/** How a tag-changing call changes the tag set. */
export type TagChangeKind = 'set' | 'remove' | 'replace' | 'clear';

/**
 * `replace`: the request is the whole tag set (PutBucketTagging); `clear`: every tag goes
 * (DeleteBucketTagging); `remove`: the named keys go (UntagResource, DeleteTags,
 * RemoveTagsFromResource); `set`: the named tags are added or changed.
 */
export function tagChangeKind(name: string): TagChangeKind {
  const eventName = baseName(name);
  if (/^Put\w*Tagging$/.test(eventName)) return 'replace';
  if (/^Delete\w*Tagging$/.test(eventName)) return 'clear';
  if (/^(Untag|UnTag|Remove|Delete)/.test(eventName)) return 'remove';
  return 'set';
}

/** A name or IAM resource type without case, separators, a plural `s` or a version suffix (`CreateFunction20150331`). */
function noun(s: string): string {
  return s.toLowerCase().replace(/\d{8}$/, '').replace(/[^a-z0-9]/g, '').replace(/s$/, '');
}

const CREATE = /^(Create|Run)(\w+)$/;
const DELETE = /^(Delete|Terminate)(\w+)$/;

/**
 * True when `eventName` creates a resource of `resourceType` itself (CreateBucket on a bucket,
 * RunInstances on an instance), not something attached to it (CreateBucketPolicy…).
 */
export function createsType(eventName: string, resourceType: string | undefined): boolean {
  const m = CREATE.exec(baseName(eventName));
  if (!m || resourceType === undefined || isTagChange(eventName)) return false;
  const n = noun(m[2] as string);
  return n === noun(resourceType);
}

/** True when `eventName` deletes a resource of `resourceType` itself (DeleteBucket, TerminateInstances, DeleteQueue). */
export function deletesType(eventName: string, resourceType: string | undefined): boolean {
  const m = DELETE.exec(baseName(eventName));
  if (!m || resourceType === undefined || isTagChange(eventName)) return false;
  return noun(m[2] as string) === noun(resourceType);
}

/** A cheap first test on an event name: could it give a tag observation? */
export function mayObserveTags(eventName: string): boolean {
  return isTagChange(eventName) || CREATE.test(eventName) || DELETE.test(eventName);
}

/** Where the list of tag-changing actions came from. */
export const tagActionsSource: string = raw.source;
