import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Config } from '../config/config.ts';
import { GazetteError, isGazetteError } from '../errors.ts';
import { detectEncoding } from './detect-encoding.ts';
import { mapCsvColumns } from './map-csv-columns.ts';
import type { CsvColumns, ImportField } from './map-csv-columns.ts';
import { parseImportRow } from './parse-import-row.ts';
import type { SubscribeInput } from './subscriber.ts';
import type { ImportOutcome, SubscriberStore } from './subscriber-store.ts';

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportSummary {
  /** Data rows read (the header not counted). */
  rows: number;
  counts: Record<ImportOutcome, number>;
  /** Rows skipped as invalid: the first 1,000 are listed, `invalid` counts all. */
  problems: ImportProblem[];
  invalid: number;
  /** The iconv-lite encoding the file was read in, and why. */
  encoding: { name: string; reason: string };
  delimiter: string;
  /** The file's header name for each field it has. */
  columns: CsvColumns['header'];
  /** Header names of the columns that were not imported. */
  unused: string[];
  /** With `dryRun`: the first rows as they would be imported, with their line numbers. */
  preview: Array<{ line: number; row: SubscribeInput }>;
}

export interface ImportCsvOptions {
  config: Pick<Config, 'categories' | 'lists' | 'consentVersion'> & Partial<Pick<Config, 'timeZone'>>;
  /** Operator vouches for prior consent: subscribers start active. */
  confirmed: boolean;
  /** Lists new subscribers join when the file has no lists column (default: the first configured list). */
  lists?: string[];
  /** Rows per transaction. */
  batchSize?: number;
  /** Called for every stored row after its batch commits (e.g. to send confirmations). */
  onOutcome?: (input: SubscribeInput, outcome: ImportOutcome) => Promise<void>;
  /** iconv-lite encoding name (`--encoding`); default: detected from the first bytes. */
  encoding?: string;
  /** Field → the file's header name (`--map email=이메일`), over the recognised names. */
  map?: Partial<Record<ImportField, string>>;
  /** Read and check every row, write nothing; `preview` holds the first `previewRows` (10). */
  dryRun?: boolean;
  previewRows?: number;
}

const MAX_LISTED_PROBLEMS = 1000;
const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Stream a CSV into the store in batches: memory holds one batch, never the file. The encoding
 * (UTF-8 with or without BOM, UTF-16, CP949) and the delimiter (`,` `;` tab) are found from the
 * first bytes, the columns from the header in English or Korean. Bad rows are reported by line
 * and skipped, including a row the database itself refuses; the rest goes on (batch work
 * returns per-item results).
 */
export async function importCsv(
  store: SubscriberStore | undefined,
  input: Readable,
  options: ImportCsvOptions,
): Promise<ImportSummary> {
  const { sample, bytes } = await readSample(input);
  const encoding = chooseEncoding(sample, options.encoding);
  const head = iconv.decode(sample, encoding.name);
  const delimiter = detectDelimiter(head);
  const summary: ImportSummary = {
    rows: 0,
    counts: { created: 0, renewed: 0, pending: 0, unchanged: 0, suppressed: 0, merged: 0 },
    problems: [],
    invalid: 0,
    encoding,
    delimiter,
    columns: {},
    unused: [],
    preview: [],
  };
  const report = (line: number, message: string) => {
    summary.invalid += 1;
    if (summary.problems.length < MAX_LISTED_PROBLEMS) summary.problems.push({ line, message });
  };
  const decoder = iconv.decodeStream(encoding.name);
  const parser = bytes.pipe(decoder).pipe(
    parse({
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
    }),
  );
  decoder.on('error', (error: Error) => parser.destroy(error));
  parser.on('skip', (error: Error & { lines?: number }) =>
    report(error.lines ?? 0, `unreadable CSV: ${error.message}`),
  );
  const rowOptions = {
    config: options.config,
    confirmed: options.confirmed,
    lists: options.lists ?? options.config.lists.slice(0, 1).map((l) => l.id),
  };
  const writer =
    store === undefined || options.dryRun ? undefined : batchWriter(store, options, summary, report);
  let columns: CsvColumns | undefined;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (columns === undefined) {
      columns = mapCsvColumns(record, options.map);
      summary.columns = columns.header;
      summary.unused = columns.unused;
      continue;
    }
    summary.rows += 1;
    const index = columns.index;
    const field = (name: ImportField) => record[index[name] ?? -1] ?? '';
    let row: SubscribeInput;
    try {
      row = parseImportRow(field, rowOptions);
    } catch (error) {
      if (!isGazetteError(error)) throw error;
      report(info.lines, error.message);
      continue;
    }
    if (writer !== undefined) await writer.add(row, info.lines);
    else if (summary.preview.length < (options.previewRows ?? 10))
      summary.preview.push({ line: info.lines, row });
  }
  await writer?.flush();
  if (columns === undefined) {
    throw new GazetteError(
      'USAGE',
      'The CSV is empty: it needs a header row (for example email,name,locale,topics) and one row per subscriber.',
      { line: 1 },
    );
  }
  return summary;
}

