import type { Command } from 'commander';
import { GazetteError } from '../../../errors.ts';
import { adConsentDate } from '../../../subscribers/ad-consent-date.ts';
import type { Subscriber } from '../../../subscribers/subscriber.ts';
import type { SubscriberStore } from '../../../subscribers/subscriber-store.ts';
import type { SubscriberStatus } from '../../../subscribers/subscriber.ts';
import type { Output } from '../../output.ts';
import { parseStatus } from './parse-choice-options.ts';
import { withStore } from './with-store.ts';

// ad_consent and consented_at carry the consent history to another tool and back (import reads them).
const COLUMNS = [
  'email',
  'name',
  'locale',
  'categories',
  'lists',
  'status',
  'created_at',
  'ad_consent',
  'consented_at',
  'time_zone',
];

export function registerExport(group: Command, output: Output): void {
  group
    .command('export')
    .description('write every subscriber to stdout as CSV or a JSON array')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--status <status>', 'only this status')
    .action(async (options: { format: string; status?: string }, command: Command) => {
      if (options.format !== 'csv' && options.format !== 'json') {
        throw new GazetteError('USAGE', `--format "${options.format}" is not valid. Use csv or json.`, {
          field: 'format',
        });
      }
      const status = parseStatus(options.status);
      await withStore(command, async (store) => {
        if (options.format === 'csv') {
          output.out(`${COLUMNS.join(',')}\n`);
          for await (const s of everyone(store, status)) {
            const row = [
              s.email,
              s.name ?? '',
              s.locale,
              s.categories.join(';'),
              s.lists.join(';'),
              s.status,
              s.createdAt,
              s.adConsent ? 'yes' : 'no',
              adConsentDate(await store.consents(s.id)) ?? '',
              s.timeZone ?? '',
            ];
            output.out(`${row.map(csvField).join(',')}\n`);
          }
          return;
        }
        // Streamed piece by piece so the export never holds the whole list.
        let first = true;
        output.out('[');
        for await (const s of everyone(store, status)) {
          const record = {
            email: s.email,
            name: s.name,
            locale: s.locale,
            categories: s.categories,
            lists: s.lists,
            status: s.status,
            adConsent: s.adConsent,
            createdAt: s.createdAt,
            consentedAt: adConsentDate(await store.consents(s.id)) ?? null,
            timeZone: s.timeZone,
          };
          output.out(`${first ? '\n' : ',\n'}  ${JSON.stringify(record)}`);
          first = false;
        }
        output.out(first ? ']\n' : '\n]\n');
      });
    });
}

/** Every subscriber, one keyset page at a time. */
export async function* everyone(
  store: SubscriberStore,
  status?: SubscriberStatus,
): AsyncGenerator<Subscriber> {
  let afterId = 0;
  // Bounded: each page advances afterId; the loop ends on the first short page.
  for (;;) {
    const page = await store.page({ afterId, limit: 1000, status });
    yield* page.subscribers;
    if (page.next === undefined) return;
    afterId = page.next;
  }
}

function csvField(raw: string): string {
  // A cell starting with = + - @ is run as a formula by spreadsheets (OWASP "CSV injection"):
  // prefix a quote, which `subscribers import` strips again.
  const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
