/**
 * What a live check looked at and what it could not see, in sentences for the report's scope
 * section. The most important one: without trail files there are no data events.
 */
import type { TrailInfo, TrailLocation } from './trailLogs';

const LOOKUP_RETENTION_DAYS = 90;

/** The scope sentences of a live check, most important first. */
export function scopeNotesFor(p: {
  callerIdentity: { account: string; arn: string };
  regions: string[];
  since: Date;
  until: Date;
  trails: TrailInfo[];
  trailsError?: string;
  location?: TrailLocation;
  cached: boolean;
}): string[] {
  const notes = [`Checked as ${p.callerIdentity.arn} in account ${p.callerIdentity.account}, regions ${p.regions.join(', ')}, ${p.since.toISOString()} to ${p.until.toISOString()}.`];
  const where = (l: TrailLocation): string => `s3://${l.bucket}${l.prefix ? `/${l.prefix}` : ''}`;
  if (p.location) {
    notes.push(`Events from CloudTrail LookupEvents and the trail log files in ${where(p.location)} (data events included where the trail logs them).`);
  } else {
    notes.push('Events from CloudTrail LookupEvents only: management events. Data events (S3 object reads and writes, Lambda invocations, DynamoDB item calls…) are not included; pass --trail-bucket s3://… to read a trail\'s log files.');
    const located = p.trails.filter((t) => t.location);
    if (located.length) notes.push(`Trails found: ${located.map((t) => `${t.name}${t.organization ? ' (organisation)' : ''} → ${where(t.location!)}`).join('; ')}.`);
  }
  if (p.trailsError) notes.push(`Trails could not be listed: ${p.trailsError}`);
  if (Date.now() - p.since.getTime() > LOOKUP_RETENTION_DAYS * 86_400_000) {
    notes.push(`LookupEvents keeps ${LOOKUP_RETENTION_DAYS} days of events: the start of the window is older, so only trail files can cover it.`);
  }
  if (p.cached) notes.push('LookupEvents results are cached on disk; only events newer than the cache were fetched.');
  return notes;
}
