import { InvalidArgumentError } from 'commander';
import { isMatch } from 'date-fns';
import { openGazetteDatabase } from '../open-gazette-database.ts';
import { createEditionStore } from '../../editions/edition-store.ts';
import type { EditionStore } from '../../editions/edition-store.ts';
import { GazetteError } from '../../errors.ts';
import { buildReport, percent } from '../../inbound/build-report.ts';
import type { EditionReport } from '../../inbound/build-report.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';

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
      const database = await openGazetteDatabase(config);
      try {
        const edition =
          flags.edition === undefined
            ? flags.date
            : await editionDate(createEditionStore(database.db), config.lists, flags.list, flags.edition);
        const reports = await buildReport(database.db, { listId: flags.list, edition });
        output.out(flags.json === true ? `${JSON.stringify(reports, null, 2)}\n` : table(reports));
      } finally {
        await database.close();
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
  return text;
}
