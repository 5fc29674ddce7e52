import type { RegisterCommand } from '../command.ts';
import { registerAdd } from './subscribers/add.ts';
import { registerSubscribersCheck } from './subscribers/check.ts';
import { registerCount } from './subscribers/count.ts';
import { registerExport } from './subscribers/export.ts';
import { registerImport } from './subscribers/import.ts';
import { registerList } from './subscribers/list.ts';
import { registerRemove } from './subscribers/remove.ts';

/** `gazette subscribers add|import|export|list|count|remove|check`. */
export const registerSubscribers: RegisterCommand = (program, output, setExitCode) => {
  const group = program.command('subscribers').description('manage subscribers (store from DATABASE_URL)');
  registerAdd(group, output);
  registerImport(group, output, setExitCode);
  registerExport(group, output);
  registerList(group, output);
  registerCount(group, output);
  registerRemove(group, output);
  registerSubscribersCheck(group, output, setExitCode);
};
