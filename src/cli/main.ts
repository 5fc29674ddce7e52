import { Command, CommanderError } from 'commander';
import { isGazetteError } from '../errors.ts';
import { commands } from './commands/index.ts';
import { createOutput } from './output.ts';

/** The CLI entry: parse argv, run one command, return the exit code. Never calls process.exit. */
export async function main(argv: string[], output = createOutput()): Promise<number> {
  const program = new Command('gazette')
    .description('Daily bilingual (Korean/English) news digests: check, build, send, serve, preview.')
    .option('-c, --config <file>', 'config file (default: gazette.config.* in the current folder)')
    .showHelpAfterError('(run gazette --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s), writeErr: (s) => output.err(s) });
  let exitCode = 0;
  for (const register of commands) {
    register(program, output, (code) => {
      exitCode = code;
    });
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isGazetteError(error)) {
      output.err(`gazette: ${error.message}\n`);
      return 1;
    }
    output.err(`gazette: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
