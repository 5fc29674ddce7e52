export { loadConfig, parseConfig, resolveConfig, CONFIG_FILE_NAMES } from './load-config.ts';
export type { LoadConfigOptions } from './load-config.ts';
export { assertPublicUrlForMail } from './assert-public-url-for-mail.ts';
export { defineConfig } from './define-config.ts';
export type { Config, RuntimeConfig } from './config.ts';
export { DEFAULT_DATABASE_URL, DEFAULT_PUBLIC_URL } from './config.ts';
export type { ConfigFile, FileConfig, CategoryConfig, ListConfig } from './config-schema.ts';
