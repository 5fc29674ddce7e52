import type { Command } from 'commander';
import { createDatabase } from '../../../db/create-database.ts';
import { GazetteError } from '../../../errors.ts';
import { forgetRecipient } from '../../../send/forget-recipient.ts';
import { normalizeEmail } from '../../../subscribers/normalize-email.ts';
import type { Output } from '../../output.ts';
import { withStore } from './with-store.ts';

export function registerRemove(group: Command, output: Output): void {
  group
    .command('remove')
    .description(
      'unsubscribe an address; with --forget erase its personal data, keeping only a hash so it is never mailed again',
    )
    .argument('<email>', 'email address')
    .option('--forget', 'erase the subscriber and consent records (GDPR Art. 17)')
    .action(async (email: string, options: { forget?: boolean }, command: Command) => {
      const address = normalizeEmail(email);
      await withStore(command, async (store, config) => {
        if (options.forget) {
          const ref = (await store.findByEmail(address))?.uid;
          const found = await store.forget(address);
          // The delivery ledger keeps each recipient's address too (by email as well: a retry
          // after the store's erasure still finds the rows).
          const ledgerDb = createDatabase(config.databaseUrl, { rootDir: config.rootDir });
          try {
            await forgetRecipient(ledgerDb.db, { ref, email: address });
          } finally {
            await ledgerDb.close();
          }
          output.out(
            found
              ? `Erased ${address}; the address is now on the suppression list (stored as a hash only).\n`
              : `No subscriber had ${address}, but it is now on the suppression list (stored as a hash only).\n`,
          );
          return;
        }
        const subscriber = await store.findByEmail(address);
        if (subscriber === undefined) {
          throw new GazetteError(
            'SUBSCRIBER_NOT_FOUND',
            `No subscriber has the address ${address}. Check the spelling, or see "subscribers list".`,
            {
              recipient: address,
            },
          );
        }
        const after = await store.unsubscribe(subscriber.uid, 'cli');
        output.out(
          `${subscriber.email} is ${after?.status ?? 'unsubscribed'}; the consent record is kept.\n`,
        );
      });
    });
}
