import { Cron } from 'croner';
import { assertPublicUrlForMail } from '../../config/assert-public-url-for-mail.ts';
import { isGazetteError } from '../../errors.ts';
import { openRuntime } from '../open-runtime.ts';
import { requireSecret } from '../../config/require-secret.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { runScheduledNotices } from '../run-scheduled-notices.ts';
import { runSendJob } from '../send-job.ts';
import { withStopSignals } from '../with-stop-signals.ts';

interface ScheduleFlags {
  content?: string;
  list?: string[];
}

export const registerSchedule: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('schedule')
    .description(
      'stay running and send each edition on the cron expression `schedule` from the config, in its time zone (for containers without cron)',
    )
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .option('--list <id...>', 'only these lists')
    .action(async (flags: ScheduleFlags, command) => {
      const config = await loadCliConfig(command, { contentDir: flags.content });
      // Refuse at start what send would refuse at 07:00 on every tick: the secret, the public
      // URL (the config was checked on loading), a database that cannot be opened.
      requireSecret(config);
      assertPublicUrlForMail(config);
      await (await openRuntime(config)).close();
      const log = (record: Record<string, unknown>) =>
        output.out(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
      await withStopSignals(
        (signal) =>
          new Promise<void>((resolve) => {
            const job = new Cron(
              config.schedule,
              // protect: a send still running when the next tick comes is not started twice.
              { timezone: config.timeZone, protect: true, name: 'gazette-send' },
              async () => {
                log({ type: 'schedule', event: 'start' });
                try {
                  const code = await runSendJob(config, { lists: flags.list, signal }, output);
                  log({
                    type: 'schedule',
                    event: 'done',
                    exitCode: code,
                    nextRun: job.nextRun()?.toISOString(),
                  });
                } catch (error) {
                  // One failed morning must not stop tomorrow's send; say what went wrong and wait.
                  const message = isGazetteError(error) ? error.message : String(error);
                  log({ type: 'schedule', event: 'error', message, nextRun: job.nextRun()?.toISOString() });
                }
                // 정보통신망법 §50⑧: the two-yearly consent notices go out with every run (docs/sending.md).
                await runScheduledNotices(config, { signal }, output, log);
              },
            );
            log({
              type: 'schedule',
              event: 'waiting',
              cron: config.schedule,
              timeZone: config.timeZone,
              nextRun: job.nextRun()?.toISOString(),
            });
            signal.addEventListener(
              'abort',
              () => {
                job.stop();
                // A send in progress sees the same signal and drains; wait for it before leaving.
                const wait = () => (job.isBusy() ? setTimeout(wait, 100) : resolve());
                wait();
              },
              { once: true },
            );
          }),
        (name) => output.err(`${name}: stopping the schedule (a send in progress drains first)\n`),
      );
      setExitCode(0);
    });
};
