import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ChromiumFound {
  executablePath: string;
  /** Where it came from, for the one line the suite prints. */
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
}

export interface FindChromiumOptions {
  env?: NodeJS.ProcessEnv;
  /** Absolute paths tried before PATH; the usual install locations by default. */
  systemPaths?: string[];
  /** Where the npm Chromium is unpacked; node_modules/.cache/gazette by default. */
  cacheDir?: string;
}

// The usual install locations (Debian/Ubuntu, Fedora, snap, Google's packages, macOS).
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
// Names looked up on PATH, the way `which` does.
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/**
 * The browser for the real-Chromium tests, in this order: an explicit `CHROMIUM_PATH`, the system's
 * Chromium or Chrome, then the Chromium that `@sparticuz/chromium` (a devDependency) ships inside
 * the npm package, so `npm ci && npm test` needs no system browser. Throws naming the fix.
 */
export async function findChromium(options: FindChromiumOptions = {}): Promise<ChromiumFound> {
  const { env = process.env, systemPaths = SYSTEM_PATHS, cacheDir = defaultCacheDir() } = options;
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH)) {
      throw new Error(
        `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file. Fix the path or unset it.`,
      );
    }
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => SYSTEM_NAMES.map((name) => path.join(dir, name)));
  const system = [...systemPaths, ...onPath].find(isExecutable);
  if (system) return { executablePath: system, source: 'system' };
  if (process.platform === 'linux' && process.arch === 'x64') {
    return { executablePath: await unpackNpmChromium(cacheDir), source: 'npm' };
  }
  throw new Error(
    `No Chromium or Chrome found (looked at ${systemPaths.join(', ')} and PATH), and the npm Chromium ` +
      `is built for Linux x64 only. Install Chromium or Chrome, or set CHROMIUM_PATH.`,
  );
}

/**
 * `@sparticuz/chromium`'s `executablePath()` unpacks its brotli files into `os.tmpdir()` and reuses
 * whatever `chromium` is already there, without a lock: shared by every project on the machine and
 * racy between test workers. So it unpacks once into a private directory (os.tmpdir() follows
 * TMPDIR), which is then renamed into a cache keyed by the package version; the rename is atomic,
 * and a concurrent run that lost the race throws its copy away.
 */
async function unpackNpmChromium(cacheDir: string): Promise<string> {
  const { version } = npmChromiumPackage();
  const target = path.join(cacheDir, `sparticuz-chromium-${version}`);
  const binary = path.join(target, 'chromium');
  if (isExecutable(binary)) return binary;
  mkdirSync(cacheDir, { recursive: true });
  const scratch = mkdtempSync(path.join(cacheDir, '.unpack-'));
  const savedTmpdir = process.env.TMPDIR;
  try {
    process.env.TMPDIR = scratch;
    const { default: chromium } = await import('@sparticuz/chromium');
    const unpacked = await chromium.executablePath();
    if (path.dirname(unpacked) !== scratch)
      throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not ${scratch}.`);
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
  try {
    renameSync(scratch, target);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!isExecutable(binary))
    throw new Error(`Unpacking @sparticuz/chromium ${version} into ${target} failed.`);
  return binary;
}

// The package's exports hide its package.json: walk up from its entry point.
function npmChromiumPackage(): { version: string } {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'));
  while (path.dirname(dir) !== dir) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string };
      if (pkg.name === '@sparticuz/chromium') return pkg;
    }
    dir = path.dirname(dir);
  }
  throw new Error('@sparticuz/chromium is not installed: run npm ci.');
}

function defaultCacheDir(): string {
  return path.resolve(import.meta.dirname, '../../node_modules/.cache/gazette');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
