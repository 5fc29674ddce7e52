import type { Config } from '../config/config.ts';
import { isGazetteError } from '../errors.ts';
import { runNoticesJob } from './notices-job.ts';
import type { Output } from './output.ts';

/**
 * `gazette schedule`'s hook for the two-yearly consent notices (정보통신망법 §50⑧): run them
 * after a send, log the outcome as a schedule event, never throw (a failed notice run must not
 * stop the schedule). The notices' own summary goes to stderr: stdout stays JSON lines.
 */
export async function runScheduledNotices(
  config: Config,
  options: { signal: AbortSignal; now?: Date },
  output: Output,
  log: (record: Record<string, unknown>) => void,
): Promise<void> {
  try {
    const code = await runNoticesJob(config, options, { ...output, out: output.err });
    log({ type: 'schedule', event: 'notices', exitCode: code });
  } catch (error) {
    log({
      type: 'schedule',
      event: 'notices-error',
      message: isGazetteError(error) ? error.message : String(error),
    });
  }
}
