import { spawn, spawnSync } from 'node:child_process';
import { assertIntegration } from './assert-integration.ts';
import { inCi } from './in-ci.ts';

assertIntegration('tests/helpers/spamassassin.ts');

/** SpamAssassin's `spamassassin` script: SPAMASSASSIN_PATH, else the one on PATH. */
function findSpamAssassin(): string | undefined {
  const explicit = process.env.SPAMASSASSIN_PATH;
  if (explicit !== undefined && explicit !== '') return explicit;
  const found = spawnSync('sh', ['-c', 'command -v spamassassin'], { encoding: 'utf8' });
  const file = found.stdout.trim();
  return found.status === 0 && file !== '' ? file : undefined;
}

export const SPAMASSASSIN = findSpamAssassin();
if (SPAMASSASSIN === undefined) {
  if (inCi()) throw new Error('spamassassin is not installed; CI requires it (.ci/run installs it).');
  console.warn('spamassassin is not installed (Debian: spamassassin): the spam-score tests are skipped.');
}

export interface SpamScore {
  score: number;
  /** The rules that fired, as `NAME (points)`. */
  rules: string[];
}

/**
 * Score a whole message with SpamAssassin's local rules only (`-L`: no DNS or network tests), the
 * way a receiving server's content filter would.
 */
export async function spamScore(raw: Buffer): Promise<SpamScore> {
  if (SPAMASSASSIN === undefined) throw new Error('spamassassin is not installed');
  const report = await new Promise<string>((resolve, reject) => {
    const child = spawn(SPAMASSASSIN, ['-L', '-t'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(new Error(`spamassassin exited with ${code}`));
    });
    child.stdin.end(raw);
  });
  const details = report.indexOf('Content analysis details:');
  const total = /Content analysis details:\s+\((-?\d+(?:\.\d+)?) points/.exec(report);
  if (details < 0 || total === null) throw new Error('spamassassin printed no report');
  const rules = [...report.slice(details).matchAll(/^\s*(-?\d+(?:\.\d+)?)\s+([A-Z][A-Z0-9_]+)\s/gm)].map(
    (m) => `${m[2]} (${m[1]})`,
  );
  return { score: Number(total[1]), rules };
}
