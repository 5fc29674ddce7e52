import { Command, CommanderError } from 'commander';
import { isGazetteError } from '../errors.ts';
import { commands } from './commands/index.ts';
import { explainError } from './explain-error.ts';
import { createOutput } from './output.ts';
import type { Output } from './output.ts';
import type { RegisterCommand } from './command.ts';

/** Exit code for a usage error (unknown command or flag, bad value), as most CLIs do. */
export const USAGE_EXIT_CODE = 2;

/** The CLI entry: parse argv (`node gazette …`), run one command, return the exit code. Never calls process.exit. */
export async function main(argv: string[], output = createOutput()): Promise<number> {
  const program = new Command('gazette')
    .description('Daily bilingual (Korean/English) news digests: check, build, send, serve, preview.')
    .option('-c, --config <file>', 'config file (default: gazette.config.* in the current folder)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s), writeErr: (s) => output.err(s) });
  let exitCode = 0;
  try {
    for (const register of await loadCommands(argv)) {
      register(program, output, (code) => {
        exitCode = code;
      });
    }
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; commander has already printed its message.
      if (error.exitCode === 0) return 0;
      explainUsage(program, argv, error, output);
      return USAGE_EXIT_CODE;
    }
    // A closed pipe (`| head`) is the reader's choice, not a failure.
    if (isGazetteError(error, 'OUTPUT_CLOSED')) return 0;
    if (isGazetteError(error)) {
      output.err(`gazette: ${error.message}\n`);
      return error.code === 'USAGE' ? USAGE_EXIT_CODE : 1;
    }
    const explained = explainError(error);
    if (explained !== undefined) {
      output.err(`gazette: ${explained}\n`);
      return 1;
    }
    output.err(`gazette: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

/**
 * The command named on the command line, or every command when none is named (help, a typo):
 * then help and "valid commands" list them all.
 */
async function loadCommands(argv: string[]): Promise<RegisterCommand[]> {
  const args = argv.slice(2);
  let named: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-c' || arg === '--config') i++;
    else if (!arg.startsWith('-')) {
      named = arg;
      break;
    }
  }
  const entry = commands.find((c) => c.name === named);
  return Promise.all((entry ? [entry] : commands).map((c) => c.load()));
}

/** After commander's one-line error, name the valid values (commands or flags) and where help is. */
function explainUsage(program: Command, argv: string[], error: CommanderError, output: Output): void {
  // No command at all: commander has printed the whole help already.
  if (error.code === 'commander.help') return;
  const command = program.commands.find((c) => argv.slice(2).includes(c.name()));
  if (error.code === 'commander.unknownCommand' || command === undefined) {
    output.err(`Valid commands: ${program.commands.map((c) => c.name()).join(', ')}.\n`);
    output.err('(run gazette --help for usage)\n');
    return;
  }
  if (error.code === 'commander.unknownOption') {
    const flags = [...command.options, ...program.options].map((option) => option.long ?? option.flags);
    output.err(`Valid options for gazette ${command.name()}: ${[...flags, '--help'].join(', ')}.\n`);
  }
  output.err(`(run gazette ${command.name()} --help for usage)\n`);
}
