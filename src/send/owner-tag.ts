import { hostname } from 'node:os';

/** The owner tag of this process for one run: `host:pid:run`, stored on the rows it claims. */
export function ownerTag(runId: string): string {
  return `${hostname()}:${process.pid}:${runId}`;
}

/** A claim made on this host by a process that no longer exists (killed mid-send). */
export function isDeadLocalOwner(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || pid === undefined || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
