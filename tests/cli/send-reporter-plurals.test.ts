import { describe, expect, it } from 'vitest';
import { createSendReporter } from '../../src/cli/send-reporter.ts';
import type { PlanResult } from '../../src/send/plan-send.ts';

const list = { id: 'daily', name: { ko: '데일리', en: 'Daily' }, locales: [], categories: [] };
const plan = (recipients: number, segments: number): PlanResult => ({
  segments: Array.from({ length: segments }, (_, i) => ({
    key: `en:${i}`,
    recipients: 1,
    items: 1,
    advertising: false,
  })),
  recipients,
  added: 0,
  emptySegment: 0,
  noAdConsent: 0,
});

describe('the send reporter counts in English (Intl.PluralRules)', () => {
  it.each([
    [1, 1, 'daily: 1 recipient in 1 segment'],
    [2, 1, 'daily: 2 recipients in 1 segment'],
    [1200, 3, 'daily: 1,200 recipients in 3 segments'],
  ])('%i recipients, %i segments', (recipients, segments, expected) => {
    let out = '';
    const reporter = createSendReporter(
      { out: (t) => void (out += t), err: () => {}, isTTY: true },
      { json: false },
    );
    reporter.planned(list, plan(recipients, segments), 0, false);
    expect(out).toContain(expected);
  });
});
