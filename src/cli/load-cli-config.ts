import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import type { LoadConfigOptions } from '../config/load-config.ts';
import type { Config } from '../config/config.ts';

/** The composition root's config: file (--config) → environment → flags. */
export function loadCliConfig(
  command: Command,
  overrides: LoadConfigOptions['overrides'] = {},
): Promise<Config> {
  const globals = command.optsWithGlobals<{ config?: string }>();
  return loadConfig({ configPath: globals.config, overrides });
}
