import { GazetteError } from '../../errors.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { plural } from '../plural.ts';
import { openRuntime } from '../open-runtime.ts';
import type { Runtime } from '../open-runtime.ts';

/**
 * `gazette editions [--list L] [--json]`: the sent editions, newest first, with their numbers,
 * items and what the ledger says of their recipients. `gazette editions show LIST NUMBER`: one
 * edition's items with the files they came from.
 */
export const registerEditions: RegisterCommand = (program, output) => {
  const group = program
    .command('editions')
    .description('list the sent editions (number, date, items, recipients, sent, failed)')
    .option('--list <id>', 'only this list')
    .option('--json', 'one JSON object per line')
    .action(async (flags: { list?: string; json?: boolean }, command) => {
      const config = await loadCliConfig(command);
      if (flags.list !== undefined) knownList(config.lists, flags.list);
      await withRuntime(config, async (runtime) => {
        const editions = await runtime.editions.summaries({ listId: flags.list });
        if (!flags.json) {
          if (editions.length === 0) output.out('No edition has been sent yet.\n');
          else output.out('list\tno.\tdate\titems\trecipients\tsent\tfailed\tfrozen at\n');
        }
        for (const edition of editions) {
          const counts = await runtime.ledger.counts({ edition: edition.date, listId: edition.listId });
          const recipients = Object.values(counts).reduce((sum, n) => sum + n, 0);
          const row = {
            list: edition.listId,
            number: edition.number,
            date: edition.date,
            cadence: edition.cadence,
            items: edition.items,
            recipients,
            sent: counts.sent,
            failed: counts.failed,
            deferred: counts.deferred,
            pending: counts.pending + counts.claimed,
            frozenAt: new Date(edition.frozenAt).toISOString(),
          };
          output.out(
            flags.json
              ? `${JSON.stringify(row)}\n`
              : `${row.list}\t${row.number}\t${row.date}\t${row.items}\t${recipients}\t${row.sent}\t${row.failed}\t${row.frozenAt}\n`,
          );
        }
      });
    });
  group
    .command('show <list> <number>')
    .description("one sent edition's items, with the content files they came from")
    .option('--json', 'the edition as JSON')
    .action(async (listId: string, numberText: string, flags: { json?: boolean }, command) => {
      const config = await loadCliConfig(command);
      knownList(config.lists, listId);
      const number = parseNumber(numberText);
      await withRuntime(config, async (runtime) => {
        const edition = await runtime.editions.byNumber(listId, number);
        if (edition === undefined) {
          throw new GazetteError(
            'USAGE',
            `List "${listId}" has no edition No. ${number}; gazette editions --list ${listId} lists them.`,
            { field: 'number' },
          );
        }
        if (flags.json) {
          output.out(`${JSON.stringify(edition)}\n`);
          return;
        }
        output.out(
          `${listId} No. ${edition.number} · ${edition.date} · frozen ${new Date(edition.frozenAt).toISOString()} · ${plural(edition.items.length, 'item')}\n`,
        );
        for (const item of edition.items) {
          const mark = edition.marks[item.id];
          const note = mark?.correction ? ' [correction]' : mark?.late ? ` [late, from ${mark.late}]` : '';
          output.out(`${item.id}\t${item.file}\t${item.title.ko ?? item.title.en ?? ''}${note}\n`);
        }
      });
    });
};

async function withRuntime(
  config: Parameters<typeof openRuntime>[0],
  work: (runtime: Runtime) => Promise<void>,
): Promise<void> {
  const runtime = await openRuntime(config);
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

function knownList(lists: readonly { id: string }[], id: string): void {
  if (lists.some((list) => list.id === id)) return;
  throw new GazetteError(
    'USAGE',
    `Unknown list "${id}". Configured lists: ${lists.map((list) => list.id).join(', ')}.`,
    { field: 'list' },
  );
}

function parseNumber(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new GazetteError('USAGE', `"${value}" is not an edition number: use one such as 12.`, {
      field: 'number',
    });
  }
  return Number(value);
}
