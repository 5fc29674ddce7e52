// Streams a generated 100,000-row CSV through `importCsv` into a fresh SQLite store and reports
// rows/s and peak RSS. Usage: node --import tsx scripts/bench/import-subscribers.ts [rows]
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importCsv } from '../../src/subscribers/import-csv.ts';
import { openRuntime } from '../../src/cli/open-runtime.ts';

const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-import-'));
const file = path.join(dir, 'subscribers.csv');
const out = createWriteStream(file);
out.write('email,name,locale,categories\n');
const locales = ['ko', 'en', 'bilingual'];
for (let i = 0; i < rows; i += 1) {
  // Every 50th row repeats an earlier address in upper case; every 97th is invalid.
  const email =
    i % 97 === 0 ? `broken-${i}` : i % 50 === 49 ? `READER${i - 1}@EXAMPLE.COM` : `reader${i}@example.com`;
  if (!out.write(`${email},Reader ${i},${locales[i % 3]},tech;policy\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

const config = {
  databaseUrl: `sqlite:${path.join(dir, 'bench.db')}`,
  rootDir: dir,
  categories: [
    { id: 'tech', label: { ko: '기술', en: 'Tech' } },
    { id: 'policy', label: { ko: '정책', en: 'Policy' } },
  ],
  lists: [{ id: 'daily', name: { ko: '데일리', en: 'Daily' }, locales: [], categories: [] }],
  consentVersion: 'bench',
};
const opened = await openRuntime(config);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const summary = await importCsv(opened.store, createReadStream(file), { config, confirmed: true });
const seconds = (performance.now() - started) / 1000;
const count = await opened.store.count();
await opened.close();
rmSync(dir, { recursive: true, force: true });
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    bench: 'import-subscribers',
    rows: summary.rows,
    stored: count,
    merged: summary.counts.merged,
    invalid: summary.invalid,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(summary.rows / seconds),
    rssBeforeMb: Math.round(rssBefore / 1048576),
    peakRssMb: Math.round(peakMb),
  }),
);
