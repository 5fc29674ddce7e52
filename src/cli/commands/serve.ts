import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DEFAULT_PUBLIC_URL } from '../../config/config.ts';
import { GazetteError } from '../../errors.ts';
import { assertPublicUrlForMail } from '../../config/assert-public-url-for-mail.ts';
import { createMailer } from '../../mail/create-mailer.ts';
import { openStore } from '../../subscribers/open-store.ts';
import { createWebApp } from '../../web/create-web-app.tsx';
import { routeGroups } from '../../web/route-groups.ts';
import { MIN_SECRET_LENGTH, requireSecret } from '../../web/require-secret.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { openWebhooks } from '../open-webhooks.ts';

interface ServeOptions {
  port: string;
  host: string;
  dev?: boolean;
}

/** `gazette serve`: the subscribe/confirm/unsubscribe/preferences web app until SIGINT/SIGTERM. */
export const registerServe: RegisterCommand = (program, output) => {
  program
    .command('serve')
    .description('run the web app (subscribe, confirm, one-click unsubscribe, preferences)')
    .option('--port <port>', 'TCP port (0 picks a free one)', '8080')
    .option(
      '--host <address>',
      'address to listen on (use 0.0.0.0 behind a proxy or in a container)',
      '127.0.0.1',
    )
    .option(
      '--dev',
      `generate a throwaway GAZETTE_SECRET when none (of ${MIN_SECRET_LENGTH}+ characters) is set`,
    )
    .action(async (options: ServeOptions, command) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new GazetteError('USAGE', `--port "${options.port}" is not a port number (0–65535).`, {
          field: 'port',
        });
      }
      let config = await loadCliConfig(command);
      if (options.dev && (config.secret === undefined || config.secret.length < MIN_SECRET_LENGTH)) {
        config = { ...config, secret: randomBytes(32).toString('base64url') };
        output.err(
          'gazette serve --dev: generated a throwaway GAZETTE_SECRET; links in mail sent now stop working after a restart.\n',
        );
      }
      requireSecret(config);
      // Confirmation and preference mails carry links to this app: over SMTP they must reach it.
      if (!options.dev) assertPublicUrlForMail(config);
      const opened = await openStore(config);
      const mailer = createMailer(config, 'transactional');
      const webhooks = await openWebhooks(config, requireSecret(config));
      let web;
      try {
        web = createWebApp({ config, store: opened.store, mailer }, [...routeGroups, ...webhooks.groups]);
      } catch (error) {
        await webhooks.close();
        await opened.close();
        throw error;
      }
      const app = web;
      const server = serve({ fetch: app.app.fetch, port, hostname: options.host });
      await new Promise<void>((resolve, reject) => {
        server.once('listening', () => resolve());
        server.once('error', reject);
      });
      const actual = (server.address() as AddressInfo).port;
      if (options.dev && config.publicUrl === DEFAULT_PUBLIC_URL && actual !== 8080) {
        output.err(
          `gazette serve --dev: GAZETTE_PUBLIC_URL is unset; links in mail point to ${DEFAULT_PUBLIC_URL}.\n`,
        );
      }
      output.out(
        `gazette serve: listening on http://${options.host}:${actual} (links use ${config.publicUrl}; mail ${mailer.kind === 'outbox' ? `written to ${mailer.destination}` : `via ${mailer.destination}`})\n`,
      );
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      output.out(`gazette serve: ${signal}, closing\n`);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.idle();
      await mailer.close();
      await webhooks.close();
      await opened.close();
    });
};
