import { InvalidArgumentError } from 'commander';
import { isMatch } from 'date-fns';
import { assertPublicUrlForMail } from '../../config/assert-public-url-for-mail.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { clockFrom, parseNow } from '../parse-now.ts';
import { runSendJob } from '../send-job.ts';
import { withStopSignals } from '../with-stop-signals.ts';

interface SendFlags {
  date?: string;
  content?: string;
  list?: string[];
  dryRun?: boolean;
  now?: number;
}

export const registerSend: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('send')
    .description(
      "send the day's edition to every active subscriber, once each; safe to re-run (resumes, never re-sends)",
    )
    .option('--date <YYYY-MM-DD>', 'edition date (default: today in the config time zone)', parseDate)
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .option('--list <id...>', 'only these lists')
    .option(
      '--dry-run',
      'plan and render, print counts and sizes per segment (and releases per hour), send nothing',
    )
    .option(
      '--now <instant>',
      "take this ISO instant as now: the edition date and which readers' hours (deliverAt) have come",
      parseNow,
    )
    .action(async (flags: SendFlags, command) => {
      const config = await loadCliConfig(command, { contentDir: flags.content });
      // Before anything is planned or sent: a dry run sends nothing, so any public URL will do.
      if (!flags.dryRun) assertPublicUrlForMail(config);
      setExitCode(
        await withStopSignals(
          (signal) =>
            runSendJob(
              config,
              {
                date: flags.date,
                lists: flags.list,
                dryRun: flags.dryRun,
                signal,
                now: clockFrom(flags.now),
              },
              output,
            ),
          (name) =>
            output.err(`\n${name}: finishing the messages in flight, then stopping (run again to resume)\n`),
        ),
      );
    });
};

function parseDate(value: string): string {
  // isMatch, not Date.parse: Date.parse rolls 2026-02-30 over to 2 March instead of refusing it.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isMatch(value, 'yyyy-MM-dd')) {
    throw new InvalidArgumentError('use a real calendar date as YYYY-MM-DD, for example 2026-11-23');
  }
  return value;
}
