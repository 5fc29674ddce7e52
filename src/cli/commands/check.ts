import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadItems } from '../../content/load-items.ts';
import { formatProblem } from '../../content/format-problem.ts';
import { findUnknownCategories } from '../../content/find-unknown-categories.ts';
import type { ContentProblem, Item } from '../../content/item.ts';
import { readFrontMatter } from '../../content/read-front-matter.ts';
import type { RegisterCommand } from '../command.ts';
import { editionNotes } from '../edition-notes.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { plural } from '../plural.ts';

/** `gazette check [--content DIR] [--json]`: every problem, one per line; exit 1 on any error, warnings alone pass. */
export const registerCheck: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('check')
    .description('validate every content file; exit 1 if any has an error')
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .option(
      '--json',
      'one JSON object: files, valid, errors and warnings (each with file, line, field, message)',
    )
    .action(async (options: { content?: string; json?: boolean }, command) => {
      const config = await loadCliConfig(command, { contentDir: options.content });
      const { items, problems: loadProblems, files } = await loadItems(config.contentDir);
      // Errors and warnings at once: a file with an error still has its categories checked.
      const rejected = await rawCategories(config.contentDir, loadProblems, items);
      const problems = [
        ...loadProblems,
        ...findUnknownCategories([...items, ...rejected], config.categories),
      ].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
      const errors = problems.filter((p) => p.severity === 'error');
      const warnings = problems.filter((p) => p.severity !== 'error');
      const bad = new Set(errors.map((p) => p.file)).size;
      setExitCode(errors.length > 0 ? 1 : 0);
      // Information only (the exit code is the content's): what happened to items already sent.
      const notes = await editionNotes(config, items);
      if (options.json) {
        const shape = ({ file, line, field, message, code }: ContentProblem) => ({
          file,
          line,
          field,
          code,
          message,
        });
        output.out(
          `${JSON.stringify({ contentDir: config.contentDir, files, valid: items.length, errors: errors.map(shape), warnings: warnings.map(shape), editions: notes })}\n`,
        );
        return;
      }
      for (const problem of problems) output.out(`${formatProblem(problem)}\n`);
      for (const note of notes) output.out(`${note}\n`);
      if (files === 0) output.out(`No content files (.md, .txt) in ${config.contentDir}\n`);
      output.out(
        `${plural(files, 'file')}: ${items.length} valid, ${bad} with errors (${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')})\n`,
      );
    });
};

/** The categories front matter names in files that failed validation (when it is readable YAML). */
async function rawCategories(
  dir: string,
  problems: ContentProblem[],
  items: Item[],
): Promise<Array<Pick<Item, 'file' | 'categories'>>> {
  const loaded = new Set(items.map((item) => item.file));
  const files = [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file))];
  const found: Array<Pick<Item, 'file' | 'categories'>> = [];
  for (const file of files.filter((f) => !loaded.has(f))) {
    let source: string;
    try {
      source = await readFile(path.join(dir, file), 'utf8');
    } catch {
      continue;
    }
    const read = readFrontMatter(file, source);
    if (read.problem !== undefined) continue;
    const raw = read.data.categories;
    const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
    const categories = list.filter((c): c is string => typeof c === 'string' && c.trim() !== '');
    if (categories.length > 0) found.push({ file, categories: categories.map((c) => c.trim()) });
  }
  return found;
}
