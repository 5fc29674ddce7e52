import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Every scripts/bench/*.bench.ts, one after the other (two cores: never in parallel).
const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only !== undefined && !file.includes(only)) continue;
  console.log(`\n=== ${file}`);
  await import(pathToFileURL(path.join(dir, file)).href);
}
