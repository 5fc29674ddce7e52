import type { Command } from 'commander';
import { SUBSCRIBER_STATUSES } from '../../../subscribers/subscriber.ts';
import type { Output } from '../../output.ts';
import { parseStatus } from './parse-choice-options.ts';
import { withStore } from './with-store.ts';

export function registerCount(group: Command, output: Output): void {
  group
    .command('count')
    .description('print the number of subscribers (optionally of one status)')
    .option('--status <status>', 'only this status')
    .option('--json', 'a JSON object: the total and the count of each status')
    .action(async (options: { status?: string; json?: boolean }, command: Command) => {
      const status = parseStatus(options.status);
      await withStore(command, async (store) => {
        if (!options.json) {
          output.out(`${await store.count(status)}\n`);
          return;
        }
        const statuses = status === undefined ? SUBSCRIBER_STATUSES : [status];
        const byStatus: Record<string, number> = {};
        for (const s of statuses) byStatus[s] = await store.count(s);
        output.out(`${JSON.stringify({ total: await store.count(status), byStatus })}\n`);
      });
    });
}
