/** Event ids as CloudTrail writes them (UUIDs); anything else gets no link. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;
/** Commercial regions only: China and GovCloud consoles live on other domains. */
const SAFE_REGION = /^(?!cn-)[a-z]{2}-[a-z]+-\d{1,2}$/;

/**
 * The CloudTrail console page of an event in its region, or undefined when the id or region is
 * not of the shape AWS writes (a record can hold anything; no link is made from that).
 */
export function eventConsoleUrl(eventID: string, region: string): string | undefined {
  if (typeof eventID !== 'string' || typeof region !== 'string' || !SAFE_ID.test(eventID) || !SAFE_REGION.test(region)) return undefined;
  const r = encodeURIComponent(region);
  return `https://${r}.console.aws.amazon.com/cloudtrailv2/home?region=${r}#/events/${encodeURIComponent(eventID)}`;
}
