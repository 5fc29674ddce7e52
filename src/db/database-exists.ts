import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether DATABASE_URL may hold sent editions: a SQLite file that is not there holds none, and
 * commands that only read (check, build, preview) must not create it. A server URL: assume so.
 */
export function databaseExists(config: { databaseUrl: string; rootDir: string }): boolean {
  if (!config.databaseUrl.startsWith('sqlite:')) return true;
  const file = config.databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  return file !== ':memory:' && existsSync(path.resolve(config.rootDir, file));
}
