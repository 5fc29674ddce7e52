import type { Command } from 'commander';
import type { Output } from '../../output.ts';
import { parseStatus } from './parse-choice-options.ts';
import { withStore } from './with-store.ts';

export function registerCount(group: Command, output: Output): void {
  group
    .command('count')
    .description('print the number of subscribers (optionally of one status)')
    .option('--status <status>', 'only this status')
    .action(async (options: { status?: string }, command: Command) => {
      const status = parseStatus(options.status);
      await withStore(command, async (store) => {
        output.out(`${await store.count(status)}\n`);
      });
    });
}
