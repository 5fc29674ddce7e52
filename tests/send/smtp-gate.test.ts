import { describe, expect, it } from 'vitest';
import { GazetteError } from '../../src/errors.ts';
import type { ErrorCode } from '../../src/errors.ts';
import { createSmtpGate } from '../../src/send/create-smtp-gate.ts';

const reply = (code: ErrorCode, responseCode: number | undefined, smtpResponse: string) =>
  new GazetteError(code, smtpResponse, { smtpResponse, responseCode });
const options = { pauseMs: 100, maxPauseMs: 250, maxConnectionRounds: 3 };

describe('createSmtpGate', () => {
  it('pauses on 421, on 4.7.x and on connection failures, not on a verdict about one recipient', () => {
    const before = Date.now() - 1;
    for (const error of [
      reply('SMTP_TRANSIENT', 421, '421 4.4.2 closing connection'),
      reply('SMTP_TRANSIENT', 451, '451 4.7.500 Server busy'),
      reply('SMTP_CONNECTION', undefined, 'ECONNREFUSED'),
    ]) {
      expect(createSmtpGate(options).failed(error, before).pausedUntil).toBeGreaterThan(before);
    }
    for (const error of [
      reply('SMTP_TRANSIENT', 452, '452 4.2.2 Mailbox full'),
      reply('SMTP_PERMANENT', 550, '550 5.1.1 No such user'),
    ]) {
      expect(createSmtpGate(options).failed(error, before)).toEqual({ unreachable: false });
    }
  });

  it('counts the failures of attempts already in flight once, doubles the pause up to the cap, and gives up after N rounds', () => {
    const gate = createSmtpGate(options);
    const down = reply('SMTP_CONNECTION', undefined, 'ECONNREFUSED');
    const started = Date.now() - 1;
    const first = gate.failed(down, started).pausedUntil!;
    expect(first - Date.now()).toBeGreaterThan(50);
    // Three more workers were in flight when the pause began: the same outage, not three more rounds.
    for (let i = 0; i < 3; i++) expect(gate.failed(down, started)).toEqual({ unreachable: false });
    const second = gate.failed(down, Date.now() + 1).pausedUntil!;
    expect(second - Date.now()).toBeGreaterThan(150);
    expect(gate.failed(down, Date.now() + 2)).toEqual({ unreachable: true });
  });

  it('starts again from the first pause once a message goes through', () => {
    const gate = createSmtpGate(options);
    const down = reply('SMTP_CONNECTION', undefined, 'ECONNREFUSED');
    gate.failed(down, Date.now() - 1);
    gate.failed(down, Date.now() + 1);
    gate.passed();
    expect(gate.failed(down, Date.now() + 2).pausedUntil! - Date.now()).toBeLessThanOrEqual(100);
    expect(gate.failed(down, Date.now() + 3).unreachable).toBe(false);
  });
});
