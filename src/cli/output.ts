import { GazetteError } from '../errors.ts';

/** Where the CLI writes; tests pass their own to capture it. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars), false for logs and pipes. */
  isTTY: boolean;
}

export function createOutput(): Output {
  let closed = false;
  // `gazette subscribers list | head`: head exits, the next write fails with EPIPE. Without a
  // listener that is an uncaught exception with a stack; with it the command stops quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    out: (text) => {
      if (closed) throw new GazetteError('OUTPUT_CLOSED', 'stdout was closed by its reader.');
      process.stdout.write(text);
    },
    err: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
  };
}
