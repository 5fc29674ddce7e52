import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { GazetteError } from '../../../errors.ts';
import { importCsv } from '../../../subscribers/import-csv.ts';
import type { ImportSummary } from '../../../subscribers/import-csv.ts';
import { parseColumnMap } from '../../../subscribers/map-csv-columns.ts';
import type { Output } from '../../output.ts';
import { loadCliConfig } from '../../load-cli-config.ts';
import { plural } from '../../plural.ts';
import { collect, parseLists } from './parse-choice-options.ts';
import { confirmationSender } from './send-confirmation-for.ts';
import { withStore } from './with-store.ts';

interface ImportOptions {
  confirmed?: boolean;
  list?: string[];
  map?: string;
  encoding?: string;
  dryRun?: boolean;
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function registerImport(group: Command, output: Output, setExitCode: (code: number) => void): void {
  group
    .command('import')
    .description(
      'import subscribers from a CSV file (Excel or Google Sheets): columns email, name, language, topics, lists, ad_consent, consented_at, in English or Korean (이메일, 이름, 언어, 관심사, 광고동의, 동의일); "," ";" or tab; UTF-8, UTF-16 or CP949',
    )
    .argument('<file>', 'CSV file')
    .option(
      '--confirmed',
      'consent already given elsewhere: new subscribers start active, no mail is sent (needed for ad_consent and consented_at)',
    )
    .option('--list <id>', 'list new subscribers join (repeatable; default: the first list)', collect)
    .option('--map <field=column,…>', 'which column holds which field, e.g. --map email=메일주소,name=성명')
    .option('--encoding <name>', 'the file’s text encoding (default: detected), e.g. utf-8, cp949, utf-16le')
    .option(
      '--dry-run',
      'read and check every row, show the first ones as they would be imported, write nothing',
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const resolved = path.resolve(file);
      if (!existsSync(resolved)) {
        throw new GazetteError('USAGE', `CSV file ${file} does not exist.`, { file });
      }
      const map = options.map === undefined ? undefined : parseColumnMap(options.map);
      const read = { encoding: options.encoding, map };
      if (options.dryRun) {
        const config = await loadCliConfig(command);
        const summary = await importCsv(undefined, createReadStream(resolved), {
          ...read,
          config,
          confirmed: options.confirmed === true,
          lists: parseLists(options.list, config),
          dryRun: true,
        });
        describeFile(file, summary, output);
        showPreview(summary, output);
        output.out(
          `Dry run: ${plural(summary.rows, 'row')}, ${summary.rows - summary.invalid} would be imported, ${summary.invalid} skipped as invalid. Nothing was written.\n`,
        );
        setExitCode(summary.invalid > 0 ? 1 : 0);
        return;
      }
      await withStore(command, async (store, config) => {
        const confirmed = options.confirmed === true;
        const sender = confirmed ? undefined : confirmationSender(config, store);
        try {
          const summary = await importCsv(store, createReadStream(resolved), {
            ...read,
            config,
            confirmed,
            lists: parseLists(options.list, config),
            onOutcome: async (row, outcome) => {
              if (sender === undefined || (outcome !== 'created' && outcome !== 'renewed')) return;
              const subscriber = await store.findByEmail(row.email);
              if (subscriber?.status === 'pending') await sender.send(subscriber);
            },
          });
          describeFile(file, summary, output);
          const c = summary.counts;
          output.out(
            `${plural(summary.rows, 'row')}: ${c.created} added, ${c.merged} merged into existing, ${c.suppressed} suppressed (forgotten), ${summary.invalid} skipped as invalid.\n`,
          );
          if (sender !== undefined && sender.sent > 0)
            output.out(`${plural(sender.sent, 'confirmation mail')} ${sender.destination}.\n`);
          setExitCode(summary.invalid > 0 ? 1 : 0);
        } finally {
          await sender?.close();
        }
      });
    });
}

/** How the file was read, its unused columns and its bad rows: on stderr, so stdout stays the summary. */
function describeFile(file: string, summary: ImportSummary, output: Output): void {
  const columns = Object.entries(summary.columns)
    .map(([field, header]) => (field === header ? field : `${field}=${header}`))
    .join(', ');
  output.err(
    `${file}: ${summary.encoding.name} (${summary.encoding.reason}), ${DELIMITER_NAMES[summary.delimiter] ?? summary.delimiter}-separated; columns ${columns}\n`,
  );
  if (summary.unused.length > 0) {
    output.err(
      `warning: ${summary.unused.length === 1 ? 'column' : 'columns'} ${summary.unused.map((c) => `"${c}"`).join(', ')} ${summary.unused.length === 1 ? 'is' : 'are'} not imported. ` +
        'Gazette reads email, name, locale (language), categories (topics), lists, ad_consent and consented_at; say which column holds one with --map, e.g. --map locale=COLUMN.\n',
    );
  }
  for (const problem of summary.problems)
    output.err(`${file}:${problem.line}: skipped: ${problem.message}\n`);
  if (summary.invalid > summary.problems.length) {
    output.err(`… and ${plural(summary.invalid - summary.problems.length, 'more bad row')}.\n`);
  }
}

function showPreview(summary: ImportSummary, output: Output): void {
  if (summary.preview.length === 0) return;
  output.out('line\temail\tname\tlocale\tcategories\tlists\n');
  for (const { line, row } of summary.preview) {
    output.out(
      `${line}\t${row.email}\t${row.name ?? ''}\t${row.locale}\t${row.categories.join(',') || '(all)'}\t${row.lists.join(',')}\n`,
    );
  }
}
