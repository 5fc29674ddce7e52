import { InvalidArgumentError } from 'commander';
import { isMatch } from 'date-fns';
import { openRuntime } from '../open-runtime.ts';
import type { EditionStore } from '../../editions/edition-store.ts';
import { GazetteError } from '../../errors.ts';
import { buildReport, percent } from '../../inbound/build-report.ts';
import type { EditionReport } from '../../inbound/build-report.ts';
import type { RegisterCommand } from '../command.ts';
import { totalOf } from '../../inbound/worker-shares.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { plural } from '../plural.ts';

interface ReportFlags {
  list?: string;
  date?: string;
  edition?: string;
  json?: boolean;
}

/** `gazette report`: per edition, what was sent and what came back (issue 13). */
export const registerReport: RegisterCommand = (program, output) => {
  program
    .command('report')
    .description('per edition: planned, sent, deferred, failed, bounces, complaints, unsubscribes, rates')
    .option('--list <id>', 'only this list')
    .option('--date <YYYY-MM-DD>', 'only the edition of this date', parseDate)
    .option('--edition <number>', 'only the edition with this number')
    .option('--json', 'print JSON for scripts')
    .action(async (flags: ReportFlags, command) => {
      if (flags.date !== undefined && flags.edition !== undefined) {
        throw new GazetteError('USAGE', 'Give --date or --edition, not both.', { field: 'edition' });
      }
      const config = await loadCliConfig(command);
      if (flags.list !== undefined && !config.lists.some((l) => l.id === flags.list)) {
        throw new GazetteError(
          'USAGE',
          `--list "${flags.list}" is not a list in the config: use one of ${config.lists.map((l) => l.id).join(', ')}.`,
          { field: 'list' },
        );
      }
      const runtime = await openRuntime(config);
      try {
        const edition =
          flags.edition === undefined
            ? flags.date
            : await editionDate(runtime.editions, config.lists, flags.list, flags.edition);
        const reports = await buildReport(runtime.database.db, { listId: flags.list, edition });
        output.out(flags.json === true ? `${JSON.stringify(reports, null, 2)}\n` : table(reports));
      } finally {
        await runtime.close();
      }
    });
};

/** The date of edition No. N of a list (the list named, or the only one configured). */
async function editionDate(
  store: EditionStore,
  lists: readonly { id: string }[],
  listId: string | undefined,
  numberText: string,
): Promise<string> {
  const list = listId ?? (lists.length === 1 ? lists[0]?.id : undefined);
  if (list === undefined) {
    throw new GazetteError('USAGE', '--edition N names a number per list: add --list ID.', { field: 'list' });
  }
  const number = /^[1-9]\d{0,8}$/.test(numberText) ? Number(numberText) : undefined;
  const edition = number === undefined ? undefined : await store.byNumber(list, number);
  if (edition === undefined) {
    throw new GazetteError(
      'USAGE',
      `--edition ${numberText}: list "${list}" has no such edition; gazette editions --list ${list} lists them.`,
      { field: 'edition' },
    );
  }
  return edition.date;
}

function parseDate(value: string): string {
  if (!isMatch(value, 'yyyy-MM-dd')) throw new InvalidArgumentError('use a date such as 2026-12-01.');
  return value;
}

function table(reports: EditionReport[]): string {
  if (reports.length === 0) return 'gazette report: no editions sent yet\n';
  const head = [
    'edition',
    'list',
    'planned',
    'sent',
    'deferred',
    'failed',
    'hard',
    'soft',
    'complaints',
    'unsub (web/1-click/mail)',
    'hard %',
    'complaint %',
  ];
  const rows = reports.map((r) => [
    r.edition,
    r.listId,
    String(r.planned),
    String(r.sent),
    String(r.deferred),
    String(r.failed),
    String(r.hardBounces),
    String(r.softBounces),
    String(r.complaints),
    `${r.unsubscribes.web}/${r.unsubscribes.oneClick}/${r.unsubscribes.mail}${r.unsubscribes.other > 0 ? ` +${r.unsubscribes.other}` : ''}`,
    percent(r.hardBounceRate),
    percent(r.complaintRate),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}\n`;
  let text = line(head) + rows.map(line).join('');
  for (const r of reports)
    for (const warning of r.warnings) text += `warning: ${r.edition} ${r.listId}: ${warning}\n`;
  for (const r of reports) text += workersTable(r);
  return text;
}

/**
 * Who sent an edition: one row per run of a worker (`--worker-name`, or the host; its pid), its
 * messages, share, first and last accepted message and rate, then all of them together.
 */
function workersTable(report: EditionReport): string {
  if (report.workers.length === 0) return '';
  const total = totalOf(report.workers);
  const time = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const head = ['worker', 'pid', 'messages', 'share', 'first sent', 'last sent', 'msg/s'];
  const rows = report.workers.map((w) => [
    w.worker,
    String(w.pid),
    count(w.messages),
    `${((w.messages / Math.max(1, total.messages)) * 100).toFixed(1)} %`,
    time(w.firstSentAt),
    time(w.lastSentAt),
    w.rate.toFixed(1),
  ]);
  rows.push([
    `all (${plural(total.workers, 'worker')})`,
    '',
    count(total.messages),
    '100.0 %',
    time(total.firstSentAt),
    time(total.lastSentAt),
    total.rate.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  return `\nsent by, ${report.edition} ${report.listId}:\n${line(head)}${rows.map(line).join('')}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
