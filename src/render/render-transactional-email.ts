import { createElement } from 'react';
import type { Config } from '../config/config.ts';
import { languagesOf } from '../locale.ts';
import type { Locale } from '../locale.ts';
import { compileMjml } from './compile-mjml.ts';
import { ConfirmEmail } from '../../emails/transactional/confirm-email.tsx';
import { WelcomeEmail } from '../../emails/transactional/welcome-email.tsx';
import { transactionalText } from '../../emails/transactional/transactional-text.ts';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

type MailConfig = Pick<Config, 'name' | 'from' | 'postalAddress'>;

export type TransactionalMail =
  | { kind: 'confirm'; locale: Locale; confirmUrl: string; expiresInDays: number }
  | { kind: 'welcome'; locale: Locale; name: string | null; preferencesUrl: string; unsubscribeUrl: string };

/**
 * The confirmation or welcome mail in the subscriber's language(s): HTML through MJML, and a
 * plain-text part that says the same thing (spam filters compare them).
 */
export async function renderTransactionalEmail(
  config: MailConfig,
  mail: TransactionalMail,
): Promise<RenderedMail> {
  const languages = languagesOf(mail.locale);
  const senderName = config.from.name ?? config.name.en;
  const common = { languages, newsletter: config.name, postalAddress: config.postalAddress, senderName };
  const footer = `--\n${senderName} · ${config.postalAddress}`;
  if (mail.kind === 'confirm') {
    const subject = languages.map((l) => transactionalText[l].confirmSubject(config.name[l])).join(' / ');
    const html = await compileMjml(
      createElement(ConfirmEmail, {
        ...common,
        confirmUrl: mail.confirmUrl,
        expiresInDays: mail.expiresInDays,
      }),
      'confirm-email',
    );
    const blocks = languages.map((l) => {
      const t = transactionalText[l];
      return `${t.confirmHeading}\n\n${t.confirmBody(config.name[l])}\n\n${t.confirmButton}: ${mail.confirmUrl}\n\n${t.confirmExpiry(mail.expiresInDays)} ${t.notYou}`;
    });
    return { subject, html, text: `${blocks.join('\n\n')}\n\n${footer}\n` };
  }
  const subject = languages.map((l) => transactionalText[l].welcomeSubject(config.name[l])).join(' / ');
  const html = await compileMjml(
    createElement(WelcomeEmail, {
      ...common,
      name: mail.name,
      preferencesUrl: mail.preferencesUrl,
      unsubscribeUrl: mail.unsubscribeUrl,
    }),
    'welcome-email',
  );
  const blocks = languages.map((l) => {
    const t = transactionalText[l];
    return `${t.welcomeHeading(mail.name)}\n\n${t.welcomeBody(config.name[l])}\n\n${t.preferences}: ${mail.preferencesUrl}\n${t.unsubscribe}: ${mail.unsubscribeUrl}`;
  });
  return { subject, html, text: `${blocks.join('\n\n')}\n\n${footer}\n` };
}
