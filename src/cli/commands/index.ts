import type { RegisterCommand } from '../command.ts';
import { registerCheck } from './check.ts';

/** Every command, in the order `gazette --help` lists them. */
export const commands: RegisterCommand[] = [registerCheck];
