import type { Command } from 'commander';
import type { Output } from '../../output.ts';
import { everyone } from './export.ts';
import { parseStatus } from './parse-choice-options.ts';
import { withStore } from './with-store.ts';

const HEADER = ['email', 'name', 'status', 'locale', 'lists', 'categories'];

export function registerList(group: Command, output: Output): void {
  group
    .command('list')
    .description(
      'list subscribers, one per line under a header: email, name, status, locale, lists, categories',
    )
    .option('--status <status>', 'only this status (pending, active, unsubscribed, bounced, complained)')
    .option('--json', 'one JSON object per line (for jq and scripts)')
    .action(async (options: { status?: string; json?: boolean }, command: Command) => {
      const status = parseStatus(options.status);
      await withStore(command, async (store) => {
        if (!options.json) output.out(`${HEADER.join('\t')}\n`);
        for await (const s of everyone(store, status)) {
          if (options.json) {
            const { email, name, status: state, locale, lists, categories, createdAt } = s;
            output.out(
              `${JSON.stringify({ email, name, status: state, locale, lists, categories, createdAt })}\n`,
            );
            continue;
          }
          // A name holds no tab or line break (findNameProblem), so the columns stay columns.
          output.out(
            `${s.email}\t${s.name ?? ''}\t${s.status}\t${s.locale}\t${s.lists.join(',')}\t${s.categories.join(',') || '(all)'}\n`,
          );
        }
      });
    });
}
