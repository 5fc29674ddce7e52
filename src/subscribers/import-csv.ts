import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Config } from '../config/config.ts';
import { isGazetteError } from '../errors.ts';
import { GazetteError } from '../errors.ts';
import { LOCALES } from '../locale.ts';
import type { Locale } from '../locale.ts';
import { normalizeEmail } from './normalize-email.ts';
import type { SubscribeInput } from './subscriber.ts';
import type { ImportOutcome, SubscriberStore } from './subscriber-store.ts';

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportSummary {
  rows: number;
  counts: Record<ImportOutcome, number>;
  /** Rows skipped as invalid: the first 1,000 are listed, `invalid` counts all. */
  problems: ImportProblem[];
  invalid: number;
}

export interface ImportCsvOptions {
  config: Pick<Config, 'categories' | 'lists' | 'consentVersion'>;
  /** Operator vouches for prior consent: subscribers start active. */
  confirmed: boolean;
  /** Lists new subscribers join (default: the first configured list). */
  lists?: string[];
  /** Rows per transaction. */
  batchSize?: number;
  /** Called for every stored row after its batch commits (e.g. to send confirmations). */
  onOutcome?: (input: SubscribeInput, outcome: ImportOutcome) => Promise<void>;
}

const MAX_LISTED_PROBLEMS = 1000;
const HEADER = ['email', 'name', 'locale', 'categories'];

/**
 * Stream a CSV (`email,name,locale,categories`, categories split by `;`) into the store in
 * batches: memory holds one batch, never the file. Bad rows are reported by line and skipped;
 * the rest goes on (batch work returns per-item results).
 */
export async function importCsv(
  store: SubscriberStore,
  input: Readable,
  options: ImportCsvOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    rows: 0,
    counts: { created: 0, renewed: 0, pending: 0, unchanged: 0, suppressed: 0, merged: 0 },
    problems: [],
    invalid: 0,
  };
  const report = (line: number, message: string) => {
    summary.invalid += 1;
    if (summary.problems.length < MAX_LISTED_PROBLEMS) summary.problems.push({ line, message });
  };
  const categoryIds = new Map(options.config.categories.map((c) => [c.id.toLowerCase(), c.id]));
  const lists = options.lists ?? options.config.lists.slice(0, 1).map((l) => l.id);
  const batchSize = options.batchSize ?? 500;
  const parser = input.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) =>
    report(error.lines ?? 0, `unreadable CSV: ${error.message}`),
  );
  let columns: Map<string, number> | undefined;
  let batch: SubscribeInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const outcomes = await store.importBatch(batch);
    for (const [index, outcome] of outcomes.entries()) {
      summary.counts[outcome] += 1;
      const row = batch[index];
      if (options.onOutcome && row) await options.onOutcome(row, outcome);
    }
    batch = [];
  };
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (columns === undefined) {
      columns = readHeader(record);
      continue;
    }
    summary.rows += 1;
    const field = (name: string) => record[columns?.get(name) ?? -1] ?? '';
    try {
      batch.push(toInput(field, categoryIds, lists, options));
    } catch (error) {
      if (!isGazetteError(error)) throw error;
      report(info.lines, error.message);
      continue;
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}

function readHeader(record: string[]): Map<string, number> {
  const columns = new Map(record.map((name, index) => [name.trim().toLowerCase(), index]));
  if (!columns.has('email')) {
    throw new GazetteError(
      'USAGE',
      `The CSV header must name the columns ${HEADER.join(',')}; it reads "${record.join(',')}".`,
      {
        line: 1,
      },
    );
  }
  return columns;
}

function toInput(
  field: (name: string) => string,
  categoryIds: Map<string, string>,
  lists: string[],
  options: ImportCsvOptions,
): SubscribeInput {
  const email = normalizeEmail(field('email'));
  // Undo the quote `subscribers export` puts before a formula-looking cell.
  const name = field('name').replace(/^'(?=[=+\-@])/, '');
  if (/[\r\n]/.test(name) || name.length > 100) {
    throw new GazetteError('SUBSCRIBER_INVALID', 'name: at most 100 characters, no line breaks.', {
      field: 'name',
    });
  }
  const rawLocale = field('locale').toLowerCase() || 'bilingual';
  if (!(LOCALES as readonly string[]).includes(rawLocale)) {
    throw new GazetteError(
      'SUBSCRIBER_INVALID',
      `locale "${rawLocale}" is not one of ${LOCALES.join(', ')}.`,
      { field: 'locale' },
    );
  }
  const categories = field('categories')
    .split(';')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '')
    .map((c) => {
      const id = categoryIds.get(c);
      if (id === undefined) {
        throw new GazetteError(
          'SUBSCRIBER_INVALID',
          `category "${c}" is not configured; use ${[...categoryIds.values()].join(', ')}.`,
          {
            field: 'categories',
          },
        );
      }
      return id;
    });
  return {
    email,
    name: name === '' ? null : name,
    locale: rawLocale as Locale,
    categories,
    lists,
    consent: { source: 'import', version: options.config.consentVersion },
    confirmed: options.confirmed,
  };
}
