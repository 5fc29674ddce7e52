// An SMTP sink in a process of its own that accepts every message and parses nothing, so that a
// bench measures the sender: `startDiscardingSink()` forks this file and waits for its port.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const SELF = fileURLToPath(import.meta.url);

export async function startDiscardingSink(): Promise<{ child: ChildProcess; url: string }> {
  // The child inherits this process's loader flags (tsx), so it runs this TypeScript file as is.
  const child = fork(SELF, ['--sink'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  return { child, url: `smtp://127.0.0.1:${port}` };
}

async function sinkChild(): Promise<void> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
  // Stops with the bench: the parent's exit closes the IPC channel.
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === SELF && process.argv[2] === '--sink')
  await sinkChild();
