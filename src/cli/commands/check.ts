import { loadItems } from '../../content/load-items.ts';
import { formatProblem } from '../../content/format-problem.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';

export const registerCheck: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('check')
    .description('validate every content file; exit 1 if any has an error')
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .action(async (options: { content?: string }, command) => {
      const config = await loadCliConfig(command, { contentDir: options.content });
      const { items, problems, files } = await loadItems(config.contentDir);
      for (const problem of problems) output.out(`${formatProblem(problem)}\n`);
      const errors = problems.filter((p) => p.severity === 'error');
      const bad = new Set(errors.map((p) => p.file)).size;
      const warnings = problems.length - errors.length;
      output.out(
        `${files} files: ${items.length} valid, ${bad} with errors (${errors.length} errors, ${warnings} warnings)\n`,
      );
      setExitCode(errors.length > 0 ? 1 : 0);
    });
};
