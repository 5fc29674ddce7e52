import type { ConfigFile } from './src/config/config-schema.ts';

export type { ConfigFile };
/** Typed helper for gazette.config.ts; returns its argument. */
export declare function defineConfig(config: ConfigFile): ConfigFile;
