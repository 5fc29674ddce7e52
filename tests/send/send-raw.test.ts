import { describe, expect, it } from 'vitest';
import { filterEdition } from '../../src/edition/filter-edition.ts';
import type { Locale } from '../../src/locale.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import type { RenderedDigest } from '../../src/send/digest-renderer.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { DATE, SECRET, subscriber } from './send-fixture.ts';
import { useSendSuite } from './send-harness.ts';

const COUNT = 2000;
const LOCALES: Locale[] = ['ko', 'en', 'bilingual'];
/** Names of every byte length modulo three, Hangul, HTML to escape, none. */
const NAMES = [undefined, 'A', 'Bo', 'Cat', '김하늘', 'Zoë & <Ann>', '이'];

// What is tested is the bytes of each message, not the store: SQLite is enough.
const sqlite = DIALECTS.find((dialect) => dialect.name === 'sqlite')!;

describe('the raw path (MIME once per segment) end to end', () => {
  const suite = useSendSuite(sqlite);

  it(`sends ${COUNT} messages through nodemailer's raw option; each parses back to its reader's own digest`, async () => {
    const harness = await suite.harness({ concurrency: 10 });
    const readers = Array.from({ length: COUNT }, (_, i) =>
      subscriber(`reader${i}@example.com`, LOCALES[i % 3]!, [], { name: NAMES[i % NAMES.length] }),
    );
    await harness.store.importBatch(readers);
    const mailer = createSmtpMailer({ url: suite.sink.url, pool: 5 });
    try {
      expect(await harness.send({}, { mailer })).toMatchObject({ sent: COUNT, failed: 0, deferred: 0 });
    } finally {
      await mailer.close();
    }
    expect(suite.sink.received).toHaveLength(COUNT);

    // The digest each reader should have got: their segment rendered again (rendering is
    // deterministic) and personalized the way today's composer would be given it.
    const config = harness.fixture.config;
    const list = config.lists[0]!;
    const options = { timeZone: config.timeZone, categories: config.categories };
    const edition = await harness.editionFor(list);
    const renderer = createDigestRenderer(config);
    const rendered = new Map<Locale, RenderedDigest>();
    for (const locale of LOCALES) {
      const share = filterEdition(filterEdition(edition!, list.categories, options), [], options);
      rendered.set(locale, await renderer.render(share, list, locale));
    }
    const ids = new Set<string>();
    for (const mail of suite.sink.received) {
      const email = mail.envelope.to[0]!;
      const i = Number(/^reader(\d+)@/.exec(email)?.[1]);
      const found = await harness.store.findByEmail(email);
      const expected = renderer.personalize(rendered.get(LOCALES[i % 3]!)!, {
        token: manageToken(SECRET, { uid: found!.uid }),
        name: NAMES[i % NAMES.length],
      });
      expect(mail.parsed.text, email).toBe(expected.text);
      expect(mail.parsed.html, email).toBe(expected.html);
      expect(mail.parsed.subject).toBe(expected.subject);
      expect(mail.parsed.to).toMatchObject({ value: [{ address: email }] });
      // The header's one-click URL carries the same token as the links in the body.
      const head = mail.raw.toString('latin1').replace(/\r\n[ \t]+/g, ' ');
      const unsubscribe = /^List-Unsubscribe: <([^>]+)>/m.exec(head)?.[1];
      expect(unsubscribe).toMatch(/^https:\/\/news\.example\/unsubscribe\//);
      expect(expected.html).toContain(unsubscribe);
      expect(expected.text).toContain(unsubscribe);
      ids.add(mail.parsed.messageId ?? '');
      const lines = mail.raw.toString('latin1').split('\r\n');
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(998);
    }
    expect(ids.size).toBe(COUNT);
    expect(await harness.ledger.counts({ edition: DATE, listId: 'daily' })).toMatchObject({ sent: COUNT });
  }, 180_000);
});
