import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the Gazette package this code runs from (its package.json says "name": "gazette"
 * and its entry `index.js` is there), or undefined. Found by walking up from this file: the CLI
 * runs from a build under the package's node_modules/.cache, or from src/ through tsx.
 */
export function gazettePackageRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = path.dirname(from);
  for (let i = 0; i < 16; i++) {
    if (isGazettePackage(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function isGazettePackage(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest) || !existsSync(path.join(dir, 'index.js'))) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'gazette';
  } catch {
    return false;
  }
}
