/**
 * Tag observations from one trail event: a tag-changing call on its resolved targets, a creation
 * carrying tags (RunInstances tag specifications, CreateTable / CreateRole / CreateQueue tags), a
 * deletion of the resource itself. Successful calls only: a denied TagResource changed nothing.
 * A tag-changing call whose target did not resolve, or whose tags are in a shape not read, is a
 * problem said with its reason, not a silent miss.
 */
import type { CloudTrailRecord, Resolution } from '../model';
import type { TagObservation } from '../model/tagHistory';
import { createsType, deletesType, isTagChange, mayObserveTags, tagChangeKind } from './tagActions';
import { requestRemovedKeys, requestTags, specificationTags } from './tagShapes';

/** A tag-changing call the history could not use, and why. */
export interface HistoryProblem {
  eventID: string;
  eventTime: string;
  eventName: string;
  reason: string;
}

export interface TrailObservations {
  observations: TagObservation[];
  problems: HistoryProblem[];
}

const NONE: TrailObservations = { observations: [], problems: [] };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function failed(record: CloudTrailRecord): boolean {
  return (typeof record.errorCode === 'string' && record.errorCode !== '') || (typeof record.errorMessage === 'string' && record.errorMessage !== '');
}

/** Cheap test before resolving: only these records can give observations. */
export function mayGiveObservations(record: CloudTrailRecord): boolean {
  return typeof record.eventName === 'string' && mayObserveTags(record.eventName) && !failed(record);
}

/** The observations (and problems) one resolved event gives. */
export function observationsOf(record: CloudTrailRecord, resolution: Resolution): TrailObservations {
  const eventName = str(record.eventName);
  if (!mayGiveObservations(record)) return NONE;
  const time = str(record.eventTime);
  const ref = str(record.eventID) || undefined;
  const base = { time, source: 'trail' as const, ...(ref !== undefined ? { ref } : {}) };
  const params = record.requestParameters;
  const problem = (reason: string): TrailObservations => ({ observations: [], problems: [{ eventID: ref ?? '', eventTime: time, eventName, reason }] });
  if (Number.isNaN(Date.parse(time))) return isTagChange(eventName) ? problem('the record has no usable eventTime') : NONE;

  if (isTagChange(eventName)) {
    if (resolution.targets.length === 0) {
      return problem(`the tag change names no resource TagTrail could resolve (${resolution.reason ?? resolution.status}); events on it are judged by today's tags`);
    }
    const kind = tagChangeKind(eventName);
    const arns = [...new Set(resolution.targets.map((t) => t.arn))];
    if (kind === 'clear') return { observations: arns.map((arn) => ({ arn, ...base, tags: {} })), problems: [] };
    if (kind === 'replace' || kind === 'set') {
      const tags = requestTags(params);
      if (tags === undefined) return problem('the request gives its tags in a shape TagTrail does not read; events on its resource are judged by today\'s tags');
      return { observations: arns.map((arn) => (kind === 'replace' ? { arn, ...base, tags } : { arn, ...base, set: tags })), problems: [] };
    }
    const removed = requestRemovedKeys(params);
    if (removed === undefined) return problem('the request names the removed tag keys in a shape TagTrail does not read; events on its resource are judged by today\'s tags');
    return { observations: arns.map((arn) => ({ arn, ...base, removed })), problems: [] };
  }

  const observations: TagObservation[] = [];
  const seen = new Set<string>();
  for (const t of resolution.targets) {
    if (seen.has(t.arn)) continue;
    if (createsType(eventName, t.resourceType)) {
      seen.add(t.arn);
      const tags = specificationTags(params, t.resourceType ?? '') ?? requestTags(params);
      // Without tags in the request (CreateBucket, then PutBucketTagging) the first tags it is given
      // later, or today's, are taken as its tags from creation on (see timeline.ts).
      observations.push(tags !== undefined ? { arn: t.arn, ...base, created: true, tags } : { arn: t.arn, ...base, created: true });
    } else if (deletesType(eventName, t.resourceType)) {
      seen.add(t.arn);
      observations.push({ arn: t.arn, ...base, deleted: true });
    }
  }
  return observations.length > 0 ? { observations, problems: [] } : NONE;
}
