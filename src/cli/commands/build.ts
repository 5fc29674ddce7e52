import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { isValid, parseISO } from 'date-fns';
import { exportWebArchive } from '../../archive/export-web-archive.ts';
import { formatProblem } from '../../content/format-problem.ts';
import { loadItems } from '../../content/load-items.ts';
import { buildEditions } from '../../edition/build-editions.ts';
import type { Edition } from '../../edition/edition.ts';
import { editionItems } from '../../edition/edition.ts';
import { GazetteError } from '../../errors.ts';
import type { Locale } from '../../locale.ts';
import { LOCALES } from '../../locale.ts';
import { encodedHtmlBytes } from '../../render/encoded-html-bytes.ts';
import { personalize } from '../../render/personalize.ts';
import { renderDigest } from '../../render/render-digest.ts';
import type { Config } from '../../config/config.ts';
import type { RegisterCommand } from '../command.ts';
import type { Output } from '../output.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { openEditionSource } from '../../editions/open-edition-source.ts';
import type { EditionSource } from '../../editions/open-edition-source.ts';
import { plural } from '../plural.ts';

interface BuildOptions {
  date?: string;
  all?: boolean;
  content?: string;
  out?: string;
  locale?: Locale;
}

/** A built file's per-recipient links point here, so the preview is clearly not anybody's. */
const PREVIEW_TOKEN = 'preview';

export const registerBuild: RegisterCommand = (program, output, setExitCode) => {
  program
    .command('build')
    .description('render every list and locale of a day to OUT/DATE/<list>.<locale>.html and .txt')
    .option('--date <YYYY-MM-DD>', 'the edition date (in the config time zone)', parseDate)
    .option('--all', 'build every date found in the content')
    .option('--content <dir>', 'content folder (default: contentDir from the config)')
    .option('--out <dir>', 'output folder (default: outDir from the config, dist/)')
    .addOption(new Option('--locale <locale>', 'only this locale').choices(LOCALES))
    .action(async (options: BuildOptions, command) => {
      if (options.date === undefined && options.all !== true) {
        throw new GazetteError(
          'USAGE',
          'build needs --date YYYY-MM-DD (for example --date 2026-03-02) or --all.',
        );
      }
      const config = await loadCliConfig(command, { contentDir: options.content, outDir: options.out });
      const { items, problems } = await loadItems(config.contentDir);
      for (const problem of problems) output.err(`${formatProblem(problem)}\n`);
      const skipped = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file)).size;
      if (skipped > 0) output.err(`${plural(skipped, 'bad file')} skipped; run gazette check for details\n`);
      const editions = buildEditions(items, { timeZone: config.timeZone, categories: config.categories });
      const chosen = options.all === true ? editions : editions.filter((e) => e.date === options.date);
      if (chosen.length === 0) {
        const dates = editions.map((e) => e.date).join(', ') || 'none';
        throw new GazetteError(
          'USAGE',
          `No items for ${options.date ?? 'any date'} in ${config.contentDir}. Dates with items: ${dates}.`,
        );
      }
      const source = await openEditionSource(config, items);
      try {
        for (const edition of [...chosen].reverse()) {
          await buildDate(edition, source, config, options.locale, output);
        }
        // The web edition of each date (OUT/DATE/web/) and the static archive (OUT/archive/):
        // what was sent when the database knows it, else (no database yet) the content.
        const sent = await source.sent();
        if (sent === undefined) {
          output.err("No database yet: the web archive lists the content's editions, not sent ones.\n");
        }
        const web = await exportWebArchive({
          config,
          editions: sent ?? editions,
          dates: chosen.map((e) => e.date),
        });
        output.out(
          `web archive: ${plural(web.listed.length, 'edition')} listed → ${path.join(config.outDir, 'archive')}\n`,
        );
      } finally {
        await source.close();
      }
      setExitCode(0);
    });
};

async function buildDate(
  edition: Edition,
  source: EditionSource,
  config: Config,
  only: Locale | undefined,
  output: Output,
): Promise<void> {
  const dir = path.join(config.outDir, edition.date);
  await mkdir(dir, { recursive: true });
  const variants: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const lists: Record<string, unknown>[] = [];
  for (const list of config.lists) {
    // A sent edition is shown as it was frozen (and says so); an unsent one from the content.
    const { edition: listEdition, frozen } = await source.editionOf(list, edition.date);
    lists.push({
      list: list.id,
      frozen,
      number: listEdition.number,
      items: editionItems(listEdition).map((item) => item.id),
      marks: listEdition.marks ?? {},
    });
    if (frozen) {
      lines.push(
        `  ${list.id}: No. ${listEdition.number} as sent (frozen ${listEdition.frozenAt}); edits to its files since are not in it`,
      );
    }
    if (listEdition.sections.length === 0) {
      lines.push(`  ${list.id}: nothing for this date (no item of its categories, or all sent before)`);
      continue;
    }
    for (const locale of list.locales.filter((l) => only === undefined || l === only)) {
      const rendered = await renderDigest(listEdition, { config, list, locale });
      const preview = personalize(rendered, { token: PREVIEW_TOKEN });
      const base = `${list.id}.${locale}`;
      await writeFile(path.join(dir, `${base}.html`), preview.html);
      await writeFile(path.join(dir, `${base}.txt`), preview.text);
      variants.push({
        list: list.id,
        locale,
        subject: rendered.subject,
        htmlBytes: Buffer.byteLength(preview.html),
        textBytes: Buffer.byteLength(rendered.text),
        items: editionItems(listEdition).length,
        compactedItemIds: rendered.compactedItemIds,
        files: { html: `${base}.html`, text: `${base}.txt` },
      });
      const compacted = rendered.compactedItemIds.length;
      // Decoded (what Gmail's clip and the budget count), then as sent (transfer-encoded).
      const sent = encodedHtmlBytes(preview.html).bytes;
      lines.push(
        `  ${base.padEnd(22)} ${(rendered.htmlBytes / 1024).toFixed(1).padStart(6)} KB (${(sent / 1024).toFixed(1)} KB sent)${compacted > 0 ? `  (${compacted} compacted)` : ''}  ${rendered.subject}`,
      );
    }
  }
  const summary = {
    date: edition.date,
    timeZone: edition.timeZone,
    advertising: edition.advertising,
    sections: edition.sections.map((s) => ({ id: s.id, label: s.label, items: s.items.map((i) => i.id) })),
    lists,
    variants,
  };
  await writeFile(path.join(dir, 'edition.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const count = editionItems(edition).length;
  output.out(
    `${edition.date}: ${plural(count, 'item')} in ${plural(edition.sections.length, 'section')} → ${dir}\n${lines.join('\n')}\n`,
  );
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValid(parseISO(value))) {
    throw new InvalidArgumentError('use a real calendar date as YYYY-MM-DD, for example 2026-03-02.');
  }
  return value;
}
