import type { GazetteError } from '../errors.ts';
import { sleep } from './create-rate-limiter.ts';

/**
 * What every worker of a run shares about the SMTP server: after a connection failure or a
 * throttling reply (421, 4.7.x) all of them wait, the wait doubling each time up to a cap;
 * after `maxConnectionRounds` connection failures in a row with no answer in between (no
 * message through, no reply about any recipient), the server is unreachable. Failures of attempts started before the current pause began are the
 * same trouble seen by the workers in flight at the time: they count once, not once each.
 */
export interface SmtpGate {
  /** Resolves when no pause is in force (early when the signal aborts). */
  wait(signal?: AbortSignal): Promise<void>;
  /** A message went through: the next trouble starts from the first pause again. */
  passed(): void;
  /**
   * A failed attempt that started at `startedAt` (epoch ms). A reply about one recipient (4xx
   * other than throttling, 5xx) is an answer: the server is up, so the count of connection
   * failures starts again, as after a message that went through.
   */
  failed(error: GazetteError, startedAt: number): { pausedUntil?: number; unreachable: boolean };
  /** Whether the server answered any recipient (sent, or a reply about them) at or after `time`. */
  answeredSince(time: number): boolean;
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
  let answeredAt = Number.NEGATIVE_INFINITY;
  const answered = () => {
    rounds = 0;
    connectionRounds = 0;
    answeredAt = Date.now();
  };
  return {
    async wait(signal) {
      while (Date.now() < until && !signal?.aborted) await sleep(until - Date.now(), signal);
    },
    passed: answered,
    failed(error, startedAt) {
      const connection = error.code === 'SMTP_CONNECTION';
      if (!connection && !isThrottling(error)) {
        answered();
        return { unreachable: false };
      }
      // Slowing us down is an answer too: the server is reachable, though the pause goes on.
      if (!connection) {
        connectionRounds = 0;
        answeredAt = Date.now();
      }
      if (startedAt < pausedAt) return { unreachable: false };
      rounds++;
      if (connection) connectionRounds++;
      if (connectionRounds >= options.maxConnectionRounds) return { unreachable: true };
      pausedAt = Date.now();
      until = pausedAt + Math.min(options.maxPauseMs, options.pauseMs * 2 ** (rounds - 1));
      return { pausedUntil: until, unreachable: false };
    },
    answeredSince(time) {
      return answeredAt >= time;
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
