import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DEFAULT_PUBLIC_URL } from '../../config/config.ts';
import { GazetteError } from '../../errors.ts';
import { assertPublicUrlForMail } from '../../config/assert-public-url-for-mail.ts';
import { createMailer } from '../../mail/create-mailer.ts';
import { createEditionArchiveSource } from '../../archive/create-edition-archive-source.ts';
import { loadItems } from '../../content/load-items.ts';
import { latestEditions } from '../latest-editions.ts';
import { openRuntime } from '../open-runtime.ts';
import { createWebApp } from '../../web/create-web-app.tsx';
import { routeGroups } from '../../web/route-groups.ts';
import { openWebhooks } from '../open-webhooks.ts';
import { isStrongSecret, MIN_SECRET_LENGTH, requireSecret } from '../../config/require-secret.ts';
import { isTrustedProxySpec } from '../../config/is-trusted-proxy-spec.ts';
import { formatLogError } from '../../web/format-log-error.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';

interface ServeOptions {
  port: string;
  host: string;
  dev?: boolean;
  trustProxy?: string;
}

/** How long requests in flight get to finish after SIGINT/SIGTERM before their sockets are closed. */
const CLOSE_GRACE_MS = 5_000;

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
    .option(
      '--trust-proxy <addresses>',
      'reverse proxies (comma-separated addresses or CIDRs) whose X-Forwarded-For names the reader; replaces web.trustProxy',
    )
    .action(async (options: ServeOptions, command) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new GazetteError('USAGE', `--port "${options.port}" is not a port number (0–65535).`, {
          field: 'port',
        });
      }
      let config = await loadCliConfig(command);
      if (options.trustProxy !== undefined) {
        const trustProxy = options.trustProxy
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        const bad = trustProxy.find((spec) => !isTrustedProxySpec(spec));
        if (bad !== undefined) {
          throw new GazetteError(
            'USAGE',
            `--trust-proxy "${bad}" is not an IP address or CIDR range: use addresses such as 127.0.0.1,::1 or ranges such as 10.0.0.0/8.`,
            { field: 'trust-proxy' },
          );
        }
        config = { ...config, web: { ...config.web, trustProxy } };
      }
      if (options.dev && !isStrongSecret(config.secret)) {
        config = { ...config, secret: randomBytes(32).toString('base64url') };
        output.err(
          'gazette serve --dev: generated a throwaway GAZETTE_SECRET; links in mail sent now stop working after a restart.\n',
        );
      }
      requireSecret(config);
      // Confirmation and preference mails carry links to this app: over SMTP they must reach it.
      if (!options.dev) assertPublicUrlForMail(config);
      // Listen first: with --dev and no GAZETTE_PUBLIC_URL, links in mail must name the actual port.
      // The node server's `env` carries the socket: without it every reader is one 'unknown'
      // client to the rate limit (and the access log).
      const holder: { fetch?: (request: Request, env: unknown) => Response | Promise<Response> } = {};
      const server = serve({
        // Until the app is built (milliseconds), say so rather than fail.
        fetch: (request, env) => holder.fetch?.(request, env) ?? new Response('starting', { status: 503 }),
        port,
        hostname: options.host,
      });
      await new Promise<void>((resolve, reject) => {
        server.once('listening', () => resolve());
        server.once('error', reject);
      });
      const actual = (server.address() as AddressInfo).port;
      if (options.dev && config.publicUrl === DEFAULT_PUBLIC_URL) {
        const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
        config = { ...config, publicUrl: `http://${host.includes(':') ? `[${host}]` : host}:${actual}` };
      }
      // Stop accepting, let requests in flight finish, then end what is left: a browser's keep-alive
      // or preconnected socket (no request yet, so never "idle") would otherwise hold close() open
      // until Node's header timeout, and a SIGTERM would not stop the server.
      const closeServer = () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeIdleConnections' in server) {
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
          }
        });
      let opened;
      try {
        opened = await openRuntime(config);
        // An archive upgraded from before editions were records keeps what was sent (once).
        await opened.adoptLedgerEditions(config, async () => (await loadItems(config.contentDir)).items);
      } catch (error) {
        await closeServer();
        throw error;
      }
      const archive = createEditionArchiveSource(opened.editions, config);
      let mailer;
      let app;
      let webhooks;
      try {
        mailer = createMailer(config, 'transactional');
        // Provider webhooks (inbound.webhooks), over their own inbound pipeline.
        webhooks = await openWebhooks(config, requireSecret(config));
        app = createWebApp(
          {
            config,
            store: opened.store,
            mailer,
            log: (text, error) =>
              output.err(
                `gazette serve: ${text}${error === undefined ? '' : `: ${formatLogError(error)}`}\n`,
              ),
            accessLog: (line) => output.out(`${line}\n`),
            archive,
            latestEditions: () => latestEditions(archive, config),
          },
          [...routeGroups, ...webhooks.groups],
        );
      } catch (error) {
        await closeServer();
        await webhooks?.close();
        await opened.close();
        throw error;
      }
      holder.fetch = app.app.fetch;
      output.out(
        `gazette serve: listening on http://${options.host}:${actual} (links use ${config.publicUrl}; mail ${mailer.kind === 'outbox' ? `written to ${mailer.destination}` : `via ${mailer.destination}`})\n`,
      );
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      output.out(`gazette serve: ${signal}, closing\n`);
      await closeServer();
      await app.idle();
      await mailer.close();
      await webhooks.close();
      await opened.close();
    });
};
