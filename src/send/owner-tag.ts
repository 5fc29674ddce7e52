import { hostname } from 'node:os';

/**
 * The owner tag of this process for one run: `host:pid:run`, stored on the rows it claims. The
 * host and pid only tell an operator where a claim came from; what makes the tag unique is the
 * run id, random per run. Nothing ever infers from them that a holder is dead (two containers
 * share a hostname and PID 1, two hosts share a name): a claim ends when its holder finishes or
 * gives it back, or when its lease runs out without a renewal.
 */
export function ownerTag(runId: string): string {
  return `${hostname()}:${process.pid}:${runId}`;
}
