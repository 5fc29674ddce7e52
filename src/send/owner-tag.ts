import { hostname } from 'node:os';

/**
 * The owner tag of this process for one run: `worker:pid:run`, stored on the rows it claims (and,
 * as `sent_by`, on those it sends). The worker is `--worker-name` / `GAZETTE_WORKER_NAME`, or the
 * host name. The worker and pid only tell an operator where a claim came from (and `gazette
 * report` counts each run's share by them); what makes the tag unique is the run id, random per
 * run. Nothing ever infers from them that a holder is dead (two containers share a hostname and
 * PID 1, two hosts share a name): a claim ends when its holder finishes or gives it back, or when
 * its lease runs out without a renewal.
 */
export function ownerTag(runId: string, worker: string = hostname()): string {
  return `${worker}:${process.pid}:${runId}`;
}
