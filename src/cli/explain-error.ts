/**
 * One line for an operator's mistake that is not a GazetteError (issue 11 part 6, issue 15): a
 * database that cannot be reached or refuses the login, a folder that cannot be written. Undefined
 * for anything else (a bug: the caller prints the stack). Never echoes a URL: it may hold a password.
 */
export function explainError(error: unknown): string | undefined {
  // A wrapped error (Kysely, a migration) keeps the driver's as its cause.
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const explained = explainOne(e);
    if (explained !== undefined) return explained;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function explainOne(error: object): string | undefined {
  const { code, message = '' } = error as { code?: unknown; message?: string };
  if (typeof code !== 'string') {
    // pg's SCRAM login without a password in DATABASE_URL.
    if (message.startsWith('SASL:')) {
      return 'The database asks for a password and DATABASE_URL has none: write it as postgres://USER:PASSWORD@HOST/DB.';
    }
    return undefined;
  }
  return explainDatabase(code, error) ?? explainFile(code, error);
}

function explainDatabase(code: string, error: object): string | undefined {
  const {
    message = '',
    address,
    port,
    hostname,
  } = error as {
    message?: string;
    address?: string;
    port?: number;
    hostname?: string;
  };
  const where = address === undefined ? '' : ` at ${address}${port === undefined ? '' : `:${port}`}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `The database server${where} refuses connections: is it running, and are the host and port in DATABASE_URL right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The database host${hostname === undefined ? '' : ` "${hostname}"`} in DATABASE_URL is not known (DNS lookup failed): check the host name.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The database server${where} cannot be reached (${code}): check the host in DATABASE_URL and the network or firewall.`;
    // PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    case '28P01':
    case '28000':
      return `The database refused the login (${message}): check the user and password in DATABASE_URL.`;
    case '3D000':
      return `The database in DATABASE_URL does not exist (${message}): create it (createdb NAME) or fix the name.`;
    case '42501':
      return `The database user may not do this (${message}): grant it the rights on the database or schema in DATABASE_URL.`;
    case '57P03':
      return `The database server is starting up or shutting down (${message}): try again in a moment.`;
    case 'SQLITE_CANTOPEN':
      return 'The SQLite file in DATABASE_URL cannot be opened: check that its folder exists and is writable.';
    case 'SQLITE_READONLY':
      return 'The SQLite file in DATABASE_URL is read-only: make the file and its folder writable.';
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return 'The file in DATABASE_URL is not a usable SQLite database: point DATABASE_URL at a Gazette database or a new file.';
    default:
      return undefined;
  }
}

function explainFile(code: string, error: object): string | undefined {
  const { path, syscall } = error as { path?: string; syscall?: string };
  if (path === undefined) return undefined;
  const action = syscall === 'open' || syscall === 'mkdir' || syscall === 'scandir' ? syscall : 'use';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Permission denied: cannot ${action} ${path}. Choose a folder you may write to (for example --out) or fix its permissions.`;
    case 'EROFS':
      return `${path} is on a read-only file system: choose another folder (for example --out).`;
    case 'ENOTDIR':
      return `Cannot ${action} ${path}: part of that path is a file, not a folder. Choose another folder (for example --out).`;
    case 'EISDIR':
      return `${path} is a folder where a file was expected: give a file name.`;
    case 'ENOSPC':
      return `No space left on the device while writing ${path}: free some space and run again.`;
    case 'ENOENT':
      return `${path} does not exist: check the path.`;
    default:
      return undefined;
  }
}
