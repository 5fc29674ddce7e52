import { loadItems } from '../../content/load-items.ts';
import { formatProblem } from '../../content/format-problem.ts';
import { findUnknownCategories } from '../../content/find-unknown-categories.ts';
import type { RegisterCommand } from '../command.ts';
import { editionNotes } from '../edition-notes.ts';
import { loadCliConfig } from '../load-cli-config.ts';

/** `gazette check [--content DIR]`: every problem, one per line; exit 1 on any error, warnings alone pass. */
export const registerCheck: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('check')
    .description('validate every content file; exit 1 if any has an error')
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .action(async (options: { content?: string }, command) => {
      const config = await loadCliConfig(command, { contentDir: options.content });
      const { items, problems: loadProblems, files } = await loadItems(config.contentDir);
      const problems = [...loadProblems, ...findUnknownCategories(items, config.categories)];
      for (const problem of problems) output.out(`${formatProblem(problem)}\n`);
      const errors = problems.filter((p) => p.severity === 'error');
      const bad = new Set(errors.map((p) => p.file)).size;
      const warnings = problems.length - errors.length;
      // Information only (the exit code is the content's): what happened to items already sent.
      for (const note of await editionNotes(config, items)) output.out(`${note}\n`);
      if (files === 0) output.out(`No content files (.md, .txt) in ${config.contentDir}\n`);
      output.out(
        `${plural(files, 'file')}: ${items.length} valid, ${bad} with errors (${plural(errors.length, 'error')}, ${plural(warnings, 'warning')})\n`,
      );
      setExitCode(errors.length > 0 ? 1 : 0);
    });
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
