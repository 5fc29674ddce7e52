import type { Context } from 'hono';
import type { Config } from '../config/config.ts';
import type { ArchiveSource } from '../archive/archive-source.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';

/** What the web app is built from; the composition root (`gazette serve`, tests) supplies it. */
export interface WebDeps {
  /** `secret` must hold at least 32 characters. */
  config: Config;
  store: SubscriberStore;
  /** Confirmation and welcome mails go through this. */
  mailer: Mailer;
  /** Where server errors are logged with their detail (default: stderr). */
  log?: (message: string, error?: unknown) => void;
  /** Form posts per client IP and window (default 10 per minute). */
  rateLimit?: { max: number; windowMs: number };
  /** A pending address gets at most one confirmation mail per this interval (default 10 minutes). */
  resendAfterMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  /** What the archive serves: the sent editions (default: none, an empty archive). */
  archive?: ArchiveSource;
  /** One line per request (method, route pattern, status, ms); `gazette serve` prints them. */
  accessLog?: (line: string) => void;
  /** The archive's newest editions for the home page; without it the page lists none. */
  latestEditions?: () => Promise<LatestEdition[]>;
}

/** An edition as the home page links to it. */
export interface LatestEdition {
  listId: string;
  number?: number;
  /** `YYYY-MM-DD`. */
  date: string;
  title: string;
  url: string;
}

/** WebDeps with defaults resolved, handed to every route group. */
export interface WebContext {
  config: Config;
  store: SubscriberStore;
  mailer: Mailer;
  secret: string;
  log: (message: string, error?: unknown) => void;
  now: () => Date;
  resendAfterMs: number;
  archive?: ArchiveSource;
  rateLimit: { max: number; windowMs: number };
  /** Run work after the response (store writes, mail), so known and unknown addresses answer alike and fast. */
  defer(label: string, task: () => Promise<unknown>): void;
  /** The reader's address: the socket's peer, or what a trusted proxy (`web.trustProxy`) forwarded. */
  clientIp(c: Context): string;
  latestEditions?: () => Promise<LatestEdition[]>;
}
