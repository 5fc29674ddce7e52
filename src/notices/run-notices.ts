import { isGazetteError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { OutgoingMail } from '../mail/outgoing-mail.ts';
import { localDate } from './due-notice.ts';
import type { Notice, NoticeLedger } from './notice-ledger.ts';
import { noticeMessageId } from './notice-message-id.ts';
import type { NoticeReader, NoticeReaderSource } from './notice-reader-source.ts';
import { planNotices } from './plan-notices.ts';
import type { NoticePlan } from './plan-notices.ts';

/** What one notice tells (시행령 제62조의3②): the consent's date, and which period this is. */
export interface NoticeFacts {
  /** The day the reader consented, in the newsletter's time zone (`YYYY-MM-DD`). */
  consentedOn: string;
  period: number;
  /** The anniversary the notice is due before. */
  dueOn: string;
}

/** The notice mail for one reader, all but its recipient and Message-ID (the run sets those). */
export type ComposeNotice = (
  reader: NoticeReader,
  notice: NoticeFacts,
) => Promise<Omit<OutgoingMail, 'to' | 'messageId'>>;

export type NoticeEvent =
  | { type: 'sent'; subscriberId: string; period: number }
  | { type: 'deferred' | 'failed'; subscriberId: string; code: string; response: string }
  | { type: 'skipped'; subscriberId: string; reason: string }
  | { type: 'lost'; subscriberId: string };

export interface NoticeOptions {
  /** The clock (`--now`): which notices are due. Leases always run on the real clock. */
  now: Date;
  timeZone: string;
  /** Who holds the claims (`ownerTag`), unique per run. */
  owner: string;
  leaseMs: number;
  /** The domain of the deterministic Message-IDs (the From address's). */
  messageDomain: string;
  dryRun?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: NoticeEvent) => void;
}

export interface NoticeSummary {
  plan: NoticePlan;
  sent: number;
  deferred: number;
  failed: number;
  skipped: number;
  lost: number;
  /** Rows another run still holds, and when the last lease ends. */
  claimedElsewhere: number;
  /** Rows left open after the run (deferred until their retry time, or not reached): a later run sends them. */
  waiting: number;
  claimedUntil?: number;
  /** An error that would hit every notice alike: the run stopped, nobody was marked failed. */
  fatal?: { code: string; message: string };
  /** A 5.7.x reply: the run stopped for a person to look. */
  paused?: string;
  /** A stop signal came; the rest is left for the next run. */
  stopped: boolean;
}

const BATCH = 10;
/** Connection failures in a row, with no answer in between, after which the server is taken as down. */
const UNREACHABLE_AFTER = 3;
const RETRY_BASE_MS = 5 * 60_000;
const RETRY_MAX_MS = 6 * 3_600_000;

/**
 * The two-yearly consent notices of 정보통신망법 §50⑧ (시행령 제62조의3), with the send's
 * discipline: plan every due notice first, then claim a batch, re-check each reader, send,
 * record; each state change one statement. A SIGKILL at any moment loses nothing (the rows
 * another run finds open or, after their lease, claimed by the dead run); the only copy that
 * can go twice is the one the server had accepted when the process died, with the same
 * Message-ID. Notices go one at a time (they are few on any day).
 */
