#!/usr/bin/env node
// The CLI runs from a JavaScript build of its sources that bin/build-cli.js keeps fresh (no build
// step to remember). Where that build cannot be made (a read-only install), or with
// GAZETTE_FROM_SOURCE=1, the sources run through tsx instead: the same code, more memory
// (docs/benchmarks.md, "Peak memory"). The build has source maps: `node --enable-source-maps
// bin/gazette.js …` names the .ts lines in stack traces (not on by default: Node then also reads
// every dependency's maps).
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCli } from './build-cli.js';

// React's development build renders templates ~10× slower; gazette runs the production build.
process.env.NODE_ENV ??= 'production';
const { main } = await loadMain();
process.exitCode = await main(process.argv);

/** @returns {Promise<{ main: (argv: string[]) => Promise<number> }>} */
async function loadMain() {
  if (process.env.GAZETTE_FROM_SOURCE !== '1') {
    const entry = findCli() ?? buildInChild();
    if (entry !== undefined) return import(pathToFileURL(entry).href);
  }
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig (JSX runtime), whatever folder the operator runs gazette from.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  return import('../src/cli/main.ts');
}

/** Builds in a child process; on failure says why and returns undefined (run from source). */
function buildInChild() {
  try {
    const script = fileURLToPath(new URL('./build-cli.js', import.meta.url));
    const out = execFileSync(process.execPath, [script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out.trim();
  } catch (error) {
    const reason = /** @type {{ stderr?: string, message: string }} */ (error);
    process.emitWarning(
      `gazette runs from source: the build failed (${(reason.stderr || reason.message).trim()})`,
    );
    return undefined;
  }
}
