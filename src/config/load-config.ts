import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { GazetteError } from '../errors.ts';
import type { Config, RuntimeConfig } from './config.ts';
import { DEFAULT_DATABASE_URL, DEFAULT_PUBLIC_URL } from './config.ts';
import { configSchema } from './config-schema.ts';
import { configErrorMap } from './config-error-map.ts';
import { importConfigModule } from './import-config-module.ts';
import type { FileConfig } from './config-schema.ts';

export const CONFIG_FILE_NAMES = [
  'gazette.config.ts',
  'gazette.config.mts',
  'gazette.config.js',
  'gazette.config.mjs',
  'gazette.config.json',
];

export interface LoadConfigOptions {
  /** An explicit config file (`--config`). */
  configPath?: string;
  /** Where to look for gazette.config.* when no path is given. */
  cwd?: string;
  /** The environment to read endpoints and secrets from (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Flag values; they win over the environment. */
  overrides?: Partial<RuntimeConfig> & { contentDir?: string; outDir?: string };
}

/** File → environment → flags, validated once; the result is passed down, never re-read. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<Config> {
  const cwd = options.cwd ?? process.cwd();
  const file = findConfigFile(cwd, options.configPath);
  const raw = await readConfigFile(file);
  const fileConfig = parseConfig(raw, path.basename(file));
  // Paths in the file are relative to the file; paths given as flags are relative to where the
  // command was typed.
  const overrides = { ...options.overrides };
  if (overrides.contentDir !== undefined) overrides.contentDir = path.resolve(cwd, overrides.contentDir);
  if (overrides.outDir !== undefined) overrides.outDir = path.resolve(cwd, overrides.outDir);
  return resolveConfig(fileConfig, path.dirname(file), options.env ?? process.env, overrides);
}

/** Validate what a config file holds; each problem names the key and the reason. */
export function parseConfig(raw: unknown, source = 'config'): FileConfig {
  if (raw === undefined) {
    throw new GazetteError(
      'CONFIG_INVALID',
      `${source} has no default export: write export default defineConfig({ ... }).`,
      { file: source },
    );
  }
  const result = configSchema.safeParse(raw, { error: configErrorMap });
  if (!result.success) {
    throw new GazetteError('CONFIG_INVALID', `${source} is invalid:\n${formatIssues(result.error.issues)}`, {
      file: source,
    });
  }
  return result.data;
}

export function resolveConfig(
  fileConfig: FileConfig,
  rootDir: string,
  env: Record<string, string | undefined>,
  overrides: LoadConfigOptions['overrides'] = {},
): Config {
  const pickValue = (flag: string | undefined, name: string): string | undefined =>
    flag ?? (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const runtime: RuntimeConfig = {
    smtpUrl: pickValue(overrides.smtpUrl, 'SMTP_URL'),
    databaseUrl: pickValue(overrides.databaseUrl, 'DATABASE_URL') ?? DEFAULT_DATABASE_URL,
    secret: pickValue(overrides.secret, 'GAZETTE_SECRET'),
    publicUrl: (pickValue(overrides.publicUrl, 'GAZETTE_PUBLIC_URL') ?? DEFAULT_PUBLIC_URL).replace(
      /\/+$/,
      '',
    ),
  };
  checkUrl(runtime.smtpUrl, 'SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.com:587');
  checkUrl(runtime.publicUrl, 'GAZETTE_PUBLIC_URL', ['http:', 'https:'], 'https://news.example.com');
  // Links are built by appending paths to the public URL: a query or fragment would end up inside them.
  if (/[?#]/.test(runtime.publicUrl)) {
    throw new GazetteError(
      'CONFIG_INVALID',
      `GAZETTE_PUBLIC_URL must not have a query or fragment ("?" or "#"): give the base URL, for example https://news.example.com.`,
      { field: 'GAZETTE_PUBLIC_URL' },
    );
  }
  checkDatabaseUrl(runtime.databaseUrl);
  const dkim = fileConfig.send.dkim;
  return {
    ...fileConfig,
    ...runtime,
    send:
      dkim === undefined
        ? fileConfig.send
        : {
            ...fileConfig.send,
            dkim: {
              ...dkim,
              privateKeyFile: path.resolve(rootDir, dkim.privateKeyFile),
              ...(dkim.ed25519 && {
                ed25519: {
                  ...dkim.ed25519,
                  privateKeyFile: path.resolve(rootDir, dkim.ed25519.privateKeyFile),
                },
              }),
            },
          },
    contentDir: path.resolve(rootDir, overrides.contentDir ?? fileConfig.contentDir),
    outDir: path.resolve(rootDir, overrides.outDir ?? fileConfig.outDir),
    outboxDir: path.resolve(rootDir, fileConfig.outboxDir),
    rootDir,
  };
}

function findConfigFile(cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new GazetteError(
        'CONFIG_NOT_FOUND',
        `Config file ${explicit} does not exist. Check the --config path.`,
        {
          file: explicit,
        },
      );
    }
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new GazetteError(
    'CONFIG_NOT_FOUND',
    `No config file found in ${cwd}. Create one of ${CONFIG_FILE_NAMES.join(', ')} (see README "Configuration") or pass --config FILE.`,
  );
}

async function readConfigFile(file: string): Promise<unknown> {
  try {
    if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8'));
    return await importConfigModule(file);
  } catch (error) {
    throw new GazetteError(
      'CONFIG_INVALID',
      `Could not read ${path.basename(file)}: ${(error as Error).message}`,
      {
        file,
      },
    );
  }
}

function checkUrl(value: string | undefined, name: string, protocols: string[], example: string): void {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // The value is not echoed: SMTP_URL may hold a password.
  if (url === undefined || !protocols.includes(url.protocol) || url.hostname === '') {
    throw new GazetteError(
      'CONFIG_INVALID',
      `${name} must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL with a host, for example ${example}. Fix the ${name} environment variable (or the matching flag).`,
      { field: name },
    );
  }
  if (!decodes(url.username) || !decodes(url.password)) {
    throw new GazetteError(
      'CONFIG_INVALID',
      `${name} has a user name or password that is not valid percent-encoding: every % must start a ` +
        `%XX escape. Write a literal % as %25 (and @ : / as %40 %3A %2F) in the ${name} environment variable.`,
      { field: name },
    );
  }
}

/** True when percent-decoding works (a stray `%` makes decodeURIComponent throw a URIError). */
function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function checkDatabaseUrl(value: string): void {
  let ok = false;
  if (value.startsWith('sqlite:')) {
    ok = value.slice('sqlite:'.length).trim() !== '';
  } else if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      const url = new URL(value);
      ok = url.hostname !== '' || url.searchParams.has('host');
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw new GazetteError(
      'CONFIG_INVALID',
      `DATABASE_URL is not supported: use sqlite:PATH (for example ${DEFAULT_DATABASE_URL}) or postgres://user@host:5432/db. Fix the DATABASE_URL environment variable (or the matching flag).`,
      { field: 'DATABASE_URL' },
    );
  }
}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `  - ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}
