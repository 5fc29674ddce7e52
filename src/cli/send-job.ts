import type { Config } from '../config/config.ts';
import { isStrongSecret, MIN_SECRET_LENGTH } from '../config/require-secret.ts';
import { formatProblem } from '../content/format-problem.ts';
import { loadItems } from '../content/load-items.ts';
import { buildEditions } from '../edition/build-editions.ts';
import { isDue } from '../edition/is-due.ts';
import { today } from '../edition/local-date.ts';
import { createEditionResolver } from '../editions/create-edition-resolver.ts';
import { formatLeftOut } from '../editions/format-left-out.ts';
import { GazetteError } from '../errors.ts';
import { createMailer } from '../mail/create-mailer.ts';
import { createDigestRenderer } from '../send/create-digest-renderer.ts';
import { runSend } from '../send/run-send.ts';
import type { SendSummary } from '../send/run-send.ts';
import { listUnsubscribeMailto } from '../subscribers/list-unsubscribe-mailto.ts';
import type { Release } from '../send/plan-send.ts';
import type { ListConfig } from '../config/config-schema.ts';
import { manageToken } from '../subscribers/tokens.ts';
import { findLocaleMismatches } from '../subscribers/find-locale-mismatches.ts';
import { workerShares } from '../inbound/worker-shares.ts';
import { openRuntime } from './open-runtime.ts';
import { plural } from './plural.ts';
import type { Output } from './output.ts';
import { createSendReporter } from './send-reporter.ts';

export interface SendJobOptions {
  /** Edition date; default today in the newsletter's time zone (or the newest with `latest`). */
  date?: string;
  /** Send the newest edition in the content instead of today's (the demo). */
  latest?: boolean;
  lists?: string[];
  dryRun?: boolean;
  signal?: AbortSignal;
  /** JSON log lines (default: when stdout is not a terminal). */
  json?: boolean;
  /**
   * The clock (`--now`): today's date, the readers' hours (`deliverAt`) and what is released.
   * Leases and retry waits keep real time (they measure how long a worker has been silent).
   */
  now?: () => number;
  /** Only the lists with `deliverAt` (of `lists`, or all): the schedule's wakes at a reader's hour. */
  timedOnly?: boolean;
  /** This worker's name in the ledger and the reports (`--worker-name`); default the host name. */
  workerName?: string;
}

/** Exit codes: 0 all sent, 2 some deferred, failed or not sent yet (all recorded), 1 fatal or paused. */
export const SEND_EXIT = { ok: 0, fatal: 1, incomplete: 2 } as const;

/**
 * The composition root of a send: config → content, database (migrated), store, mailer,
 * renderer → runSend → report. Shared by `send`, `schedule` and `demo`.
 */
