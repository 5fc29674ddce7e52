import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { Config } from '../../config/config.ts';
import { GazetteError } from '../../errors.ts';
import type { DnsResolver } from '../../inbound/authenticate-message.ts';
import { createSmtpReceiver } from '../../inbound/create-smtp-receiver.ts';
import { inboundSettings } from '../../inbound/inbound-settings.ts';
import { pollMailbox } from '../../inbound/poll-mailbox.ts';
import { webhookPassword } from '../../inbound/webhook-password.ts';
import { isStrongSecret, requireSecret } from '../../config/require-secret.ts';
import type { PollSummary } from '../../inbound/poll-mailbox.ts';
import type { RegisterCommand } from '../command.ts';
import { loadCliConfig } from '../load-cli-config.ts';
import { plural } from '../plural.ts';
import { openInbound } from '../open-inbound.ts';
import type { OpenedInbound } from '../open-inbound.ts';
import type { Output } from '../output.ts';
import { withStopSignals } from '../with-stop-signals.ts';

interface InboundFlags {
  port: string;
  host: string;
  imap?: string;
  once?: boolean;
  unrecognised?: boolean;
  webhookUrls?: boolean;
  holdReply?: string;
  dnsRecords?: string;
}

/**
 * `gazette inbound`: hear what comes back. An SMTP receiver for inbound.domain, or (with --imap
 * or inbound.imap) a mailbox poller, or both; bounces, complaints and auto-replies are stored,
 * understood and applied (docs/inbound.md).
 */
export const registerInbound: RegisterCommand = (program, output) => {
  program
    .command('inbound')
    .description(
      'receive bounces, complaints and requests by mail (subscribe@, unsubscribe@): an SMTP receiver for inbound.domain, or an IMAP mailbox',
    )
    .option('--port <port>', 'SMTP port to listen on (0 picks a free one)', '2525')
    .option('--host <address>', 'address to listen on (0.0.0.0 to receive from the internet)', '127.0.0.1')
    .option('--imap <url>', 'read this mailbox instead: imaps://user:pass@host/INBOX (default: inbound.imap)')
    .option('--once', 'with --imap: read the mailbox once and exit')
    .option('--unrecognised', 'list the messages that could not be understood, and exit')
    .option(
      '--webhook-urls',
      'print the provider webhook URLs to configure (SES via SNS, Postmark), and exit',
    )
    // Tests hold the 250 after storing, to kill the process in between.
    .addOption(new Option('--hold-reply <ms>').hideHelp())
    // Tests answer DKIM/SPF/DMARC look-ups from a JSON file ({"name:TXT": [["v=…"]]}): no network.
    .addOption(new Option('--dns-records <file>').hideHelp())
    .action(async (flags: InboundFlags, command: Command) => {
      const config = await loadCliConfig(command);
      if (flags.webhookUrls === true) {
        printWebhookUrls(config, output);
        return;
      }
      const opened = await openInbound(config, {
        log: (message, error) =>
          output.err(`gazette inbound: ${message}${error === undefined ? '' : `: ${String(error)}`}\n`),
        resolver: flags.dnsRecords === undefined ? undefined : recordsResolver(flags.dnsRecords),
      });
      if (
        config.inbound.domain !== undefined &&
        !isStrongSecret(config.secret) &&
        flags.unrecognised !== true
      )
        output.err(
          'gazette inbound: requests by mail (subscribe@, unsubscribe@) are recorded but not answered: set GAZETTE_SECRET (the value serve uses) to sign their links\n',
        );
      try {
        if (flags.unrecognised === true) {
          await listUnrecognised(opened, output);
          return;
        }
        // A crash after storing and before processing: finish that first.
        const recovered = await opened.pipeline.processPending();
        if (recovered.length > 0)
          output.out(`gazette inbound: processed ${plural(recovered.length, 'stored message')}\n`);
        const imap = flags.imap ?? config.inbound.imap;
        const listen = imap === undefined || command.getOptionValueSource('port') === 'cli';
        await withStopSignals(
          async (signal) => {
            const receiver = listen ? await startSmtp(config, flags, opened, output) : undefined;
            try {
              if (imap !== undefined) await poll(imap, flags, opened, output, signal);
              if (receiver !== undefined && signal.aborted === false) await stoppedBy(signal);
            } finally {
              await receiver?.close();
            }
          },
          (name) => output.out(`gazette inbound: ${name}, closing\n`),
        );
        await opened.pipeline.idle();
      } finally {
        await opened.close();
      }
    });
};

