import { InvalidArgumentError } from 'commander';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { runNoticesJob } from '../notices-job.ts';
import { withStopSignals } from '../with-stop-signals.ts';

interface NoticesFlags {
  dryRun?: boolean;
  now?: Date;
}

export const registerNotices: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('notices')
    .description(
      'tell every reader with ad consent, every two years from its date, that they consented, when, to what and how to withdraw (정보통신망법 §50⑧); once per reader per period, safe to re-run',
    )
    .option('--dry-run', 'count the notices due, send and write nothing')
    .option('--now <ISO>', 'the clock for which notices are due, e.g. 2026-12-04T09:00:00+09:00', parseNow)
    .action(async (flags: NoticesFlags, command) => {
      const config = await loadCliConfig(command);
      setExitCode(
        await withStopSignals(
          (signal) => runNoticesJob(config, { dryRun: flags.dryRun, now: flags.now, signal }, output),
          (name) =>
            output.err(`\n${name}: finishing the notice in flight, then stopping (run again to resume)\n`),
        ),
      );
    });
};

function parseNow(value: string): Date {
  // An ISO date or instant; Date.parse alone would take "12/04/2026" too.
  const instant = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
    ? new Date(value)
    : undefined;
  if (instant === undefined || Number.isNaN(instant.getTime())) {
    throw new InvalidArgumentError('use an ISO 8601 date or instant, for example 2026-12-04T09:00:00+09:00');
  }
  return instant;
}
