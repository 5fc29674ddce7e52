/**
 * Exponential backoff for a deferred message: base, 2×, 4×, … capped at `capMs` (15 minutes).
 * A 4xx counts the row's attempts over all runs; a dropped connection counts this run's
 * failures in a row with a cap inside the run's retry window, so a recipient whose connection
 * always drops reaches `send.maxAttempts` (and is marked failed) within one run.
 */
export function retryDelay(attempt: number, baseMs: number, capMs = 15 * 60_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), capMs);
}