export async function runNotices(
  deps: { ledger: NoticeLedger; source: NoticeReaderSource; mailer: Mailer; compose: ComposeNotice },
  options: NoticeOptions,
): Promise<NoticeSummary> {
  const plan = await planNotices(deps, options);
  const summary: NoticeSummary = {
    plan,
    sent: 0,
    deferred: 0,
    failed: 0,
    skipped: 0,
    lost: 0,
    claimedElsewhere: 0,
    waiting: 0,
    stopped: false,
  };
  if (options.dryRun) return summary;
  const emit = (event: NoticeEvent) => {
    if (event.type !== 'lost') summary[event.type] += 1;
    else summary.lost += 1;
    options.onEvent?.(event);
  };
  const { ledger } = deps;
  const { owner } = options;
  let unanswered = 0;
  // Bounded: every claimed row is finished, skipped or given back before the next claim, and a
  // deferred row is not due again within the run (its retry waits at least RETRY_BASE_MS).
  for (;;) {
    if (options.signal?.aborted) {
      summary.stopped = true;
      break;
    }
    const batch = await ledger.claim({ owner, limit: BATCH, leaseMs: options.leaseMs });
    if (batch.length === 0) break;
    const current = new Map(
      (await deps.source.findByUids(batch.map((row) => row.subscriber_ref))).map((r) => [r.uid, r]),
    );
    const open: Notice[] = [];
    for (const row of batch) {
      const reader = current.get(row.subscriber_ref);
      const reason =
        reader === undefined
          ? 'erased'
          : reader.status !== 'active'
            ? reader.status
            : !reader.adConsent
              ? 'ad consent withdrawn'
              : undefined;
      if (reason === undefined) open.push(row);
      else {
        await ledger.skipped([row.id], owner, reason);
        emit({ type: 'skipped', subscriberId: row.subscriber_id, reason });
      }
    }
    let renewedAt = Date.now();
    for (const [index, row] of open.entries()) {
      const rest = open.slice(index).map((r) => r.id);
      if (options.signal?.aborted || summary.fatal !== undefined || summary.paused !== undefined) {
        await ledger.release(rest, owner);
        summary.stopped ||= options.signal?.aborted === true;
        break;
      }
      if (Date.now() - renewedAt > options.leaseMs / 3) {
        const kept = new Set(await ledger.renew(rest, owner, options.leaseMs));
        renewedAt = Date.now();
        if (!kept.has(row.id)) {
          emit({ type: 'lost', subscriberId: row.subscriber_id });
          continue;
        }
      }
      const reader = current.get(row.subscriber_ref) as NoticeReader;
      const outcome = await deliver(deps, options, row, reader, emit, summary);
      unanswered = outcome === 'unanswered' ? unanswered + 1 : 0;
      if (unanswered >= UNREACHABLE_AFTER) {
        summary.fatal = {
          code: 'SMTP_CONNECTION',
          message: `the SMTP server did not answer ${UNREACHABLE_AFTER} times in a row. Check SMTP_URL and that the server is up`,
        };
      }
    }
    if (summary.fatal !== undefined || summary.paused !== undefined) break;
  }
  const counts = await ledger.counts();
  summary.claimedElsewhere = counts.claimed;
  summary.waiting = counts.pending + counts.deferred;
  if (counts.claimed > 0) summary.claimedUntil = await ledger.claimedUntil();
  return summary;
}

/** Send one notice and record the server's verdict; 'unanswered' when no server answered. */
async function deliver(
  deps: { ledger: NoticeLedger; source: NoticeReaderSource; mailer: Mailer; compose: ComposeNotice },
  options: NoticeOptions,
  row: Notice,
  reader: NoticeReader,
  emit: (event: NoticeEvent) => void,
  summary: NoticeSummary,
): Promise<'answered' | 'unanswered'> {
  const { ledger } = deps;
  const { owner } = options;
  const id = row.subscriber_id;
  const mask = (text: string) => text.split(reader.email).join('<recipient>');
  try {
    const mail = await deps.compose(reader, {
      period: row.period,
      dueOn: row.due_on,
      consentedOn: localDate(new Date(row.consented_at), options.timeZone),
    });
    const info = await deps.mailer.send({
      ...mail,
      to: reader.email,
      messageId: noticeMessageId(row, options.messageDomain),
    });
    if (await ledger.sent(row.id, owner, { messageId: info.messageId, response: mask(info.response) }))
      emit({ type: 'sent', subscriberId: id, period: row.period });
    else emit({ type: 'lost', subscriberId: id });
    return 'answered';
  } catch (caught) {
    const code = isGazetteError(caught) ? caught.code : 'UNKNOWN';
    const response = mask(
      isGazetteError(caught) ? String(caught.context.smtpResponse ?? caught.message) : String(caught),
    );
    if (code === 'SMTP_PERMANENT') {
      if (!(await ledger.failed(row.id, owner, { code, response }))) emit({ type: 'lost', subscriberId: id });
      else {
        // 5.1.x: no such mailbox; the same rule as the send's (src/send/record-failure.ts).
        if (/\b5\.1\.\d+/.test(response)) await deps.source.markBounced(reader.id);
        emit({ type: 'failed', subscriberId: id, code, response });
      }
      return 'answered';
    }
    if (code === 'SMTP_TRANSIENT' || code === 'SMTP_CONNECTION' || code === 'SMTP_POLICY') {
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Number(row.attempts));
      const recorded = await ledger.deferred(row.id, owner, {
        nextAttemptAt: Date.now() + delay,
        code,
        response,
      });
      emit(
        recorded
          ? { type: 'deferred', subscriberId: id, code, response }
          : { type: 'lost', subscriberId: id },
      );
      if (code === 'SMTP_POLICY') summary.paused = response;
      return code === 'SMTP_CONNECTION' ? 'unanswered' : 'answered';
    }
    // Not a verdict on this reader (a header value refused, a login refused, a bug): it would
    // hit every notice alike. Give the row back untouched and stop.
    await ledger.release([row.id], owner);
    summary.fatal = {
      code,
      message: isGazetteError(caught) ? caught.message : String(caught),
    };
    return 'answered';
  }
}
