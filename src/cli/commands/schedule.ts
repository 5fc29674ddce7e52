import { Cron } from 'croner';
import { assertPublicUrlForMail } from '../../config/assert-public-url-for-mail.ts';
import { isGazetteError } from '../../errors.ts';
import { sleep } from '../../send/create-rate-limiter.ts';
import { openRuntime } from '../open-runtime.ts';
import { requireSecret } from '../../config/require-secret.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { nextWake } from '../next-wake.ts';
import type { Wake } from '../next-wake.ts';
import { clockFrom, parseNow } from '../parse-now.ts';
import { runScheduledNotices } from '../run-scheduled-notices.ts';
import { runSendJob } from '../send-job.ts';
import { withStopSignals } from '../with-stop-signals.ts';

interface ScheduleFlags {
  content?: string;
  list?: string[];
  now?: number;
}

/** The longest single sleep: a row planned meanwhile by another `send` is seen within it. */
const RECHECK_MS = 60_000;

export const registerSchedule: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('schedule')
    .description(
      'stay running and send each edition on the cron expression `schedule` from the config, in its time zone, ' +
        "and each reader's copy of a deliverAt list at their hour (for containers without cron)",
    )
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .option('--list <id...>', 'only these lists')
    .option(
      '--now <instant>',
      'start the clock at this ISO instant (it runs on in real time from there)',
      parseNow,
    )
    .action(async (flags: ScheduleFlags, command) => {
      const config = await loadCliConfig(command, { contentDir: flags.content });
      // Refuse at start what send would refuse at 07:00 on every tick: the secret, the public
      // URL (the config was checked on loading), a database that cannot be opened.
      requireSecret(config);
      assertPublicUrlForMail(config);
      const runtime = await openRuntime(config);
      const now = clockFrom(flags.now) ?? Date.now;
      const log = (record: Record<string, unknown>) =>
        output.out(
          `${JSON.stringify({
            time: new Date().toISOString(),
            ...(flags.now === undefined ? {} : { now: new Date(now()).toISOString() }),
            ...record,
          })}\n`,
        );
      // Only its nextRun() is used: the loop below sleeps on the clock `--now` may move.
      const cron = new Cron(config.schedule, {
        timezone: config.timeZone,
        paused: true,
        name: 'gazette-send',
      });
      const wanted = flags.list ?? config.lists.map((list) => list.id);
      const timed = config.lists.filter((list) => list.deliverAt !== undefined && wanted.includes(list.id));
      const iso = (wake: Wake | undefined) =>
        wake === undefined ? undefined : new Date(wake.at).toISOString();
      const send = async (
        reason: Wake['reason'] | 'catch-up',
        signal: AbortSignal,
        next: () => Promise<Wake | undefined>,
      ) => {
        // A reader's hour sends only the deliverAt lists: the others are made on the cron tick alone.
        const timedOnly = reason !== 'cron';
        log({ type: 'schedule', event: 'start', reason });
        try {
          const code = await runSendJob(config, { lists: flags.list, timedOnly, signal, now }, output);
          log({ type: 'schedule', event: 'done', reason, exitCode: code, nextRun: iso(await next()) });
        } catch (error) {
          // One failed morning must not stop tomorrow's send; say what went wrong and wait.
          const message = isGazetteError(error) ? error.message : String(error);
          log({ type: 'schedule', event: 'error', reason, message, nextRun: iso(await next()) });
        }
        // 정보통신망법 §50⑧: the two-yearly consent notices go out with every cron run (docs/sending.md).
        if (reason === 'cron')
          await runScheduledNotices(
            config,
            { signal, ...(flags.now === undefined ? {} : { now: new Date(now()) }) },
            output,
            log,
          );
      };
      try {
        await withStopSignals(
          async (signal) => {
            const next = () =>
              nextWake(
                cron,
                runtime.ledger,
                { lists: timed, timeZone: config.timeZone },
                now(),
                now() - Date.now(),
              ).catch(() => undefined);
            let wake = await next();
            log({
              type: 'schedule',
              event: 'waiting',
              cron: config.schedule,
              timeZone: config.timeZone,
              nextRun: iso(wake),
            });
            // Readers whose hour passed while no schedule ran get their copy now, once (the ledger).
            if (timed.length > 0) {
              await send('catch-up', signal, next);
              wake = await next();
            }
            // Bounded by the signal: each round sleeps until a wake (or a recheck) and sends once.
            while (!signal.aborted) {
              if (wake === undefined) {
                await sleep(RECHECK_MS, signal);
                wake = await next();
                continue;
              }
              const wait = wake.at - now();
              if (wait > 0) {
                // A few ms past the instant: a timer may fire a hair early, and the instant must have come.
                await sleep(Math.min(wait + 5, RECHECK_MS), signal);
                if (signal.aborted) break;
                if (wait > RECHECK_MS) {
                  // Something may have been planned meanwhile: look again, keeping the earlier wake.
                  const again = await next();
                  if (again !== undefined && again.at < wake.at) wake = again;
                  continue;
                }
              }
              await send(wake.reason, signal, next);
              wake = await next();
            }
          },
          (name) => output.err(`${name}: stopping the schedule (a send in progress drains first)\n`),
        );
      } finally {
        cron.stop();
        await runtime.close();
      }
      setExitCode(0);
    });
};