async function startSmtp(config: Config, flags: InboundFlags, opened: OpenedInbound, output: Output) {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new GazetteError('USAGE', `--port "${flags.port}" is not a port number (0–65535).`, {
      field: 'port',
    });
  }
  const settings = inboundSettings(config);
  if (config.inbound.domain === undefined) {
    throw new GazetteError(
      'INBOUND_CONFIG',
      'gazette inbound needs inbound.domain in the config (the domain your bounce address and MX point at, e.g. bounces.news.example); see docs/inbound.md.',
      { field: 'inbound.domain' },
    );
  }
  const hold = flags.holdReply === undefined ? 0 : Number(flags.holdReply);
  const tls = config.inbound.tls;
  const receiver = await createSmtpReceiver({
    pipeline: opened.pipeline,
    settings,
    host: flags.host,
    port,
    name: config.inbound.domain,
    maxConnectionsPerIp: config.inbound.maxConnectionsPerIp,
    messagesPerMinutePerIp: config.inbound.messagesPerMinutePerIp,
    tls:
      tls === undefined
        ? undefined
        : {
            keyFile: path.resolve(config.rootDir, tls.keyFile),
            certFile: path.resolve(config.rootDir, tls.certFile),
          },
    log: (message, error) =>
      output.err(`gazette inbound: ${message}${error === undefined ? '' : `: ${String(error)}`}\n`),
    beforeReply: hold > 0 ? () => new Promise((resolve) => setTimeout(resolve, hold)) : undefined,
  });
  output.out(
    `gazette inbound: listening on smtp://${flags.host}:${receiver.port} for ${settings.domains.map((d) => `@${d}`).join(', ')}${tls === undefined ? '' : ' (STARTTLS)'}\n`,
  );
  return receiver;
}

async function poll(
  url: string,
  flags: InboundFlags,
  opened: OpenedInbound,
  output: Output,
  signal: AbortSignal,
) {
  const report = (pass: PollSummary) =>
    output.out(
      `gazette inbound: mailbox read: ${pass.processed} processed, ${pass.unrecognised} unrecognised${pass.left > 0 ? `, ${pass.left} left for the next pass` : ''}\n`,
    );
  await pollMailbox({
    url,
    pipeline: opened.pipeline,
    once: flags.once,
    signal,
    // The first pass always, later ones when they found mail: a quiet mailbox stays quiet.
    onPass: (pass, first) => {
      if (first || pass.processed + pass.unrecognised + pass.left > 0) report(pass);
    },
  });
}

function printWebhookUrls(config: Config, output: Output) {
  const base = config.publicUrl.replace(/\/$/, '');
  const password = webhookPassword(requireSecret(config), 'postmark');
  const postmark = new URL(`${base}/webhooks/postmark`);
  postmark.username = 'gazette';
  postmark.password = password;
  output.out(`Amazon SES (SNS HTTPS subscription): ${base}/webhooks/ses\n`);
  output.out(`Postmark (bounce and spam complaint webhook, Basic auth): ${postmark.href}\n`);
  if ((config.inbound.webhooks.snsTopicArns ?? []).length === 0) {
    output.out('SES is off: list the topic ARN in inbound.webhooks.snsTopicArns.\n');
  }
  if (!config.inbound.webhooks.postmark)
    output.out('Postmark is off: set inbound.webhooks.postmark to true.\n');
}

function stoppedBy(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

async function listUnrecognised(opened: OpenedInbound, output: Output) {
  const rows = await opened.store.unrecognised(200);
  if (rows.length === 0) {
    output.out('gazette inbound: nothing unrecognised\n');
    return;
  }
  for (const row of rows) {
    const when = new Date(Number(row.received_at)).toISOString();
    output.out(
      `#${row.id}  ${when}  ${row.source}  from <${row.mail_from ?? '?'}>  ${row.size} bytes  ${row.note ?? ''}\n`,
    );
  }
}

/** A DNS resolver that answers only from a JSON file of records; anything else is not found. */
function recordsResolver(file: string): DnsResolver {
  const records = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[][] | string[]>;
  return async (name, rrtype) => {
    const found = records[`${name.toLowerCase()}:${rrtype.toUpperCase()}`];
    if (found !== undefined) return found;
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}
