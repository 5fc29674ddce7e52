import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gazettePackageRoot } from './gazette-package-root.ts';

const run = promisify(execFile);

/**
 * The default export of a `gazette.config.{ts,mts,js,mjs}`. JavaScript is imported as it is;
 * TypeScript is bundled by esbuild (its relative imports inlined, packages left as imports)
 * into a temporary `.mjs` beside the file, so that its imports resolve as they would from the
 * file itself, then imported and removed (Vite loads `vite.config.ts` the same way). This works
 * whether or not a TypeScript loader is running: the CLI runs compiled JavaScript.
 *
 * `import … from 'gazette'` is bound to the package this CLI runs from (its `index.js`, inlined),
 * so a newsletter folder needs no node_modules/gazette when it runs the CLI by its path
 * (`node /path/to/gazette/bin/gazette.js check`); with one, the running CLI's wins all the same.
 * A JavaScript config whose `'gazette'` cannot be found is bundled the same way.
 */
export async function importConfigModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  if (!/\.m?ts$/.test(file)) {
    try {
      return ((await import(url)) as { default?: unknown }).default;
    } catch (error) {
      // A JavaScript config that imports 'gazette' from a folder with no node_modules/gazette:
      // bundled like TypeScript, so that import is this package's too.
      if (!isGazetteNotFound(error)) throw error;
    }
  }
  return importBundled(file, url);
}

async function importBundled(file: string, url: string): Promise<unknown> {
  const code = await bundleConfig(file, url);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.mjs`);
  await writeFile(temp, code);
  try {
    return ((await import(pathToFileURL(temp).href)) as { default?: unknown }).default;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * esbuild's command (a native binary, ~10 ms) rather than its JavaScript API: the API module
 * would stay loaded, ~11 MB, for the whole of a send.
 */
async function bundleConfig(file: string, url: string): Promise<string> {
  const esbuild = createRequire(import.meta.url).resolve('esbuild/bin/esbuild');
  try {
    const { stdout } = await run(
      esbuild,
      [
        file,
        '--bundle',
        '--packages=external',
        '--format=esm',
        '--platform=node',
        '--target=node20.19',
        '--log-level=error',
        '--color=false',
        // The config sees its own location, not the temporary file's.
        `--define:import.meta.url=${JSON.stringify(url)}`,
        ...gazetteAlias(),
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout;
  } catch (error) {
    // esbuild prints each syntax error with its file, line and column.
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || (error as Error).message, { cause: error });
  }
}

/** esbuild's `--alias` for the bare `gazette` import, when this code runs from the package. */
function gazetteAlias(): string[] {
  const root = gazettePackageRoot();
  return root === undefined ? [] : [`--alias:gazette=${path.join(root, 'index.js')}`];
}

/** Node's "Cannot find package 'gazette'" (ERR_MODULE_NOT_FOUND for the bare name). */
function isGazetteNotFound(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes("package 'gazette'")
  );
}
