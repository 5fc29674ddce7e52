import type { GazetteError } from '../errors.ts';
import { sleep } from './create-rate-limiter.ts';

/**
 * What every worker of a run shares about the SMTP server: after a connection failure or a
 * throttling reply (421, 4.7.x) all of them wait, the wait doubling each time up to a cap;
 * after `maxConnectionRounds` connection failures in a row with no message through, the
 * server is unreachable. Failures of attempts started before the current pause began are the
 * same trouble seen by the workers in flight at the time: they count once, not once each.
 */
export interface SmtpGate {
  /** Resolves when no pause is in force (early when the signal aborts). */
  wait(signal?: AbortSignal): Promise<void>;
  /** A message went through: the next trouble starts from the first pause again. */
  passed(): void;
  /** A failed attempt that started at `startedAt` (epoch ms). */
  failed(error: GazetteError, startedAt: number): { pausedUntil?: number; unreachable: boolean };
}

export interface SmtpGateOptions {
  /** The first pause; doubles with each round. */
  pauseMs: number;
  maxPauseMs: number;
  maxConnectionRounds: number;
}

export function createSmtpGate(options: SmtpGateOptions): SmtpGate {
  let until = 0;
  let pausedAt = Number.NEGATIVE_INFINITY;
  let rounds = 0;
  let connectionRounds = 0;
  return {
    async wait(signal) {
      while (Date.now() < until && !signal?.aborted) await sleep(until - Date.now(), signal);
    },
    passed() {
      rounds = 0;
      connectionRounds = 0;
    },
    failed(error, startedAt) {
      const connection = error.code === 'SMTP_CONNECTION';
      if ((!connection && !isThrottling(error)) || startedAt < pausedAt) return { unreachable: false };
      rounds++;
      if (connection) connectionRounds++;
      if (connectionRounds >= options.maxConnectionRounds) return { unreachable: true };
      pausedAt = Date.now();
      until = pausedAt + Math.min(options.maxPauseMs, options.pauseMs * 2 ** (rounds - 1));
      return { pausedUntil: until, unreachable: false };
    },
  };
}

/**
 * 421 (RFC 5321 §3.8: the server is closing the channel) and a 4xx with 4.7.x (RFC 3463, how
 * large providers say "too fast", e.g. Gmail's 421-4.7.28) are about the sender, not one recipient.
 */
function isThrottling(error: GazetteError): boolean {
  if (error.code !== 'SMTP_TRANSIENT') return false;
  return error.context.responseCode === 421 || /\b4\.7\.\d+/.test(String(error.context.smtpResponse ?? ''));
}
