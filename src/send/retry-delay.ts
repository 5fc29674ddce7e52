/** Exponential backoff for a deferred message: base, 2×, 4×, … capped at 15 minutes. */
export function retryDelay(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 15 * 60_000);
}
