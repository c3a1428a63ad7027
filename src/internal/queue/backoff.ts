export interface RetryDelayOptions {
  /** The attempt that just failed, 1 for the first try. */
  attempt: number;
  /** Delay after the first failure; doubles with each further failure. */
  baseMs: number;
  /** Upper bound for the doubled delay (default one hour). */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half of the doubled delay is fixed, the other half random.
 * The fixed half guarantees a failing job really backs off; the random half spreads out the retries of
 * many jobs that failed together (e.g. when a dependency was down), so they do not return in lockstep.
 */
export function computeRetryDelayMs(options: RetryDelayOptions): number {
  const maxMs = options.maxMs ?? 60 * 60 * 1000;
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, options.attempt - 1);
  // Clamp the exponent first so 2 ** exponent never overflows into Infinity for absurd attempt counts.
  const doubled = Math.min(maxMs, options.baseMs * 2 ** Math.min(exponent, 40));
  const half = doubled / 2;
  return Math.round(half + random() * half);
}
