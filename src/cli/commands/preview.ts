import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { CONFIG_FILE_NAMES } from '../../config/load-config.ts';
import { GazetteError } from '../../errors.ts';
import { createMailer } from '../../mail/create-mailer.ts';
import { DEFAULT_PREVIEW_PORT, startPreviewServer } from '../../preview/start-preview-server.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';

export const registerPreview: RegisterCommand = (program, output) => {
  program
    .command('preview')
    .description('show every edition, list and locale in the browser, live, with preflight checks')
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .option('--port <n>', `port on 127.0.0.1 (default ${DEFAULT_PREVIEW_PORT})`, parsePort)
    .action(async (options: { content?: string; port?: number }, command) => {
      const config = await loadCliConfig(command, { contentDir: options.content });
      const explicit = (command as Command).optsWithGlobals<{ config?: string }>().config;
      const configPath =
        explicit === undefined
          ? CONFIG_FILE_NAMES.map((name) => path.join(config.rootDir, name)).find((file) => existsSync(file))
          : path.resolve(explicit);
      if (configPath === undefined)
        throw new GazetteError('CONFIG_NOT_FOUND', 'The config file vanished; pass --config FILE.');
      const mailer = createMailer(config, 'preview');
      const port = options.port ?? DEFAULT_PREVIEW_PORT;
      let server;
      try {
        server = await startPreviewServer({
          configPath,
          contentDir: config.contentDir,
          mailer,
          port,
          log: (line) => output.err(`${line}\n`),
        });
      } catch (error) {
        await mailer.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new GazetteError(
            'USAGE',
            `Port ${port} on 127.0.0.1 is in use. Stop the other program or pass --port N.`,
          );
        }
        throw error;
      }
      output.out(`Preview at ${server.url} (tests go to ${mailer.destination}). Ctrl-C stops it.\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      await mailer.close();
    });
};

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  }
  return port;
}
