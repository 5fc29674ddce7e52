import type { ListConfig } from '../config/config-schema.ts';
import type { DeliveryEvent } from '../send/deliver.ts';
import type { PlanResult } from '../send/plan-send.ts';
import type { SendSummary } from '../send/run-send.ts';
import type { Output } from './output.ts';
import { plural } from './plural.ts';

/** How `send` talks to the operator: a progress bar on a terminal, JSON lines for logs and cron. */
export interface SendReporter {
  planned(list: ListConfig, plan: PlanResult, open: number, dryRun: boolean): void;
  event(list: ListConfig, event: DeliveryEvent): void;
  summary(summary: SendSummary): void;
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
    summary(summary) {
      if (!json && total > 0 && !summary.dryRun) {
        progress(true);
        output.out('\n');
      }
      // The process's peak memory: what an operator sizes a container or a cron host by.
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      if (json) {
        line({
          type: 'summary',
          ...summary,
          lists: summary.lists.map(({ plan: _plan, ...rest }) => rest),
          peakRssMb,
        });
        return;
      }
      output.out(
        `${summary.dryRun ? 'dry run, nothing sent: ' : ''}sent ${summary.sent}, deferred ${summary.deferred}, ` +
          `failed ${summary.failed}, skipped ${summary.skipped}` +
          (summary.pending > 0 ? `, ${summary.pending} not yet sent` : '') +
          (summary.claimed > 0 ? `, ${summary.claimed} claimed by another worker` : '') +
          ` in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
          `(${summary.rate} msg/s, peak memory ${peakRssMb} MB)\n`,
      );
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

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
