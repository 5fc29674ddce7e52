import { createElement } from 'react';
import type { ReactElement } from 'react';
import { render } from 'react-email';
import type { Config } from '../config/config.ts';
import { languagesOf } from '../locale.ts';
import type { Locale } from '../locale.ts';
import { ConfirmEmail } from '../../emails/transactional/confirm-email.tsx';
import { WelcomeEmail } from '../../emails/transactional/welcome-email.tsx';
import { ChangeNoticeEmail } from '../../emails/transactional/change-notice-email.tsx';
import { UnsubscribeLinkEmail } from '../../emails/transactional/unsubscribe-link-email.tsx';
import { transactionalText } from '../../emails/transactional/transactional-text.ts';
import type { ChangeKind, ChangeVia } from '../../emails/transactional/transactional-text.ts';
import type { Language } from '../locale.ts';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

type MailConfig = Pick<Config, 'name' | 'from' | 'postalAddress'>;

export type TransactionalMail =
  | {
      kind: 'confirm';
      locale: Locale;
      confirmUrl: string;
      expiresInDays: number;
      /** A request by mail: what was read from it, per language. */
      understood?: Record<Language, string[]>;
    }
  | {
      kind: 'welcome';
      locale: Locale;
      name: string | null;
      preferencesUrl: string;
      unsubscribeUrl: string;
      /** The consent's result notice (§50⑦), said in the welcome: per language. */
      result?: Record<Language, string>;
    }
  | {
      kind: 'notice';
      locale: Locale;
      change: ChangeKind;
      via: ChangeVia;
      when: Record<Language, string>;
      lists: Record<Language, string>;
      subscribeUrl?: string;
      unsubscribeUrl?: string;
    }
  | { kind: 'unsubscribe-link'; locale: Locale; unsubscribeUrl: string };

/**
 * The confirmation, welcome, result-notice or unsubscribe-link mail in the subscriber's language(s), from react-email templates
 * rendered with react-email's `render`: the HTML, and the plain-text part from the same tree
 * (spam filters compare them). A render error rejects with the original error.
 */
export async function renderTransactionalEmail(
  config: MailConfig,
  mail: TransactionalMail,
): Promise<RenderedMail> {
  const languages = languagesOf(mail.locale);
  const senderName = config.from.name ?? config.name.en;
  const common = { languages, newsletter: config.name, postalAddress: config.postalAddress, senderName };
  let subject: string;
  let element: ReactElement;
  if (mail.kind === 'confirm') {
    subject = languages.map((l) => transactionalText[l].confirmSubject(config.name[l])).join(' / ');
    element = createElement(ConfirmEmail, {
      ...common,
      confirmUrl: mail.confirmUrl,
      expiresInDays: mail.expiresInDays,
      understood: mail.understood,
    });
  } else if (mail.kind === 'notice') {
    subject = languages.map((l) => transactionalText[l].noticeSubject(config.name[l])).join(' / ');
    element = createElement(ChangeNoticeEmail, {
      ...common,
      kind: mail.change,
      via: mail.via,
      when: mail.when,
      lists: mail.lists,
      subscribeUrl: mail.subscribeUrl,
      links:
        mail.unsubscribeUrl === undefined
          ? []
          : [
              {
                href: mail.unsubscribeUrl,
                label: Object.fromEntries(languages.map((l) => [l, transactionalText[l].unsubscribe])),
              },
            ],
    });
  } else if (mail.kind === 'unsubscribe-link') {
    subject = languages.map((l) => transactionalText[l].linkSubject(config.name[l])).join(' / ');
    element = createElement(UnsubscribeLinkEmail, { ...common, unsubscribeUrl: mail.unsubscribeUrl });
  } else {
    subject = languages.map((l) => transactionalText[l].welcomeSubject(config.name[l])).join(' / ');
    element = createElement(WelcomeEmail, {
      ...common,
      name: mail.name,
      preferencesUrl: mail.preferencesUrl,
      unsubscribeUrl: mail.unsubscribeUrl,
      result: mail.result,
    });
  }
  const [html, text] = await Promise.all([
    render(element),
    render(element, {
      plainText: true,
      // Headings as written (html-to-text upper-cases them by default, which English mail shouts).
      htmlToTextOptions: { selectors: [{ selector: 'h1', options: { uppercase: false } }] },
    }),
  ]);
  return { subject, html, text: `${text.trim()}\n` };
}
