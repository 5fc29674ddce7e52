import { InvalidArgumentError, Option } from 'commander';
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
  workerName?: string;
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
    .addOption(
      new Option(
        '--worker-name <name>',
        'this worker in the ledger and in gazette report, when several send one edition (default: the host name)',
      )
        .env('GAZETTE_WORKER_NAME')
        .argParser(parseWorkerName),
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
                workerName: flags.workerName,
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

/** A worker name is stored in every row it claims and printed in reports: a short plain word. */
function parseWorkerName(value: string): string | undefined {
  // An empty GAZETTE_WORKER_NAME is no name: the host name is used.
  if (value === '') return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(value)) {
    throw new InvalidArgumentError(
      'use up to 63 letters, digits, dots, dashes or underscores, starting with a letter or digit (for example mail-2)',
    );
  }
  return value;
}
