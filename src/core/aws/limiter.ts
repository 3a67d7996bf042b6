/**
 * Keeps each key (an account-region) at or under N calls per window. CloudTrail allows LookupEvents
 * 2 requests per second per account and region; going over only earns ThrottlingExceptions, so the
 * limiter is what lets a check run at the ceiling. The margin absorbs network jitter between our
 * clock and AWS's: calls spaced window+margin apart can never land in the same second over there.
 */
export interface LimiterOptions {
  perWindow?: number;
  windowMs?: number;
  marginMs?: number;
  now?: () => number;
}

/** FIFO per key, so that no caller starves under contention. */
export class RateLimiter {
  private readonly starts = new Map<string, number[]>();
  private readonly tails = new Map<string, Promise<void>>();
  private readonly perWindow: number;
  private readonly span: number;
  private readonly now: () => number;

  constructor(opts: LimiterOptions = {}) {
    this.perWindow = opts.perWindow ?? 2;
    this.span = (opts.windowMs ?? 1000) + (opts.marginMs ?? 60);
    this.now = opts.now ?? Date.now;
  }

  /** Resolves when a call for `key` may start; rejects with the signal's reason when aborted. */
  acquire(key: string, signal?: AbortSignal): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const mine = prev.then(() => this.take(key, signal));
    // The queue moves on whether this caller got its slot or was aborted.
    this.tails.set(key, mine.catch(() => undefined));
    return mine;
  }

  private async take(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      const recent = (this.starts.get(key) ?? []).filter((t) => t > now - this.span);
      if (recent.length < this.perWindow) {
        recent.push(now);
        this.starts.set(key, recent);
        return;
      }
      await sleep(recent[0]! + this.span - now, signal);
    }
  }
}

/** setTimeout as a promise that an AbortSignal can cut short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, Math.max(0, ms));
    const onAbort = (): void => { clearTimeout(timer); reject(signal?.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
