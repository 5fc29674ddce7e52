import type { ConfigFile } from './config-schema.ts';

/** Typed helper for gazette.config.ts; returns its argument. */
export function defineConfig(config: ConfigFile): ConfigFile {
  return config;
}
