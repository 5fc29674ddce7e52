// The preview's render process, started by RenderClient with tsx's loader. It imports the
// config and the templates fresh each time it starts, which is how template edits are picked up:
// ESM modules cannot be unloaded, so the server replaces the whole process instead.
import { describeError, createPreviewPipeline } from './preview-pipeline.ts';
import type { PipelineOptions } from './preview-pipeline.ts';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as PipelineOptions;
const pipeline = createPreviewPipeline(options);

// The libraries the templates use never change while the preview runs: loading them up front
// lets a spare process take over in about a second when a template is edited (they take
// several seconds to load on a small machine). A missing one is simply loaded later.
const LIBRARIES = [
  'react',
  'react-dom/server',
  'mjml',
  '@faire/mjml-react',
  'date-fns',
  'date-fns/locale/ko',
  'date-fns/locale/en-US',
  '@jsx-email/doiuse-email',
];
const preloaded = Promise.all(LIBRARIES.map((name) => import(name).catch(() => undefined))).then(() => {
  if (process.connected) process.send?.({ ready: true });
});

process.on('message', (message: WorkerRequest) => {
  void handle(message).then(
    (value) => reply({ id: message.id, ok: true, value }),
    (error: unknown) =>
      reply({
        id: message.id,
        ok: false,
        error: { message: describeError(error), code: (error as { code?: string }).code },
      }),
  );
});
// A heartbeat: an endless loop in a template stops it, a slow import does not.
setInterval(() => {
  if (process.connected) process.send?.({ beat: true });
}, 1_000);
// The server went away: nothing left to render for.
process.on('disconnect', () => process.exit(0));

async function handle(request: WorkerRequest): Promise<unknown> {
  await preloaded;
  switch (request.kind) {
    case 'warm':
      return pipeline.warm();
    case 'index':
      return pipeline.index(request.generation);
    case 'edition':
      return pipeline.edition(request.generation, request.date);
    case 'transactional':
      return pipeline.transactional(request.name);
  }
}

function reply(response: WorkerResponse): void {
  if (process.connected) process.send?.(response);
}
