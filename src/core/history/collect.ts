/**
 * The first pass of a check with history: every record of the read is tested by event name (a set
 * lookup); only tag-changing, creating and deleting calls are resolved and turned into
 * observations. Nothing else is kept, so memory stays that of the observations.
 */
import type { CloudTrailRecord, Inventory, LookupResource, Resolution, Tag } from '../model';
import type { TagObservation } from '../model/tagHistory';
import { iamNameKey } from '../arn/arn';
import { mayGiveObservations, observationsOf, type HistoryProblem } from './fromTrail';
import { TagTimeline } from './timeline';

export class HistoryCollector {
  readonly observations: TagObservation[] = [];
  readonly problems: HistoryProblem[] = [];
  /** Tag-changing, creating and deleting calls looked at. */
  candidates = 0;

  constructor(private readonly resolve: (record: CloudTrailRecord, lookup?: LookupResource[]) => Resolution) {}

  add(record: unknown, lookup?: LookupResource[]): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return;
    const r = record as CloudTrailRecord;
    if (!mayGiveObservations(r)) return;
    this.candidates++;
    let resolution: Resolution;
    try {
      resolution = this.resolve(r, lookup);
    } catch {
      return; // the judgement's own pass reports a resolver failure as a gap
    }
    const o = observationsOf(r, resolution);
    for (const x of o.observations) this.observations.push(x);
    // Bounded: a hostile input could make every record a tag call nobody can read.
    for (const p of o.problems) if (this.problems.length < 1000) this.problems.push(p);
  }
}

/** Today's tags of an ARN, resources first, IAM roles and users by name whatever their path. */
export function todayTagsLookup(inventory: Inventory): (arn: string) => Tag[] | undefined {
  const byName = new Map<string, Tag[]>();
  for (const [arn, tags] of inventory.principals) {
    const k = iamNameKey(arn);
    if (k !== undefined && !byName.has(k)) byName.set(k, tags);
  }
  return (arn) => inventory.resources.get(arn) ?? inventory.principals.get(arn) ?? (byName.size > 0 ? byName.get(iamNameKey(arn) ?? '') : undefined);
}

/** The timeline from the trail's observations and the inventory's own history (AWS Config). */
export function buildTimeline(inventory: Inventory, tagKeys: readonly string[], trail: readonly TagObservation[]): TagTimeline {
  return new TagTimeline([...(inventory.history ?? []), ...trail], tagKeys, todayTagsLookup(inventory));
}

/** Scope sentences about the history a check used. */
export function historyNotes(timeline: TagTimeline, trail: readonly TagObservation[], configCount: number, problems: readonly HistoryProblem[]): string[] {
  const notes: string[] = [];
  if (timeline.size > 0) {
    notes.push(`Tag history: ${timeline.size} ARN(s) have tag history (${trail.length} observation(s) from the trail's tag calls, creations and deletions, ${configCount} from the inventory's history); events on them are judged by the tags in force at their time.`);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).map((p) => `${p.eventName} ${p.eventID}: ${p.reason}`).join('; ');
    notes.push(`Tag history: ${problems.length} tag-changing call(s) could not be used${problems.length > 3 ? ' (first 3)' : ''}: ${shown}.`);
  }
  return notes;
}
