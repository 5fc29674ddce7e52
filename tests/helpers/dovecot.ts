import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/** Debian's dovecot-imapd; the IMAP tests need it. */
export const DOVECOT = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
export const dovecotAvailable = existsSync(DOVECOT);
if (!dovecotAvailable) {
  if (process.env.CI)
    throw new Error(`dovecot is missing at ${DOVECOT}; CI requires it (apt-get install dovecot-imapd).`);
  console.warn(
    `dovecot is missing at ${DOVECOT}: the IMAP tests are skipped (apt-get install dovecot-imapd).`,
  );
}

export interface Dovecot {
  port: number;
  user: string;
  pass: string;
  /** `imap://user:pass@127.0.0.1:port/INBOX` */
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway dovecot on 127.0.0.1: its own config, state and maildir in a temp folder, one
 * passwd-file user, plain-text login allowed (localhost only), runs as the current user.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-dovecot-'));
  const port = await freePort();
  // As root, mail belongs to Debian's `dovecot` user: dovecot refuses uid 0 for mail and logins.
  const me = process.getuid?.() === 0 ? systemUser('dovecot') : userInfo();
  const user = 'bounces';
  const pass = 'test-password-1';
  // Dovecot's auth process (its own user when run as root) reads the passwd file: the folder must be traversable.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(path.join(dir, sub), { recursive: true });
  for (const sub of ['mail', 'home']) chownSync(path.join(dir, sub), me.uid, me.gid);
  writeFileSync(
    path.join(dir, 'passwd'),
    `${user}:{PLAIN}${pass}:${me.uid}:${me.gid}::${path.join(dir, 'home', user)}::\n`,
  );
  const config = path.join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${path.join(dir, 'run')}
state_dir = ${path.join(dir, 'state')}
log_path = ${path.join(dir, 'dovecot.log')}
${
  // Dovecot refuses to run its login and internal processes as root: as root use Debian's own users.
  process.getuid?.() === 0
    ? 'default_internal_user = dovecot\ndefault_login_user = dovenull'
    : `default_internal_user = ${me.username}\ndefault_internal_group = ${me.username}\ndefault_login_user = ${me.username}`
}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${path.join(dir, 'mail')}/%u
mail_uid = ${me.uid}
mail_gid = ${me.gid}
first_valid_uid = ${me.uid}
first_valid_gid = ${me.gid}
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${path.join(dir, 'passwd')}
}
userdb {
  driver = passwd-file
  args = ${path.join(dir, 'passwd')}
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  try {
    await waitForPort(port, child, () => output, path.join(dir, 'dovecot.log'));
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    user,
    pass,
    url: `imap://${user}:${pass}@127.0.0.1:${port}/INBOX`,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function systemUser(name: string): { uid: number; gid: number; username: string } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`no ${name} user: install dovecot-imapd`);
  return { uid: Number(uid), gid: Number(gid), username: name };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  output: () => string,
  log: string,
): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`dovecot exited (${child.exitCode}): ${output()} (log: ${log})`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on 127.0.0.1:${port} within 15 s: ${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
