import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { GazetteError } from '../../src/errors.ts';
import type { ErrorCode } from '../../src/errors.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import type { DigestRenderer } from '../../src/send/digest-renderer.ts';
import type { Ledger } from '../../src/send/ledger.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { DATE, subscriber } from './send-fixture.ts';
import { useSendSuite } from './send-harness.ts';

const scope = { edition: DATE, listId: 'daily' };
const readers = (n: number, locale: 'en' | 'ko' = 'en') =>
  Array.from({ length: n }, (_, i) => subscriber(`${locale}${i}@example.com`, locale));

describe.each(DIALECTS)('send errors on $name', (dialect) => {
  const suite = useSendSuite(dialect);

  describe.skipIf(!dialect.available)('', () => {
    it('renders every segment before the first message: a render error sends nothing to anyone', async () => {
      const harness = await suite.harness();
      await harness.store.importBatch([...readers(3, 'ko'), ...readers(3, 'en')]);
      const real = createDigestRenderer(harness.fixture.config);
      const renderer: DigestRenderer = {
        ...real,
        async render(edition, list, locale) {
          if (locale === 'en') throw new GazetteError('RENDER_BUDGET', 'the English digest is over budget');
          return real.render(edition, list, locale);
        },
      };
      await expect(harness.send({}, { renderer })).rejects.toThrow('over budget');
      await sleep(300);
      expect(suite.sink.received).toHaveLength(0);
      expect(await harness.ledger.counts(scope)).toMatchObject({ pending: 6, claimed: 0, sent: 0 });
    });

    it('stops every worker when one hits an unexpected error: what is in flight is recorded, nothing more goes out', async () => {
      const harness = await suite.harness({ concurrency: 4, ratePerSecond: 20 });
      await harness.store.importBatch(readers(30));
      let calls = 0;
      const ledger: Ledger = {
        ...harness.ledger,
        async sent(...args) {
          if (++calls === 3) throw new Error('the database went away');
          return harness.ledger.sent(...args);
        },
      };
      await expect(harness.send({}, { ledger })).rejects.toThrow('the database went away');
      const atRejection = suite.sink.received.length;
      await sleep(500);
      expect(suite.sink.received).toHaveLength(atRejection);
      expect(atRejection).toBeLessThan(10);
      const counts = await harness.ledger.counts(scope);
      // Only the message whose result could not be written stays claimed (until its lease ends).
      expect(counts).toMatchObject({ sent: atRejection - 1, claimed: 1, pending: 30 - atRejection });
    });

    it('stops the run, without failing anyone, on an error that is not the server verdict on one recipient', async () => {
      const harness = await suite.harness();
      await harness.store.importBatch(readers(5));
      // A code the send does not know (another engineer adds SMTP_AUTH for 530/535).
      const code = 'SMTP_AUTH' as string as ErrorCode;
      const mailer: Mailer = {
        kind: 'smtp',
        destination: suite.sink.url,
        send: () =>
          Promise.reject(new GazetteError(code, 'Authentication failed: 535 5.7.8 bad credentials')),
        verify: async () => {},
        close: async () => {},
      };
      const summary = await harness.send({}, { mailer });
      expect(summary.fatal).toEqual({ code, message: 'Authentication failed: 535 5.7.8 bad credentials' });
      expect(summary).toMatchObject({ sent: 0, failed: 0, pending: 5 });
      expect(await harness.ledger.counts(scope)).toMatchObject({ pending: 5, failed: 0, claimed: 0 });
    });

    it('stops on a header value with a line break (U+2028 in the From name) and marks no one failed', async () => {
      const harness = await suite.harness();
      await harness.store.importBatch(readers(5));
      harness.fixture.config.from.name = 'Gazette\u2028Daily';
      const summary = await harness.send();
      expect(summary.fatal?.code).toBe('HEADER_INJECTION');
      expect(summary).toMatchObject({ sent: 0, failed: 0, pending: 5 });
      expect(suite.sink.received).toHaveLength(0);
      expect(await harness.ledger.counts(scope)).toMatchObject({ pending: 5, failed: 0, claimed: 0 });
    });
  });
});
