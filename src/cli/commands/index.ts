import type { RegisterCommand } from '../command.ts';
import { registerCheck } from './check.ts';
import { registerPreview } from './preview.ts';
import { registerBuild } from './build.ts';
import { registerSend } from './send.ts';
import { registerDemo } from './demo.ts';
import { registerSchedule } from './schedule.ts';
import { registerServe } from './serve.ts';
import { registerSubscribers } from './subscribers.ts';

/** Every command, in the order `gazette --help` lists them. */
export const commands: RegisterCommand[] = [
  registerCheck,
  registerBuild,
  registerSend,
  registerSchedule,
  registerDemo,
  registerPreview,
  registerServe,
  registerSubscribers,
];
