import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gazettePackageRoot } from '../../config/gazette-package-root.ts';
import { GazetteError } from '../../errors.ts';
import type { RegisterCommand } from '../command.ts';
import { newsletterFiles } from '../init/newsletter-files.ts';

/** `gazette init DIR`: a newsletter folder of one's own, with a config, two items and the next steps. */
export const registerInit: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('init')
    .description(
      'start a newsletter of your own in a new folder: a commented gazette.config.ts, two sample items, .gitignore, package.json and a README of the next commands',
    )
    .argument('<dir>', 'the new folder (it must not exist yet, or be empty)')
    .action(async (dir: string) => {
      const target = path.resolve(dir);
      if (existsSync(target) && readdirSync(target).length > 0) {
        throw new GazetteError(
          'USAGE',
          `${dir} already exists and is not empty: init writes a new folder. Choose another name, or empty it first.`,
          { file: dir },
        );
      }
      const slug =
        path
          .basename(target)
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'newsletter';
      const files = newsletterFiles({ slug, today: todayIn('Asia/Seoul'), gazettePath: packageRoot() });
      for (const [file, text] of Object.entries(files)) {
        const full = path.join(target, file);
        await mkdir(path.dirname(full), { recursive: true });
        // wx: never overwrite, even if something appeared meanwhile.
        await writeFile(full, text, { flag: 'wx' });
      }
      output.out(
        `Created ${dir}:\n${Object.keys(files)
          .map((f) => `  ${f}`)
          .join('\n')}\n\n`,
      );
      const bin = path.join(packageRoot(), 'bin', 'gazette.js');
      output.out(
        `Next:\n  cd ${dir}\n  npm install ${packageRoot()}\n  npx gazette check\n  npx gazette send   # writes .eml files to outbox/\n(or, with no install: node ${bin} check; see ${path.join(dir, 'README.md')})\n`,
      );
      setExitCode(0);
    });
};

function todayIn(timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

/** This checkout's folder, for `npm install <path>` and `node <path>/bin/gazette.js`. */
function packageRoot(): string {
  return gazettePackageRoot() ?? '<path to your gazette checkout>';
}
