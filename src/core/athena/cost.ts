/** Athena's price for SQL queries: $5 per TB scanned, at least 10 MB per query, rounded up to the MB. */
export const DOLLARS_PER_TB = 5;

const MB = 1_000_000;

/** The cost Athena charges for a query that scanned `bytes`. */
export function athenaCost(bytes: number): number {
  const billed = Math.max(10 * MB, Math.ceil(bytes / MB) * MB);
  return (billed / 1e12) * DOLLARS_PER_TB;
}

/** `12.3 GB scanned, about $0.06` or `unknown` — for the line shown before and after a scan. */
export function describeScan(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'size unknown, cost unknown';
  const units: [number, string][] = [[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  const [div, unit] = units.find(([d]) => bytes >= d) ?? [1, 'B'];
  const cost = athenaCost(bytes);
  return `${(bytes / div).toFixed(div === 1 ? 0 : 1)} ${unit}, about $${cost < 0.01 ? cost.toFixed(4) : cost.toFixed(2)}`;
}
