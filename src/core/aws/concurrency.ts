/**
 * Small helpers for calling AWS many times: bounded parallelism and a last-resort retry for when
 * the SDK's own retries ran out (heavy throttling), so a long check does not lose a page.
 */
import { TagTrailAwsError, explainAwsError } from './errors';
import { sleep } from './limiter';

/** Maps with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal?.throwIfAborted();
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Runs `fn` again when it failed in a way that may pass (throttling, 5xx, network), waiting longer
 * each time. Pages are idempotent reads, so repeating one cannot duplicate anything.
 */
export async function persist<T>(fn: () => Promise<T>, opts: { signal?: AbortSignal; attempts?: number; baseMs?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 5;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const explained = e instanceof TagTrailAwsError ? e : explainAwsError(e);
      if (!explained.retryable || i >= attempts || opts.signal?.aborted) throw explained;
      await sleep((opts.baseMs ?? 1000) * 2 ** (i - 1), opts.signal);
    }
  }
}
