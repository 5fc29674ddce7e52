import { applyRequest } from './apply-request.ts';
import { authenticateMessage } from './authenticate-message.ts';
import type { DnsResolver } from './authenticate-message.ts';
import type { Finding } from './finding.ts';
import type { InboundRequests } from './inbound-requests.ts';
import type { InboundSettings } from './inbound-settings.ts';
import type { IncomingMessage, InboundStore, LedgerRef, StoredMessage } from './inbound-store.ts';
import type { InboundSubscribers } from './inbound-subscribers.ts';
import type { InboundEffect, InboundEventKind } from './tables.ts';
import { understandMessage } from './understand-message.ts';
import { matchesVerp, verpRecipient } from './verp-recipient.ts';

export interface InboundPipelineDeps {
  store: InboundStore;
  subscribers: InboundSubscribers;
  settings: InboundSettings;
  /** Requests by mail (issue 14); without it they are recorded and nothing is done. */
  requests?: InboundRequests;
  /** DNS for DKIM, SPF and DMARC (default: the system's); tests answer from their own records. */
  resolver?: DnsResolver;
  log?: (message: string, error?: unknown) => void;
}

/** What processing one message did, per recipient. */
export interface ProcessOutcome {
  id: number;
  kind: string;
  note?: string;
  events: { kind: InboundEventKind; recipient: string; effect: InboundEffect; edition?: string }[];
}

/** One pipeline for the three ways in (SMTP, IMAP, webhooks): store, then understand and apply. */
export interface InboundPipeline {
  /** Store durably (answer the sender only after this resolves); does not process. */
  receive(message: IncomingMessage): Promise<{ id: number; duplicate: boolean }>;
  /** Understand and apply one stored message; repeating it changes nothing more. */
  process(id: number): Promise<ProcessOutcome | undefined>;
  /** Process later, one at a time, in arrival order; a failure is logged and retried on restart. */
  enqueue(id: number): void;
  /** Process everything stored but not processed (a crash left it), oldest first; failures are logged. */
  processPending(): Promise<ProcessOutcome[]>;
  /** Resolves when the queue is empty. */
  idle(): Promise<void>;
}

export function createInboundPipeline(deps: InboundPipelineDeps): InboundPipeline {
  const log = deps.log ?? ((message, error) => console.error(`gazette inbound: ${message}`, error ?? ''));
  let queue: Promise<unknown> = Promise.resolve();

  const pipeline: InboundPipeline = {
    receive: (message) => deps.store.receive(message),

    async process(id) {
      const stored = await deps.store.load(id);
      if (stored === undefined) return undefined;
      return processStored(deps, stored);
    },

    enqueue(id) {
      queue = queue
        .then(() => pipeline.process(id))
        .catch((error: unknown) =>
          log(`processing message ${id} failed; it is kept and retried on restart`, error),
        );
    },

    async processPending() {
      const outcomes: ProcessOutcome[] = [];
      // Keyset paging: a message that fails every time is logged and passed, never loops.
      for (let afterId = 0; ;) {
        const batch = await deps.store.unprocessed(afterId, 100);
        for (const stored of batch) {
          afterId = Number(stored.id);
          try {
            outcomes.push(await processStored(deps, stored));
          } catch (error) {
            log(`processing message ${stored.id} failed; it is kept and retried on restart`, error);
          }
        }
        if (batch.length < 100) return outcomes;
      }
    },

    async idle() {
      let current: Promise<unknown>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    },
  };
  return pipeline;
}

