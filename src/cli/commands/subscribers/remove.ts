import type { Command } from 'commander';
import type { Config } from '../../../config/config.ts';
import { checkpointWal } from '../../../db/checkpoint-wal.ts';
import { GazetteError } from '../../../errors.ts';
import { forgetOutboxMail } from '../../../mail/forget-outbox-mail.ts';
import { forgetRecipient } from '../../../send/forget-recipient.ts';
import { createKyselyStore } from '../../../subscribers/create-kysely-store.ts';
import { normalizeEmail } from '../../../subscribers/normalize-email.ts';
import { openRuntime } from '../../open-runtime.ts';
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
          const { found, flushed } = await forgetEverywhere(config, address);
          if (!flushed) {
            output.err(
              'gazette: another process held the SQLite write-ahead log open, so older copies of the erased ' +
                'rows may stay in the -wal file until its next checkpoint: run this command again once it is idle.\n',
            );
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

/**
 * GDPR Art. 17 in one transaction: the subscriber and consent records, the delivery ledger's
 * copies (by reference and by address: a retry after an earlier erasure still finds the rows)
 * and the suppression entry commit together or not at all. Then, on SQLite, the log is
 * checkpointed so that no older page with the address stays in the -wal file, and the outbox
 * files addressed to it are deleted. Running it again is harmless.
 */
async function forgetEverywhere(
  config: Config,
  address: string,
): Promise<{ found: boolean; flushed: boolean }> {
  const { database, close } = await openRuntime(config);
  try {
    const found = await database.db.transaction().execute(async (trx) => {
      const store = createKyselyStore(trx, { secret: config.secret });
      const ref = (await store.findByEmail(address))?.uid;
      const erased = await store.forget(address);
      await forgetRecipient(trx, { ref, email: address });
      return erased;
    });
    const flushed = await checkpointWal(database.db);
    await forgetOutboxMail(config.outboxDir, address);
    return { found, flushed };
  } finally {
    await close();
  }
}
