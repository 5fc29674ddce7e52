import type { Command } from 'commander';
import { GazetteError } from '../../../errors.ts';
import { findNameProblem } from '../../../subscribers/find-name-problem.ts';
import { normalizeEmail } from '../../../subscribers/normalize-email.ts';
import { parseConsentedAt, requireConfirmedConsent } from '../../../subscribers/parse-consent-fields.ts';
import { parseTimeZone } from '../../../subscribers/parse-time-zone.ts';
import type { Output } from '../../output.ts';
import { collect, parseChoiceOptions } from './parse-choice-options.ts';
import { confirmationSender } from './send-confirmation-for.ts';
import { withStore } from './with-store.ts';

interface AddOptions {
  name?: string;
  locale?: string;
  categories?: string;
  list?: string[];
  confirmed?: boolean;
  adConsent?: boolean;
  consentedAt?: string;
  timezone?: string;
}

export function registerAdd(group: Command, output: Output): void {
  group
    .command('add')
    .description('add a subscriber; without --confirmed a confirmation mail is sent (double opt-in)')
    .argument('<email>', 'email address')
    .option('--name <name>', 'display name')
    .option('--locale <locale>', 'ko, en or bilingual (default: bilingual, or the first the list offers)')
    .option('--categories <ids>', 'categories separated by "," ";" or "|" (default: all)')
    .option('--list <id>', 'list to join (repeatable; default: the first list)', collect)
    .option(
      '--timezone <zone>',
      "IANA time zone for lists with deliverAt (default: the newsletter's timeZone)",
    )
    .option('--confirmed', 'consent already given elsewhere: start active, send no confirmation')
    .option('--ad-consent', 'the reader consented to advertising (정보통신망법 §50); needs --confirmed')
    .option(
      '--consented-at <date>',
      'when that consent was given (ISO date, e.g. 2024-12-04); needs --confirmed',
    )
    .action(async (email: string, options: AddOptions, command: Command) => {
      await withStore(command, async (store, config) => {
        const choices = parseChoiceOptions(options, config);
        const address = normalizeEmail(email);
        const timeZone = parseTimeZone(options.timezone ?? '');
        const name = options.name?.trim() ?? '';
        const nameProblem = findNameProblem(name);
        if (nameProblem !== undefined) {
          throw new GazetteError('SUBSCRIBER_INVALID', `--name: ${nameProblem}.`, { field: 'name' });
        }
        const consentedAt =
          options.consentedAt === undefined
            ? undefined
            : parseConsentedAt(options.consentedAt, config.timeZone);
        requireConfirmedConsent({ adConsent: options.adConsent, consentedAt }, options.confirmed === true, {
          adConsent: '--ad-consent',
          consentedAt: '--consented-at',
        });
        // Before anything is written: a confirmation that cannot be sent must not leave a pending row.
        const sender = options.confirmed ? undefined : confirmationSender(config, store);
        const result = await store.subscribe({
          email: address,
          name: name === '' ? null : name,
          ...choices,
          ...(timeZone === undefined ? {} : { timeZone }),
          consent: { source: 'cli', version: config.consentVersion },
          confirmed: options.confirmed === true,
          ...(options.adConsent === true ? { adConsent: true } : {}),
          ...(consentedAt === undefined ? {} : { consentedAt }),
        });
        const subscriber = result.subscriber;
        if (result.outcome === 'suppressed' || subscriber === undefined) {
          throw new GazetteError(
            'SUBSCRIBER_INVALID',
            `${address} was erased with "remove --forget" and is suppressed; only its owner can subscribe again, through the form.`,
            { recipient: address },
          );
        }
        if (result.outcome === 'unchanged') {
          output.out(`${subscriber.email} is already active; nothing changed.\n`);
          return;
        }
        if (subscriber.status === 'active' || sender === undefined) {
          output.out(`${subscriber.email} added (active).\n`);
          return;
        }
        try {
          await sender.send(subscriber);
        } finally {
          await sender.close();
        }
        output.out(`${subscriber.email} added (pending). Confirmation mail ${sender.destination}.\n`);
      });
    });
}
