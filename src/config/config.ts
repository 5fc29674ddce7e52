import type { FileConfig } from './config-schema.ts';

/** Endpoints and secrets: from the environment, overridable by flags, never from the config file. */
export interface RuntimeConfig {
  /** `smtp://` or `smtps://` URL; unset means mail goes to the outbox folder. */
  smtpUrl?: string;
  /** `sqlite:PATH` or `postgres://…`. */
  databaseUrl: string;
  /** HMAC key for link tokens; at least 32 characters where tokens are issued. */
  secret?: string;
  /** Base URL of the web app, used in every link an email carries. */
  publicUrl: string;
}

/** The whole validated configuration, handed down from the composition root. */
export type Config = FileConfig &
  RuntimeConfig & {
    /** Folder the config file was found in; relative paths resolve against it. */
    rootDir: string;
  };

export const DEFAULT_DATABASE_URL = 'sqlite:./data/gazette.db';
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';
