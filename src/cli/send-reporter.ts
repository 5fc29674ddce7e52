import type { ListConfig } from '../config/config-schema.ts';
import type { WorkerShare } from '../inbound/worker-shares.ts';
import { totalOf } from '../inbound/worker-shares.ts';
import type { DeliveryEvent } from '../send/deliver.ts';
import type { PlanResult } from '../send/plan-send.ts';
import type { SendSummary } from '../send/run-send.ts';
import type { Output } from './output.ts';
import { plural } from './plural.ts';

/** How `send` talks to the operator: a progress bar on a terminal, JSON lines for logs and cron. */
export interface SendReporter {
  planned(list: ListConfig, plan: PlanResult, open: number, dryRun: boolean): void;
  event(list: ListConfig, event: DeliveryEvent): void;
  /** `workers`: every run's share of the lists sent (this one's `owner` among them), if known. */
  summary(summary: SendSummary, workers?: readonly WorkerShare[]): void;
}

const PROGRESS_EVERY_MS = 5_000;

export function createSendReporter(output: Output, options: { json?: boolean } = {}): SendReporter {
  const json = options.json ?? !output.isTTY;
  const line = (record: Record<string, unknown>) =>
    output.out(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
  let total = 0;
  let done = 0;
  // One clock for the whole send: rate and ETA count every list, not only the latest.
  const started = performance.now();
  let lastDraw = 0;

  const progress = (force = false) => {
    const now = performance.now();
    if (!force && now - lastDraw < (json ? PROGRESS_EVERY_MS : 100)) return;
    lastDraw = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    if (json) {
      line({ type: 'progress', done, total, rate: round(rate) });
      return;
    }
    const width = 30;
    const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
    output.out(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${round(rate)} msg/s  ETA ${Math.ceil(eta)}s `,
    );
  };

  return {
    planned(list, plan, open, dryRun) {
      total += open;
      if (json) {
        line({ type: 'plan', list: list.id, ...plan, open, dryRun });
        return;
      }
      output.out(
        `${list.id}: ${plural(plan.recipients, 'recipient')} in ${plural(plan.segments.length, 'segment')}` +
          (plan.added > 0 ? `, ${plan.added} newly planned` : '') +
          `, ${open} to send` +
          (plan.emptySegment > 0 ? `; ${plan.emptySegment} left out (nothing in their topics today)` : '') +
          (plan.noAdConsent > 0 ? `; ${plan.noAdConsent} left out (advertising, no ad consent)` : '') +
          '\n',
      );
      if (dryRun) {
        for (const segment of plan.segments) {
          output.out(
            `  ${segment.key.padEnd(28)} ${String(segment.recipients).padStart(7)} recipients  ${segment.items} items  ` +
              `${((segment.htmlBytes ?? 0) / 1024).toFixed(1)} KB  ${segment.subject ?? ''}\n`,
          );
        }
      }
    },
    event(list, event) {
      if (event.type === 'sent') {
        done++;
        progress();
        return;
      }
      if (event.type === 'failed' || event.type === 'skipped') done++;
      if (json) {
        line({ list: list.id, ...withoutAddress(event) });
      } else if (event.type === 'paused') {
        output.err(`\npaused: ${event.reason}\n`);
      } else if (event.type === 'fatal') {
        output.err(`\nstopping: ${event.message}\n`);
      } else if (event.type === 'throttled') {
        const seconds = Math.max(0, Math.ceil((event.untilMs - Date.now()) / 1000));
        output.err(`\nSMTP server trouble (${event.response}): every worker waits ${seconds}s\n`);
      } else if (event.type === 'lost') {
        output.err(
          `\nlease lost for subscriber ${event.subscriberId}: its result (${event.outcome}) was not recorded\n`,
        );
      } else if (event.type === 'failed' || event.type === 'deferred') {
        output.err(
          `\n${event.type} subscriber ${event.subscriberId}: ${redact(event.response, event.email)}\n`,
        );
      }
      progress();
    },
    summary(summary, workers = []) {
      if (!json && total > 0 && !summary.dryRun) {
        progress(true);
        output.out('\n');
      }
      // The process's peak memory: what an operator sizes a container or a cron host by.
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      // And the CPU it used (start-up, planning and rendering included), to size workers by.
      const cpu = process.cpuUsage();
      const cpuSeconds = Math.round((cpu.user + cpu.system) / 1000) / 1000;
      const byList = [...new Set(workers.map((share) => share.listId))].map((listId) => {
        const shares = workers.filter((share) => share.listId === listId);
        const mine = shares.find((share) => share.owner === summary.owner);
        return { listId, shares, mine, total: totalOf(shares) };
      });
      if (json) {
        line({
          type: 'summary',
          ...summary,
          lists: summary.lists.map(({ plan: _plan, ...rest }) => rest),
          peakRssMb,
          cpuSeconds,
          workers: byList.map(({ listId, shares, total }) => ({
            listId,
            ...total,
            firstSentAt: iso(total.firstSentAt),
            lastSentAt: iso(total.lastSentAt),
            shares: shares.map(({ edition: _edition, listId: _list, ...share }) => ({
              ...share,
              firstSentAt: iso(share.firstSentAt),
              lastSentAt: iso(share.lastSentAt),
              self: share.owner === summary.owner,
            })),
          })),
        });
        return;
      }
      output.out(
        `${summary.dryRun ? 'dry run, nothing sent: ' : ''}sent ${summary.sent}, deferred ${summary.deferred}, ` +
          `failed ${summary.failed}, skipped ${summary.skipped}` +
          (summary.pending > 0 ? `, ${summary.pending} not yet sent` : '') +
          (summary.claimed > 0 ? `, ${summary.claimed} claimed by another worker` : '') +
          ` in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
          `(${summary.rate} msg/s, peak memory ${peakRssMb} MB, CPU ${cpuSeconds.toFixed(1)} s)\n`,
      );
      // Several workers on one database: this one's share, and all of them together so far.
      for (const { listId, shares, mine, total } of byList) {
        if (shares.length < 2) continue;
        const share = mine === undefined ? 0 : mine.messages;
        output.out(
          `${listId}: this worker (${mine?.worker ?? summary.owner.split(':')[0]}) sent ${plural(share, 'message')} of ` +
            `${total.messages.toLocaleString('en')} (${((share / Math.max(1, total.messages)) * 100).toFixed(1)} %` +
            `${mine === undefined ? '' : `, ${mine.rate} msg/s`}); ${plural(total.workers, 'worker run')} so far: ` +
            `${total.rate} msg/s from the first message to the last (gazette report lists them)\n`,
        );
      }
    },
  };
}

/**
 * A log line names a recipient by subscriber id only: logs are copied, shipped and kept, and
 * `subscribers remove --forget` cannot reach them. Servers often quote the address in their
 * reply (`550 5.1.1 <kim@example.com>: no such user`): it is masked there too.
 */
function withoutAddress(event: DeliveryEvent): Record<string, unknown> {
  if (!('email' in event)) return event;
  const { email, ...rest } = event;
  return 'response' in rest ? { ...rest, response: redact(rest.response, email) } : rest;
}

function redact(text: string, email: string): string {
  if (email === '') return text;
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), '(recipient)');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
