import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config.ts';
import { assertPublicUrlForMail } from '../config/assert-public-url-for-mail.ts';
import { requireSecret } from '../config/require-secret.ts';
import { createMailer } from '../mail/create-mailer.ts';
import { createNoticeLedger } from '../notices/notice-ledger.ts';
import { runNotices } from '../notices/run-notices.ts';
import type { ComposeNotice, NoticeSummary } from '../notices/run-notices.ts';
import { ownerTag } from '../send/owner-tag.ts';
import { adConsentPage } from '../subscribers/ad-consent-page.ts';
import { manageToken } from '../subscribers/tokens.ts';
import { renderConsentNotice } from '../transactional/render-consent-notice.ts';
import { openRuntime } from './open-runtime.ts';
import type { Output } from './output.ts';
import { plural } from './plural.ts';

export interface NoticesJobOptions {
  dryRun?: boolean;
  /** The clock for which notices are due (`--now`); default now. */
  now?: Date;
  signal?: AbortSignal;
}

/** Exit codes as `send`'s: 0 done, 2 something left for a later run (all recorded), 1 fatal or paused. */
export const NOTICES_EXIT = { ok: 0, fatal: 1, incomplete: 2 } as const;

/**
 * The composition root of `gazette notices` (and the daily run in `schedule`): database,
 * store, mailer and the notice template → runNotices → report.
 */
export async function runNoticesJob(
  config: Config,
  options: NoticesJobOptions,
  output: Output,
): Promise<number> {
  const secret = options.dryRun ? (config.secret ?? '') : requireSecret(config);
  if (!options.dryRun) assertPublicUrlForMail(config);
  const now = options.now ?? new Date();
  const runtime = await openRuntime(config);
  let mailer: ReturnType<typeof createMailer>;
  try {
    mailer = createMailer(config, 'notices');
  } catch (error) {
    await runtime.close();
    throw error;
  }
  try {
    if (!options.dryRun) await mailer.verify();
    const compose: ComposeNotice = async (reader, notice) => {
      const token = manageToken(secret, reader);
      const unsubscribeUrl = `${config.publicUrl}/unsubscribe/${token}`;
      const mail = await renderConsentNotice(config, {
        locale: reader.locale,
        name: reader.name,
        lists: reader.lists,
        consentedOn: notice.consentedOn,
        preferencesUrl: `${config.publicUrl}/preferences/${token}`,
        unsubscribeUrl,
      });
      return {
        from: { name: config.from.name, address: config.from.email },
        replyTo: config.replyTo,
        listUnsubscribe: { url: unsubscribeUrl, mailto: config.unsubscribeMailto },
        ...mail,
      };
    };
    const runId = randomBytes(6).toString('hex');
    const summary = await runNotices(
      {
        ledger: createNoticeLedger(runtime.database),
        source: {
          adConsentPage: (page) => adConsentPage(runtime.database.db, page),
          findByUids: (uids) => runtime.store.findByUids(uids),
          markBounced: (id) => runtime.store.markBounced(id),
        },
        mailer,
        compose,
      },
      {
        now,
        timeZone: config.timeZone,
        owner: ownerTag(runId),
        leaseMs: config.send.leaseSeconds * 1000,
        messageDomain: config.from.email.split('@').at(-1) ?? 'localhost',
        dryRun: options.dryRun,
        signal: options.signal,
        onEvent: (event) => {
          // Subscriber ids only: logs kept elsewhere hold no address (docs/sending.md, "Erasure").
          if (event.type === 'sent') return;
          const detail =
            'reason' in event ? event.reason : 'code' in event ? `${event.code} ${event.response}` : '';
          output.err(`notice to subscriber ${event.subscriberId}: ${event.type} ${detail}\n`);
        },
      },
    );
    return report(summary, output, {
      dryRun: options.dryRun === true,
      now,
      outbox: mailer.kind === 'outbox' ? mailer.destination : undefined,
    });
  } finally {
    await mailer.close();
    await runtime.close();
  }
}

function report(
  summary: NoticeSummary,
  output: Output,
  context: { dryRun: boolean; now: Date; outbox?: string },
): number {
  const { plan } = summary;
  const day = context.now.toISOString();
  if (context.dryRun) {
    const periods = Object.entries(plan.byPeriod)
      .map(([period, n]) => `${plural(n, 'reader')} for year ${Number(period) * 2}`)
      .join(', ');
    output.out(
      `Dry run at ${day}: ${plural(plan.due, 'consent notice')} due${periods === '' ? '' : ` (${periods})`}, ` +
        `${plan.sent} already sent, ${plan.due - plan.sent} would be sent. Nothing was sent or written.\n`,
    );
    return NOTICES_EXIT.ok;
  }
  output.out(
    `Consent notices at ${day}: ${plan.due} due, ${summary.sent} sent now, ${plan.sent} sent before, ` +
      `${summary.skipped} skipped, ${summary.deferred} deferred, ${summary.failed} failed.\n`,
  );
  if (summary.fatal !== undefined) {
    output.err(
      `The notices stopped (${summary.fatal.code}): ${summary.fatal.message}. Nobody was marked failed; fix the cause and run gazette notices again.\n`,
    );
    return NOTICES_EXIT.fatal;
  }
  if (summary.paused !== undefined) {
    output.err(
      `The notices are paused: the SMTP server refused one for policy reasons (${summary.paused}). Check SPF/DKIM/DMARC with your provider, then run gazette notices again.\n`,
    );
    return NOTICES_EXIT.fatal;
  }
  let code: number = NOTICES_EXIT.ok;
  if (summary.claimedElsewhere > 0) {
    const until = new Date(summary.claimedUntil ?? Date.now()).toISOString();
    output.err(
      `${plural(summary.claimedElsewhere, 'notice')} ${summary.claimedElsewhere === 1 ? 'is' : 'are'} claimed by another run until ${until}: ` +
        'if it died, run gazette notices again after then.\n',
    );
    code = NOTICES_EXIT.incomplete;
  }
  if (summary.waiting > 0 || summary.failed > 0 || summary.lost > 0 || summary.stopped) {
    output.err(
      `${summary.failed} failed (recorded, not retried) and ${plural(summary.waiting, 'notice')} not sent yet ` +
        '(deferred ones wait for their retry time): the next run of gazette notices sends what is left.\n',
    );
    code = NOTICES_EXIT.incomplete;
  }
  if (code === NOTICES_EXIT.ok && context.outbox !== undefined && summary.sent > 0)
    output.err(`Notices are in ${context.outbox}\n`);
  return code;
}