export async function runSendJob(config: Config, options: SendJobOptions, output: Output): Promise<number> {
  const secret = config.secret;
  if (!options.dryRun && !isStrongSecret(secret)) {
    throw new GazetteError(
      'SECRET_MISSING',
      `GAZETTE_SECRET is unset or shorter than ${MIN_SECRET_LENGTH} characters; it signs every unsubscribe link. Set it (for example \`openssl rand -base64 48\`) and run again.`,
      { field: 'GAZETTE_SECRET' },
    );
  }
  const { items, problems } = await loadItems(config.contentDir);
  const bad = problems.filter((p) => p.severity === 'error');
  for (const problem of bad) output.err(`${formatProblem(problem)}\n`);
  if (bad.length > 0)
    output.err(`${plural(bad.length, 'content problem')}: those files are left out; run gazette check\n`);
  const date = options.latest
    ? buildEditions(items, { timeZone: config.timeZone, categories: config.categories })[0]?.date
    : (options.date ?? today(config.timeZone, new Date((options.now ?? Date.now)())));
  if (date === undefined) {
    output.out(`No items in ${config.contentDir}: nothing to send.\n`);
    return SEND_EXIT.ok;
  }
  const runtime = await openRuntime(config);
  let mailer: ReturnType<typeof createMailer>;
  try {
    mailer = createMailer(config, date);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  try {
    const adopted = await runtime.adoptLedgerEditions(config, async () => items);
    if (adopted > 0)
      output.err(`Recorded ${plural(adopted, 'edition')} sent before editions were kept as records.\n`);
    if (!options.dryRun) {
      await mailer.verify();
      output.err(
        mailer.kind === 'outbox'
          ? `SMTP_URL is unset: writing .eml files to ${mailer.destination}\n`
          : `Sending through ${mailer.destination}\n`,
      );
    }
    const reporter = createSendReporter(output, { json: options.json });
    const named = options.timedOnly
      ? (options.lists ?? config.lists.map((list) => list.id)).filter(
          (id) => config.lists.find((list) => list.id === id)?.deliverAt !== undefined,
        )
      : options.lists;
    const due = dueLists(config, date, options.timedOnly ? undefined : named).filter(
      (id) => named === undefined || named.includes(id),
    );
    // A deliverAt list off its day still sends its earlier edition's held rows (readers to the west).
    const releaseOnly = config.lists
      .filter((list) => list.deliverAt !== undefined && !due.includes(list.id))
      .filter((list) => named === undefined || named.includes(list.id))
      .map((list) => list.id);
    const lists = [...due, ...releaseOnly];
    if (lists.length === 0) {
      output.out(`No list is due on ${date} (weekly lists go out on their day): nothing to send.\n`);
      return SEND_EXIT.ok;
    }
    const editions = createEditionResolver(runtime.editions, {
      config,
      items,
      date,
      freeze: options.dryRun !== true,
    });
    const earlier = new Map<string, ReturnType<typeof createEditionResolver>>();
    const earlierEdition = (list: ListConfig, when: string) => {
      // Planned before, so frozen: the record is read back, never made again.
      let resolver = earlier.get(when);
      if (resolver === undefined) {
        resolver = createEditionResolver(runtime.editions, { config, items, date: when, freeze: false });
        earlier.set(when, resolver);
      }
      return resolver.editionFor(list);
    };
    const summary = await runSend(
      {
        ledger: runtime.ledger,
        source: runtime.store,
        mailer,
        renderer: createDigestRenderer(config),
        tokenFor: (subscriber) => manageToken(secret ?? '', subscriber),
        mailtoFor: (subscriber, listId) => listUnsubscribeMailto(config, subscriber, listId),
      },
      {
        config,
        editionFor: editions.editionFor,
        earlierEdition,
        date,
        now: options.now,
        lists,
        releaseOnly,
        dryRun: options.dryRun,
        signal: options.signal,
        workerName: options.workerName,
        onPlanned: (list, plan, open) => {
          reporter.planned(list, plan, open, options.dryRun === true);
          if (options.dryRun && !(options.json ?? !output.isTTY) && plan.releases !== undefined)
            output.out(formatReleases(list, plan.releases));
        },
        onEvent: (list, event) => reporter.event(list, event),
      },
    );
    // What preview shows must be all that goes out: subscriptions in a locale their list no
    // longer offers are named (they are mailed that locale until fixed).
    for (const m of await findLocaleMismatches(runtime.store, config.lists)) {
      output.err(
        `list ${m.list}: ${plural(m.count, 'active subscriber')} with locale ${m.locale}, which the list does not offer ` +
          `(it offers ${m.offered.join(', ')}); gazette subscribers check lists them.\n`,
      );
    }
    for (const list of summary.lists) {
      const { plan } = list;
      if (plan.recipients === 0 && plan.emptySegment === 0 && plan.noAdConsent === 0) {
        output.err(`list ${list.listId}: no active subscriber, so nobody gets this edition.\n`);
      }
    }
    for (const [listId, resolved] of editions.resolved) {
      // A real send names what it leaves behind for good (too old) or for later (over the cap);
      // a dry run also what changed after it was sent (check reports that too).
      const shown = options.dryRun
        ? resolved.leftOut
        : resolved.leftOut.filter((left) => left.reason !== 'changed-after-sent');
      const lines = formatLeftOut(listId, shown);
      for (const line of lines.slice(0, 20)) output.err(`${line}\n`);
      if (lines.length > 20) output.err(`…and ${lines.length - 20} more: gazette check lists them all.\n`);
      if (resolved.frozen && options.dryRun) {
        output.err(
          `${listId}: No. ${resolved.edition.number} of ${date} is already frozen: a send resumes it as it is.\n`,
        );
      }
    }
    for (const { listId, at } of summary.makesAt) {
      output.out(
        `list ${listId}: the edition of ${date} is made at ${new Date(at).toISOString()} (its deliverAt in ${config.timeZone}); ` +
          'nothing of it is planned before then.\n',
      );
    }
    if (summary.superseded > 0) {
      output.err(
        `${plural(summary.superseded, 'older copy', 'older copies')} not sent: ${summary.superseded === 1 ? 'its reader' : 'their readers'} ` +
          'got a newer edition first (recorded as skipped, superseded).\n',
      );
    }
    if (!summary.hasEdition && summary.notPlanned.length === 0 && summary.lists.length === 0) {
      if (summary.makesAt.length > 0) return SEND_EXIT.ok;
      output.out(`No items for ${date} in ${config.contentDir} (nor late ones): nothing to send.\n`);
      return SEND_EXIT.ok;
    }
    // Each worker's share of what it sent (other workers on the same database, and earlier runs).
    const shares = summary.dryRun
      ? []
      : (await workerShares(runtime.database.db, { edition: date })).filter((share) =>
          summary.lists.some((list) => list.listId === share.listId),
        );
    reporter.summary(summary, shares);
    return explain(summary, output, mailer.kind === 'outbox' ? mailer.destination : undefined);
  } finally {
    await mailer.close();
    await runtime.close();
  }
}

/**
 * The lists to send on `date`: those named (a weekly list named off its day is refused, so a
 * typo never sends a week's edition on a Tuesday), or every list that is due.
 */
function dueLists(config: Config, date: string, wanted: string[] | undefined) {
  if (wanted === undefined || wanted.length === 0)
    return config.lists.filter((list) => isDue(list, date)).map((list) => list.id);
  for (const id of wanted) {
    const list = config.lists.find((candidate) => candidate.id === id);
    if (list !== undefined && !isDue(list, date) && list.cadence?.every === 'week') {
      throw new GazetteError(
        'USAGE',
        `List "${id}" is weekly and goes out on ${list.cadence.on}; ${date} is not one. Pick its day with --date.`,
        { field: 'list' },
      );
    }
  }
  return wanted;
}

function explain(summary: SendSummary, output: Output, outbox: string | undefined): number {
  if (summary.fatal !== undefined) {
    output.err(
      `The send stopped (${summary.fatal.code}): ${sentence(summary.fatal.message)} No recipient was marked failed; ` +
        'fix the cause and run the same command again to send the rest.\n',
    );
    return SEND_EXIT.fatal;
  }
  if (summary.paused !== undefined) {
    output.err(
      `The send is paused: the SMTP server refused a message for policy reasons (${summary.paused}). ` +
        'Check SPF/DKIM/DMARC and the content with your provider, then run the same command again to resume.\n',
    );
    return SEND_EXIT.fatal;
  }
  let code: number = SEND_EXIT.ok;
  if (summary.lost > 0) {
    output.err(
      `${plural(summary.lost, 'result')} ${summary.lost === 1 ? 'was' : 'were'} not recorded: this run held those rows past their lease (was the ` +
        'machine suspended?) and another worker took them; those readers may get the edition twice.\n',
    );
  }
  if (summary.notPlanned.length > 0) {
    output.err(
      `Stopped before planning ${summary.notPlanned.join(', ')}: nothing was sent to those lists; ` +
        'run the same command again to send them.\n',
    );
    code = SEND_EXIT.incomplete;
  }
  if (summary.claimed > 0) {
    const until = summary.claimedUntil ?? Date.now();
    const minutes = Math.ceil((until - Date.now()) / 60_000);
    output.err(
      minutes > 0
        ? `${plural(summary.claimed, 'message')} ${summary.claimed === 1 ? 'is' : 'are'} claimed by another send until ${new Date(until).toISOString()} ` +
            `(about ${minutes} min): if it is still running, it sends them; if it died, run the same ` +
            'command again after then to send them.\n'
        : `${plural(summary.claimed, 'message')} ${summary.claimed === 1 ? 'is' : 'are'} claimed by another send whose lease has ended: if it is ` +
            'not running any more, run the same command again to send them.\n',
    );
    code = SEND_EXIT.incomplete;
  }
  if (summary.held > 0 && summary.nextRelease !== undefined) {
    output.err(
      `${plural(summary.held, 'message')} ${summary.held === 1 ? 'waits' : 'wait'} for ${summary.held === 1 ? 'its' : 'their'} reader's hour (deliverAt); ` +
        `the next is released at ${new Date(summary.nextRelease).toISOString()}: a run then sends ${summary.held === 1 ? 'it' : 'them'}.\n`,
    );
  }
  if (summary.failed > 0 || summary.deferred > 0 || summary.pending > 0) {
    output.err(
      `${summary.failed} failed (recorded, not retried), ${summary.deferred} deferred and ` +
        `${summary.pending} not yet sent: run the same command again to send what is left.\n`,
    );
    code = SEND_EXIT.incomplete;
  }
  if (code === SEND_EXIT.ok && outbox !== undefined && summary.sent > 0)
    output.err(`Messages are in ${outbox}\n`);
  return code;
}

/** `send --dry-run` of a `deliverAt` list: how many copies go out at each hour, and in which zones. */
function formatReleases(list: ListConfig, releases: Release[]): string {
  const lines = releases.map(
    (release) =>
      `  ${new Date(release.at).toISOString().replace(':00.000Z', 'Z')}  ${plural(release.recipients, 'copy', 'copies').padStart(14)}  ` +
      `${list.deliverAt ?? ''} in ${release.timeZones.slice(0, 5).join(', ')}` +
      (release.timeZones.length > 5 ? ` and ${release.timeZones.length - 5} more` : '') +
      '\n',
  );
  return `${list.id}: released per hour (deliverAt ${list.deliverAt ?? ''}):\n${lines.join('')}`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
