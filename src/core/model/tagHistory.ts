/**
 * One observation of an ARN's tags at a point in time, from whatever records history: the trail's
 * tag-changing calls and creations with tags, or AWS Config's configuration items. A timeline of
 * these per ARN tells the product in force at an event's time, and the product of a resource that
 * has been deleted since.
 */
export interface TagObservation {
  arn: string;
  /** When the observed state took effect (ISO 8601). */
  time: string;
  /** The whole tag set in force from `time` on, when the source knows all of it (Config, a creation). */
  tags?: Record<string, string>;
  /** Tags set from `time` on, when only a change is known (TagResource, CreateTags…). */
  set?: Record<string, string>;
  /** Tag keys removed at `time` (UntagResource, DeleteTags…). */
  removed?: string[];
  /** The resource was created at `time`. */
  created?: boolean;
  /** The resource was deleted at `time`. */
  deleted?: boolean;
  source: 'trail' | 'config' | 'config-aggregator' | 'inventory';
  /** What the observation came from: an event id, a Config capture time or item id. */
  ref?: string;
}
