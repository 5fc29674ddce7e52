import type { Command } from 'commander';
import type { Output } from '../../output.ts';
import { everyone } from './export.ts';
import { parseStatus } from './parse-choice-options.ts';
import { withStore } from './with-store.ts';

export function registerList(group: Command, output: Output): void {
  group
    .command('list')
    .description('list subscribers: email, status, locale, lists, categories')
    .option('--status <status>', 'only this status (pending, active, unsubscribed, bounced, complained)')
    .action(async (options: { status?: string }, command: Command) => {
      const status = parseStatus(options.status);
      await withStore(command, async (store) => {
        for await (const s of everyone(store, status)) {
          output.out(
            `${s.email}\t${s.status}\t${s.locale}\t${s.lists.join(',')}\t${s.categories.join(',') || '(all)'}\n`,
          );
        }
      });
    });
}
