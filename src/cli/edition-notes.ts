import type { Config } from '../config/config.ts';
import type { Item } from '../content/item.ts';
import { today } from '../edition/local-date.ts';
import { createEditionResolver } from '../editions/create-edition-resolver.ts';
import { formatLeftOut } from '../editions/format-left-out.ts';
import { databaseExists } from '../db/database-exists.ts';
import { openRuntime } from './open-runtime.ts';

/**
 * What `gazette check` says of the sent editions: items that changed after they were sent, and
 * items that no edition will carry (older than the late window), as of today's edition of each
 * list. Nothing when no database exists yet (nothing was sent); a note when it cannot be read.
 */
export async function editionNotes(
  config: Config,
  items: readonly Item[],
  now = new Date(),
): Promise<string[]> {
  if (!databaseExists(config)) return [];
  let runtime;
  try {
    runtime = await openRuntime(config);
  } catch (error) {
    return [`note: the sent editions were not checked: ${(error as Error).message.split('\n')[0]}`];
  }
  try {
    const date = today(config.timeZone, now);
    const notes: string[] = [];
    for (const list of config.lists) {
      const resolver = createEditionResolver(runtime.editions, { config, items, date, freeze: false });
      await resolver.editionFor(list);
      const leftOut = resolver.resolved.get(list.id)?.leftOut ?? [];
      notes.push(...formatLeftOut(list.id, leftOut).map((line) => `info: ${line}`));
    }
    return notes;
  } finally {
    await runtime.close();
  }
}
