// Compiles the CLI's TypeScript sources to JavaScript once, with esbuild, and keeps the result under
// node_modules/.cache/gazette/<fingerprint>/. Why: running the sources through tsx costs every
// process memory (tsx compiles in a loader thread with a V8 isolate of its own) and start-up time
// (figures: docs/benchmarks.md, "Peak memory"); a send to a large list runs within a memory budget
// (docs/sending.md). The fingerprint covers every source file's path, size and mtime, so an edit
// rebuilds; nothing to run by hand after `npm ci` or a `git pull`.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'gazette');
/** Folders whose files go into the build (their every file counts in the fingerprint). */
const SOURCE_DIRS = ['src', 'emails'];
const SOURCE_FILES = ['tsconfig.json', 'package.json', 'bin/build-cli.js'];
/** A build that no process started from for this long is removed (a running process has loaded its code). */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/**
 * The compiled CLI entry (`main.js`, exporting `main`) when a build of the current sources
 * exists, else undefined.
 * @returns {string | undefined}
 */
export function findCli() {
  const dir = path.join(CACHE, fingerprint());
  const entry = path.join(dir, 'main.js');
  if (!exists(entry)) return undefined;
  touch(dir);
  return entry;
}

/**
 * Builds the CLI from the current sources and returns its entry. Safe when several processes
 * start at once: each builds into a folder of its own and the first rename wins.
 * @returns {Promise<string>}
 */
export async function buildCli() {
  const key = fingerprint();
  const dir = path.join(CACHE, key);
  const entry = path.join(dir, 'main.js');
  if (exists(entry)) return entry;
  mkdirSync(CACHE, { recursive: true });
  const staging = path.join(CACHE, `${key}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    await compile(staging);
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another process published the same build first: use theirs.
      if (!exists(entry)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  prune(key);
  return entry;
}

/** @param {string} outdir */
async function compile(outdir) {
  const esbuild = await import('esbuild');
  // esbuild's service process is unref'd: it does not keep the build process alive.
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    bundle: true,
    // One chunk per lazily loaded command: `gazette check` still does not load MJML or React.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    sourcemap: 'linked',
    sourcesContent: false,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'silent',
    plugins: [keepSourceUrls],
  });
}

/**
 * Code that finds files beside itself (`new URL('./x', import.meta.url)`: the preview's render
 * process, the folders it watches, `createRequire`) keeps pointing into the source tree: each
 * such file is compiled with `import.meta.url` defined as its own source URL (a define replaces
 * only code, never the words inside a string).
 * @type {import('esbuild').Plugin}
 */
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.(?:tsx?|mts)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const result = await build.esbuild.transform(source, {
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
        format: 'esm',
        jsx: 'automatic',
        sourcefile: args.path,
        sourcemap: 'inline',
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(args.path).href) },
      });
      return { contents: result.code, loader: 'js' };
    });
  },
};

/** A short hash of every source file's path, size and mtime, and of the build's own code and tools. */
function fingerprint() {
  const hash = createHash('sha256');
  const add = (/** @type {string} */ file) => {
    const stat = statSync(path.join(ROOT, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  for (const dir of SOURCE_DIRS) for (const file of listFiles(dir)) add(file);
  for (const file of SOURCE_FILES) add(file);
  return hash.digest('hex').slice(0, 16);
}

/** @param {string} dir @returns {string[]} paths relative to ROOT, sorted */
function listFiles(dir) {
  const files = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(rel));
    else if (entry.isFile()) files.push(rel);
  }
  return files.sort();
}

/**
 * Builds are named by their 16-hex-digit fingerprint (staging copies add `.tmp-…`); the cache
 * folder holds other things too (the tests' unpacked Chromium), which are not ours to remove.
 */
const BUILD_NAME = /^[0-9a-f]{16}(\.tmp-[0-9a-f]+)?$/;

/**
 * Remove the builds not used for an hour, but the one in use.
 * @param {string} key the build in use
 * @param {string} [cache] the cache folder (tests pass their own)
 */
export function prune(key, cache = CACHE) {
  for (const name of readdirSync(cache)) {
    if (name === key || !BUILD_NAME.test(name)) continue;
    const dir = path.join(cache, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs > PRUNE_AFTER_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/** @param {string} file */
function exists(file) {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Marks a build as in use, so pruning keeps it. @param {string} dir */
function touch(dir) {
  const now = new Date();
  try {
    utimesSync(dir, now, now);
  } catch {
    // Read-only cache: the build is still usable.
  }
}

// Run as a script (`node bin/build-cli.js`): build, then print the entry's path. bin/gazette.js
// builds this way, in a child process, so that esbuild's JavaScript API never stays in a send's memory.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await buildCli()}\n`);
}
