/** Where the CLI writes; tests pass their own to capture it. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars), false for logs and pipes. */
  isTTY: boolean;
}

export function createOutput(): Output {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
  };
}
