import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Config } from '../../src/config/config.ts';
import { createEditionArchiveSource } from '../../src/archive/create-edition-archive-source.ts';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import { createOutboxMailer } from '../../src/mail/create-outbox-mailer.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import type { WebApp } from '../../src/web/create-web-app.tsx';
import { DIALECTS } from '../helpers/databases.ts';
import type { ArchiveFixture } from './archive-fixture.ts';
import { freezeEditions } from './freeze-editions.ts';

export interface ArchiveServer {
  base: string;
  config: Config;
  /** Freeze (send, as far as the archive knows) the editions of these dates from the content now. */
  freeze(dates: readonly string[]): Promise<void>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

const SECRET = 'archive-test-secret-0123456789-abcdefghij';

/**
 * The readers' web app exactly as `gazette serve` builds it (every route group, security
 * headers), on port 0, with the fixture's past dates frozen as a send would have (the archive
 * serves sent editions only). A real SQLite store in a temp folder and an outbox mailer.
 */
export async function startArchiveServer(
  fixture: ArchiveFixture,
  sentDates: readonly string[] = fixture.pastDates,
): Promise<ArchiveServer> {
  const sqlite = DIALECTS.find((dialect) => dialect.name === 'sqlite');
  if (sqlite === undefined) throw new Error('no sqlite dialect in tests/helpers/databases.ts');
  const database = await sqlite.create();
  const holder: { web?: WebApp } = {};
  const server = serve({
    fetch: (request, env) => (holder.web as WebApp).app.fetch(request, env),
    port: 0,
    hostname: '127.0.0.1',
  }) as Server;
  await new Promise<void>((resolve) =>
    server.listening ? resolve() : server.once('listening', () => resolve()),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = { ...fixture.config(base), secret: SECRET };
  const mailer = createOutboxMailer(path.join(fixture.root, 'outbox'));
  const editions = createEditionStore(database.database.db);
  // As cron would have: every past date of the fixture was sent on its day.
  await freezeEditions(editions, config, sentDates);
  holder.web = createWebApp({
    config,
    store: createKyselyStore(database.database.db),
    mailer,
    archive: createEditionArchiveSource(editions, config),
  });
  return {
    base,
    config,
    freeze: (dates) => freezeEditions(editions, config, dates),
    get: (target, headers = {}) => fetch(`${base}${target}`, { headers, redirect: 'manual' }),
    async close() {
      await holder.web?.idle();
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.cleanup();
    },
  };
}
