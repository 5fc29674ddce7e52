import type { Command } from 'commander';
import type { Output } from './output.ts';

/** Each file in commands/ exports one of these: it adds its command to the program. */
export type RegisterCommand = (program: Command, output: Output, setExitCode: (code: number) => void) => void;
