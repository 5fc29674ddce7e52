import type { Command } from 'commander';
import { findLocaleMismatches } from '../../../subscribers/find-locale-mismatches.ts';
import type { Output } from '../../output.ts';
import { plural } from '../../plural.ts';
import { withStore } from './with-store.ts';

export function registerSubscribersCheck(
  group: Command,
  output: Output,
  setExitCode: (code: number) => void,
): void {
  group
    .command('check')
    .description(
      'report active subscribers whose locale their list does not offer (config lists[].locales); exit 1 if any',
    )
    .option('--json', 'a JSON array of { list, locale, offered, count }')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command, async (store, config) => {
        const mismatches = await findLocaleMismatches(store, config.lists);
        if (options.json) output.out(`${JSON.stringify(mismatches)}\n`);
        else if (mismatches.length === 0)
          output.out('Every active subscriber has a locale their list offers.\n');
        for (const m of options.json ? [] : mismatches) {
          output.out(
            `list ${m.list}: ${plural(m.count, 'active subscriber')} with locale ${m.locale}, which the list does not offer (it offers ${m.offered.join(', ')}). ` +
              `Add ${m.locale} to the list's locales in the config, or re-import them with a locale it offers (import updates existing subscribers).\n`,
          );
        }
        setExitCode(mismatches.length > 0 ? 1 : 0);
      });
    });
}
