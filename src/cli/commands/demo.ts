import { DEFAULT_DATABASE_URL } from '../../config/config.ts';
import { openRuntime } from '../open-runtime.ts';
import type { Locale } from '../../locale.ts';
import type { SubscribeInput } from '../../subscribers/subscriber.ts';
import type { RegisterCommand } from '../command.ts';
import type { Output } from '../output.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { runSendJob } from '../send-job.ts';
import { withStopSignals } from '../with-stop-signals.ts';

/**
 * Signs the demo's links when GAZETTE_SECRET is unset. The demo only writes to the outbox, so
 * these links never reach anybody; a real send refuses to run without a real secret.
 */
const DEMO_SECRET = 'gazette-demo-secret-for-the-outbox-only-not-for-real-mail';

/**
 * The demo's own SQLite file, next to the config, whatever DATABASE_URL says: pointed at a real
 * store, the demo would send the newest edition to every real subscriber's .eml and mark them
 * sent, so the real morning send would skip them.
 */
const DEMO_DATABASE_URL = 'sqlite:./data/demo.db';

/** Sample readers: every locale, with and without topics, one with ad consent. */
const SAMPLE: Array<[email: string, name: string | null, locale: Locale, categories: string[], ad: boolean]> =
  [
    ['minji.kim@example.com', '김민지', 'ko', [], false],
    ['junho.park@example.com', '박준호', 'ko', ['tech'], true],
    ['seoyeon.lee@example.com', '이서연', 'ko', ['business', 'commerce'], false],
    ['hyunwoo.choi@example.com', null, 'ko', ['policy'], false],
    ['emma.jones@example.com', 'Emma Jones', 'en', [], true],
    ['liam.smith@example.com', 'Liam Smith', 'en', ['tech', 'science'], false],
    ['olivia.brown@example.com', null, 'en', ['business'], false],
    ['noah.wilson@example.com', 'Noah Wilson', 'en', ['policy', 'commerce'], false],
    ['jiwoo.han@example.com', '한지우', 'bilingual', [], false],
    ['daniel.yoon@example.com', 'Daniel Yoon', 'bilingual', ['tech'], false],
    ['sora.jung@example.com', '정소라', 'bilingual', ['business', 'policy'], true],
    ['alex.kang@example.com', 'Alex Kang', 'bilingual', ['science'], false],
  ];

export const registerDemo: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('demo')
    .description(
      "no server needed: import sample subscribers into the demo's own SQLite file (if empty) and send the newest sample edition to the outbox; ignores DATABASE_URL and SMTP_URL",
    )
    .action(async (_flags: unknown, command) => {
      const loaded = await loadCliConfig(command);
      // The demo never talks to a mail server or a real store, whatever SMTP_URL and DATABASE_URL say.
      const config = {
        ...loaded,
        smtpUrl: undefined,
        databaseUrl: DEMO_DATABASE_URL,
        secret: loaded.secret ?? DEMO_SECRET,
      };
      // Neither value is echoed: both may hold a password.
      if (loaded.databaseUrl !== DEFAULT_DATABASE_URL) {
        output.err(
          `DATABASE_URL is set, but the demo ignores it: it uses its own ${DEMO_DATABASE_URL} with sample subscribers. Run gazette send to reach real subscribers.\n`,
        );
      }
      if (loaded.smtpUrl !== undefined) {
        output.err(
          `SMTP_URL is set, but the demo ignores it: it writes .eml files under ${config.outboxDir} and sends nothing.\n`,
        );
      }
      const runtime = await openRuntime(config);
      try {
        const { store } = runtime;
        if ((await store.count()) === 0) {
          const lists = config.lists.map((list) => list.id);
          await store.importBatch(SAMPLE.map((row) => sampleSubscriber(row, lists, config.consentVersion)));
          output.out(`Imported ${SAMPLE.length} sample subscribers into ${config.databaseUrl}\n`);
        }
      } finally {
        await runtime.close();
      }
      // The send job says "SMTP_URL is unset" when the mailer is the outbox; with SMTP_URL set
      // that contradicts the line above, and the line above is the true one.
      const jobOutput: Output =
        loaded.smtpUrl === undefined
          ? output
          : { ...output, err: (text) => void (text.startsWith('SMTP_URL is unset:') || output.err(text)) };
      const code = await withStopSignals(
        // Like send: a progress bar on a terminal, JSON lines in a log or a pipe.
        (signal) => runSendJob(config, { latest: true, signal }, jobOutput),
        (name) => output.err(`\n${name}: stopping after the messages in flight\n`),
      );
      output.out(
        `Done. Open the .eml files under ${config.outboxDir} in any mail client. ` +
          'Running the demo again sends nothing new: the delivery ledger remembers who got this edition.\n',
      );
      // The links in the demo's mail (unsubscribe, preferences) work against the demo's store and
      // secret: say how to start the web app on both.
      const secret = loaded.secret === undefined ? ` GAZETTE_SECRET=${DEMO_SECRET}` : '';
      output.out(
        `To click the links in those emails, run the web app on the demo's subscribers${secret === '' ? '' : ' and its public secret'}:\n` +
          `  DATABASE_URL=${DEMO_DATABASE_URL}${secret} gazette serve --dev\n`,
      );
      setExitCode(code);
    });
};

function sampleSubscriber(
  [email, name, locale, categories, ad]: (typeof SAMPLE)[number],
  lists: string[],
  consentVersion: string,
): SubscribeInput {
  return {
    email,
    name,
    locale,
    categories,
    lists,
    adConsent: ad,
    consent: { source: 'import', version: consentVersion },
    confirmed: true,
  };
}
