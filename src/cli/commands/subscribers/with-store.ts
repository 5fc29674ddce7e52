import type { Command } from 'commander';
import type { Config } from '../../../config/config.ts';
import { openRuntime } from '../../open-runtime.ts';
import type { SubscriberStore } from '../../../subscribers/subscriber-store.ts';
import { loadCliConfig } from '../../load-cli-config.ts';

/** Load the config, open (and migrate) the store, run, and always close it. */
export async function withStore<T>(
  command: Command,
  run: (store: SubscriberStore, config: Config) => Promise<T>,
): Promise<T> {
  const config = await loadCliConfig(command);
  const opened = await openRuntime(config);
  try {
    return await run(opened.store, config);
  } finally {
    await opened.close();
  }
}
