import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Mailer } from '../mail/mailer.ts';
import { createLiveReload } from './live-reload.ts';
import { createPreviewApp } from './preview-app.tsx';
import { createPreviewCache } from './preview-cache.ts';
import { createRenderClient } from './render-client.ts';
import type { SourceKind } from './watch-sources.ts';
import { watchSources } from './watch-sources.ts';

export interface PreviewServerOptions {
  /** The config file, absolute; edits restart the render process. */
  configPath: string;
  /** The content folder, absolute (the config's contentDir or `--content`). */
  contentDir: string;
  /** Where "send a test" goes (SMTP_URL or the outbox), built by the caller. */
  mailer: Mailer;
  /** Default 4400; 0 picks a free port. */
  port?: number;
  /** Folders whose edits mean re-importing templates (default: emails/, src/render/, src/transactional/). */
  templateDirs?: string[];
  /** The module exporting renderDigest (default: src/render/render-digest.ts). */
  rendererModule?: string;
  /** See RenderClientOptions.stallMs. */
  renderStallMs?: number;
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  /** Bumped on every change on disk. */
  readonly generation: number;
  close(): Promise<void>;
}

export const DEFAULT_PREVIEW_PORT = 4400;
const HOST = '127.0.0.1';
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `gazette preview`: an HTTP server on 127.0.0.1 showing every edition as it would be sent,
 * re-rendered when content, templates or the config change, with live reload. Rendering runs in
 * a child process so template edits are re-imported and a broken template never stops the server.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const log = options.log ?? (() => {});
  const client = createRenderClient({
    configPath: options.configPath,
    contentDir: options.contentDir,
    rendererModule: options.rendererModule,
    stallMs: options.renderStallMs,
  });
  const cache = createPreviewCache(client);
  const liveReload = createLiveReload(() => cache.generation);
  let port = 0;
  const app = createPreviewApp({
    cache,
    liveReload,
    mailer: options.mailer,
    allowedHosts: () => [`${HOST}:${port}`, `localhost:${port}`],
    log,
  });

  const templateDirs = options.templateDirs ?? [
    path.join(PACKAGE_ROOT, 'emails'),
    path.join(PACKAGE_ROOT, 'src', 'render'),
    path.join(PACKAGE_ROOT, 'src', 'transactional'),
  ];
  const watcher = watchSources(
    [
      { kind: 'content', dir: options.contentDir },
      ...templateDirs.map((dir) => ({ kind: 'templates' as SourceKind, dir })),
      { kind: 'config', dir: path.dirname(options.configPath), names: [path.basename(options.configPath)] },
    ],
    (kinds) => {
      // Content is data: the warm process re-reads it. Templates and config are modules: new process.
      if (kinds.has('templates') || kinds.has('config')) client.restart();
      const generation = cache.invalidate();
      log(`preview: ${[...kinds].join(', ')} changed; reloading open pages`);
      liveReload.broadcast(generation);
    },
  );
  for (const dir of watcher.missing) log(`preview: ${dir} does not exist; it is not watched`);

  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve(
      { fetch: app.fetch, port: options.port ?? DEFAULT_PREVIEW_PORT, hostname: HOST },
      () => resolve(started as Server),
    );
    (started as Server).once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
  // Start the render process while the editor opens the browser.
  client.call({ kind: 'warm' }).catch(() => {});

  return {
    url: `http://${HOST}:${port}`,
    port,
    get generation() {
      return cache.generation;
    },
    async close() {
      watcher.close();
      liveReload.close();
      await client.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
