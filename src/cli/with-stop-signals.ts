/** SIGTERM/SIGINT: stop claiming, let what is in flight finish and be recorded, exit cleanly. */
export async function withStopSignals<T>(
  run: (signal: AbortSignal) => Promise<T>,
  onStop: (signal: string) => void,
): Promise<T> {
  const controller = new AbortController();
  const stop = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) onStop(name);
    controller.abort();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}
