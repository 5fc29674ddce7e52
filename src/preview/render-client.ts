import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GazetteError } from '../errors.ts';
import type { PipelineOptions } from './preview-pipeline.ts';
import type { WorkerCall, WorkerMessage } from './worker-protocol.ts';

export interface RenderClientOptions extends PipelineOptions {
  /**
   * A render process that stops answering its heartbeat for this long while it has work is
   * killed and the work reported (an endless loop in a template). Default 30 s.
   */
  stallMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

// Plain JavaScript that registers tsx (with the project's tsconfig), then imports render-worker.ts.
const WORKER = fileURLToPath(new URL('./render-worker-boot.mjs', import.meta.url));
// A spare starts once the current process has answered, so the two never fight for the CPU at start.
const SPARE_DELAY_MS = 2_000;

/**
 * The preview server's handle on its render process, and on a spare one. Requests are numbered
 * and answered over IPC. `restart()` (template or config edits) fails what was in flight and
 * puts the spare to work: it has loaded the libraries but no template, so it imports the edited
 * ones fresh. A crash or a stall fails the pending requests with PREVIEW_WORKER; the next call
 * starts a new process. Stalls are told by a missing heartbeat once the libraries are loaded, not
 * by a deadline, because a cold start on a busy machine (or on Node 24, whose module loading
 * through tsx blocks for long) can take longer than any render.
 */
export function createRenderClient(options: RenderClientOptions) {
  const stallMs = options.stallMs ?? 30_000;
  let child: ChildProcess | undefined;
  let spare: ChildProcess | undefined;
  let spareTimer: NodeJS.Timeout | undefined;
  let lastBeat = Date.now();
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const ready = new WeakSet<ChildProcess>();

  const failAll = (message: string) => {
    for (const [id, entry] of pending) {
      entry.reject(new GazetteError('PREVIEW_WORKER', message));
      pending.delete(id);
    }
  };

  const planSpare = () => {
    if (closed || spare !== undefined || spareTimer !== undefined) return;
    spareTimer = setTimeout(() => {
      spareTimer = undefined;
      if (!closed) spare ??= start();
    }, SPARE_DELAY_MS);
    spareTimer.unref();
  };

  const start = (): ChildProcess => {
    const { stallMs: _stall, ...pipeline } = options;
    const started = fork(WORKER, [JSON.stringify(pipeline)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    started.on('message', (message: WorkerMessage) => {
      if ('ready' in message) ready.add(started);
      if (started !== child) return;
      lastBeat = Date.now();
      if ('beat' in message || 'ready' in message) return;
      const entry = pending.get(message.id);
      if (entry === undefined) return;
      pending.delete(message.id);
      planSpare();
      if (message.ok) entry.resolve(message.value);
      else
        entry.reject(
          new GazetteError('RENDER_FAILED', message.error.message, { workerCode: message.error.code }),
        );
    });
    started.on('exit', (code, signal) => {
      if (spare === started) spare = undefined;
      if (child !== started) return;
      child = undefined;
      failAll(
        `The render process stopped (${signal ?? `exit code ${code}`}); the next page load starts a new one.`,
      );
    });
    started.on('error', (error) => {
      if (child === started) failAll(`The render process failed: ${error.message}`);
    });
    return started;
  };

  const stop = () => {
    const old = child;
    child = undefined;
    if (old !== undefined && old.exitCode === null) old.kill('SIGKILL');
  };

  const use = (next: ChildProcess) => {
    child = next;
    lastBeat = Date.now();
  };

  const watchdog = setInterval(
    () => {
      // Loading the libraries may block for long (Node 24 loads CommonJS through tsx synchronously);
      // only a process that has loaded them and then falls silent is stuck.
      if (child === undefined || !ready.has(child) || pending.size === 0 || Date.now() - lastBeat < stallMs)
        return;
      stop();
      failAll(
        `Rendering stopped responding for ${stallMs / 1000} s and was stopped; look for an endless loop in a template.`,
      );
    },
    Math.min(1_000, stallMs / 4),
  );
  watchdog.unref();

  return {
    call<T>(request: WorkerCall): Promise<T> {
      if (child === undefined) use(start());
      const target = child as ChildProcess;
      const id = nextId++;
      if (pending.size === 0) lastBeat = Date.now();
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        target.send({ ...request, id });
      });
    },
    /** Replace the process so the next render imports templates and config afresh. */
    restart(): void {
      stop();
      failAll('The templates or the config changed while rendering; the page reloads.');
      use(spare ?? start());
      spare = undefined;
      // Warm up now: by the time the reloading page asks, the imports are done.
      this.call({ kind: 'warm' }).catch(() => {});
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(watchdog);
      clearTimeout(spareTimer);
      const old = child;
      stop();
      if (spare !== undefined && spare.exitCode === null) spare.kill('SIGKILL');
      spare = undefined;
      failAll('The preview server is shutting down.');
      if (old !== undefined && old.exitCode === null && old.signalCode === null) {
        await new Promise<void>((resolve) => old.once('exit', () => resolve()));
      }
    },
  };
}

export type RenderClient = ReturnType<typeof createRenderClient>;