async function processStored(deps: InboundPipelineDeps, stored: StoredMessage): Promise<ProcessOutcome> {
  const { store, settings } = deps;
  const classification = await understandMessage(stored, settings);
  if (classification.kind === 'request' && classification.request !== undefined) {
    const event = await applyRequest(
      {
        store,
        settings,
        requests: deps.requests,
        authenticate: (message) =>
          authenticateMessage(
            Buffer.from(message.raw),
            { ip: message.remote_ip ?? undefined, mailFrom: message.mail_from ?? undefined },
            { mta: settings.requestDomain ?? 'gazette', resolver: deps.resolver },
          ),
      },
      stored,
      classification.request,
    );
    await store.finish(stored.id, { status: 'processed', kind: 'request', note: event.note });
    return { id: Number(stored.id), kind: 'request', note: event.note, events: [event] };
  }
  const at = Number(stored.received_at);
  const byMessageId = await store.deliveryByMessageIds(classification.originalMessageIds);
  const events: ProcessOutcome['events'] = [];
  for (const finding of classification.findings) {
    const ledger = byMessageId ?? (await byVerp(deps, stored)) ?? (await byRecipient(deps, finding));
    const recipient = finding.recipient ?? ledger?.email.toLowerCase() ?? '';
    const effect =
      ledger === undefined ? 'unmatched' : await apply(deps, finding, ledger, at, stored.id, recipient);
    events.push({ kind: finding.kind, recipient, effect, edition: ledger?.edition });
  }
  await store.finish(stored.id, {
    status: classification.kind === 'unrecognised' ? 'unrecognised' : 'processed',
    kind: classification.kind,
    note: classification.note,
  });
  return { id: Number(stored.id), kind: classification.kind, note: classification.note, events };
}

/**
 * Apply one finding and record it. The subscriber change comes first: a crash before the event
 * is recorded leaves the message `received`, and processing it again repeats only idempotent work.
 */
async function apply(
  deps: InboundPipelineDeps,
  finding: Finding,
  ledger: LedgerRef,
  at: number,
  inboundMessageId: number,
  recipient: string,
): Promise<InboundEffect> {
  const { store, subscribers, settings } = deps;
  const subscriberId = Number(ledger.subscriberId);
  const now = new Date(at);
  const event = {
    inboundMessageId,
    kind: finding.kind,
    recipient,
    status: finding.status,
    diagnostic: finding.diagnostic,
    ledger,
    at,
  };
  if (finding.kind === 'hard-bounce') {
    const effect = (await subscribers.markBounced(subscriberId, now)) ? 'bounced' : 'none';
    await store.recordEvent({ ...event, effect });
    return effect;
  }
  if (finding.kind === 'complaint') {
    const effect = (await subscribers.markComplained(subscriberId, now)) ? 'complained' : 'none';
    await store.recordEvent({ ...event, effect });
    return effect;
  }
  if (finding.kind === 'soft-bounce') {
    await store.recordEvent({ ...event, effect: 'counted' });
    const count = await store.softBounces(ledger.subscriberId, at - settings.softWindowMs);
    if (count < settings.softLimit) return 'counted';
    if (!(await subscribers.markBounced(subscriberId, now))) return 'counted';
    await store.setEffect(inboundMessageId, finding.kind, recipient, 'bounced');
    return 'bounced';
  }
  // Auto-replies and delays are recorded and change nothing.
  await store.recordEvent({ ...event, effect: 'none' });
  return 'none';
}

async function byVerp(deps: InboundPipelineDeps, stored: StoredMessage): Promise<LedgerRef | undefined> {
  const rcpts = JSON.parse(stored.rcpt_to) as string[];
  for (const rcpt of rcpts) {
    const decoded = verpRecipient(rcpt, deps.settings.domains);
    if (decoded === undefined) continue;
    const ledger = await deps.store.latestDeliveryTo([decoded]);
    if (ledger !== undefined && matchesVerp(ledger.email, decoded)) return ledger;
  }
  return undefined;
}

async function byRecipient(deps: InboundPipelineDeps, finding: Finding): Promise<LedgerRef | undefined> {
  // An auto-reply's From is whoever wrote it; only a report's named recipient is evidence.
  if (finding.recipient === undefined || finding.kind === 'auto-reply') return undefined;
  return deps.store.latestDeliveryTo([finding.recipient]);
}