/** Batches into the store; a batch the database refuses is retried row by row to find the bad row. */
function batchWriter(
  store: SubscriberStore,
  options: ImportCsvOptions,
  summary: ImportSummary,
  report: (line: number, message: string) => void,
) {
  const batchSize = options.batchSize ?? 500;
  let batch: Array<{ row: SubscribeInput; line: number }> = [];
  const record = async (row: SubscribeInput, outcome: ImportOutcome) => {
    summary.counts[outcome] += 1;
    if (options.onOutcome) await options.onOutcome(row, outcome);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    let outcomes: ImportOutcome[] | undefined;
    try {
      outcomes = await store.importBatch(current.map((b) => b.row));
    } catch (error) {
      if (!isRowRefusal(error)) throw error;
    }
    if (outcomes !== undefined) {
      for (const [i, outcome] of outcomes.entries()) await record(current[i]!.row, outcome);
      return;
    }
    for (const { row, line } of current) {
      try {
        const [outcome] = await store.importBatch([row]);
        if (outcome !== undefined) await record(row, outcome);
      } catch (error) {
        if (!isRowRefusal(error)) throw error;
        report(line, `the database refused this row: ${(error as Error).message}`);
      }
    }
  };
  return {
    async add(row: SubscribeInput, line: number) {
      batch.push({ row, line });
      if (batch.length >= batchSize) await flush();
    },
    flush,
  };
}

/**
 * An error about the data of a row rather than the database as a whole: PostgreSQL classes 22
 * (data exception, such as 0x00 in text) and 23 (integrity), SQLite constraint and type errors.
 */
function isRowRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return /^2[23][0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}

/** The first bytes (to find the encoding) and a stream of the whole input, those bytes included. */
async function readSample(input: Readable): Promise<{ sample: Buffer; bytes: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    size += chunk.length;
  }
  const sample = Buffer.concat(chunks);
  async function* all(): AsyncGenerator<Buffer> {
    yield sample;
    if (done) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { sample, bytes: Readable.from(all(), { objectMode: false }) };
}

function chooseEncoding(sample: Buffer, asked: string | undefined): ImportSummary['encoding'] {
  if (asked !== undefined) {
    if (!iconv.encodingExists(asked)) {
      throw new GazetteError(
        'USAGE',
        `--encoding "${asked}" is not an encoding Gazette knows. Use for example utf-8, cp949 (Korean Excel), euc-kr, utf-16le or windows-1252.`,
        { field: 'encoding' },
      );
    }
    return { name: asked, reason: '--encoding' };
  }
  if (sample.length === 0) return { name: 'utf8', reason: 'empty file' };
  const detected = detectEncoding(sample);
  if (detected === undefined) {
    throw new GazetteError(
      'USAGE',
      'Cannot tell the text encoding of the CSV (it is not UTF-8). Say which it is, for example --encoding cp949 (Korean Excel) or --encoding windows-1252, and check the names with --dry-run.',
      { field: 'encoding' },
    );
  }
  return { name: detected.encoding, reason: detected.reason };
}

/** The delimiter that splits the header line most often (outside quotes); a comma by default. */
function detectDelimiter(head: string): string {
  const line =
    head
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = unquoted.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
