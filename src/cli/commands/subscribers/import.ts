import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { GazetteError } from '../../../errors.ts';
import { importCsv } from '../../../subscribers/import-csv.ts';
import type { Output } from '../../output.ts';
import { collect, parseLists } from './parse-choice-options.ts';
import { confirmationSender } from './send-confirmation-for.ts';
import { withStore } from './with-store.ts';

export function registerImport(group: Command, output: Output, setExitCode: (code: number) => void): void {
  group
    .command('import')
    .description(
      'import subscribers from a CSV file (header: email,name,locale,categories; categories split by ";")',
    )
    .argument('<file>', 'CSV file')
    .option('--confirmed', 'consent already given elsewhere: new subscribers start active, no mail is sent')
    .option('--list <id>', 'list new subscribers join (repeatable; default: the first list)', collect)
    .action(async (file: string, options: { confirmed?: boolean; list?: string[] }, command: Command) => {
      const resolved = path.resolve(file);
      if (!existsSync(resolved)) {
        throw new GazetteError('USAGE', `CSV file ${file} does not exist.`, { file });
      }
      await withStore(command, async (store, config) => {
        const confirmed = options.confirmed === true;
        const sender = confirmed ? undefined : confirmationSender(config, store);
        try {
          const summary = await importCsv(store, createReadStream(resolved), {
            config,
            confirmed,
            lists: parseLists(options.list, config),
            onOutcome: async (row, outcome) => {
              if (sender === undefined || (outcome !== 'created' && outcome !== 'renewed')) return;
              const subscriber = await store.findByEmail(row.email);
              if (subscriber?.status === 'pending') await sender.send(subscriber);
            },
          });
          for (const problem of summary.problems)
            output.err(`${file}:${problem.line}: skipped: ${problem.message}\n`);
          if (summary.invalid > summary.problems.length) {
            output.err(`… and ${summary.invalid - summary.problems.length} more bad rows.\n`);
          }
          const c = summary.counts;
          output.out(
            `${summary.rows} rows: ${c.created} added, ${c.merged} merged into existing, ${c.suppressed} suppressed (forgotten), ${summary.invalid} skipped as invalid.\n`,
          );
          if (sender !== undefined && sender.sent > 0)
            output.out(`${sender.sent} confirmation mails ${sender.destination}.\n`);
          setExitCode(summary.invalid > 0 ? 1 : 0);
        } finally {
          await sender?.close();
        }
      });
    });
}
