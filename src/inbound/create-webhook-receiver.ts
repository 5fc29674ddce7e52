import { timingSafeEqual } from 'node:crypto';
import { isGazetteError } from '../errors.ts';
import type { InboundPipeline } from './create-inbound-pipeline.ts';
import { isSnsUrl, verifySnsMessage } from './verify-sns-message.ts';
import type { FetchText, SnsMessage } from './verify-sns-message.ts';
import { webhookPassword } from './webhook-password.ts';

export interface WebhookReceiverOptions {
  pipeline: InboundPipeline;
  /** SNS topics whose messages are accepted; none means the SES endpoint is off. */
  snsTopicArns?: readonly string[];
  /** Whether the Postmark endpoint is on. */
  postmark: boolean;
  secret: string;
  /** GET over https (the SNS certificate, the SubscribeURL); tests pass their own. */
  fetchText?: FetchText;
  log?: (message: string, error?: unknown) => void;
}

/** An HTTP answer, independent of the web framework. */
export interface WebhookAnswer {
  status: 200 | 400 | 401 | 403 | 404 | 503;
  body: string;
}

export interface WebhookReceiver {
  ses(body: string): Promise<WebhookAnswer>;
  postmark(body: string, authorization: string | undefined): Promise<WebhookAnswer>;
}

/**
 * Provider webhooks into the inbound pipeline. The body is stored as received (the SNS envelope
 * with its signature is the evidence) before 200 is answered; a failure to store answers 503 so
 * the provider retries. A resent notification is the same bytes and is counted once.
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const log = options.log ?? ((message, error) => console.error(`gazette webhooks: ${message}`, error ?? ''));
  const certificates = new Map<string, Promise<string>>();
  const fetchText = options.fetchText ?? httpsGet;
  const certificate: FetchText = (url) => {
    let pending = certificates.get(url);
    if (pending === undefined) {
      pending = fetchText(url);
      // A failed fetch is not remembered: the next message tries again.
      pending.catch(() => certificates.delete(url));
      certificates.set(url, pending);
    }
    return pending;
  };
  const store = async (
    raw: string,
    source: 'ses' | 'postmark',
    messageId?: string,
  ): Promise<WebhookAnswer> => {
    try {
      const { id, duplicate } = await options.pipeline.receive({
        raw: Buffer.from(raw, 'utf8'),
        source,
        rcptTo: [],
        messageId,
      });
      if (!duplicate) options.pipeline.enqueue(id);
      return { status: 200, body: duplicate ? 'already received' : 'stored' };
    } catch (error) {
      log(`storing a ${source} notification failed; the provider will retry`, error);
      return { status: 503, body: 'try again later' };
    }
  };
  const expected = `Basic ${Buffer.from(`gazette:${webhookPassword(options.secret, 'postmark')}`).toString('base64')}`;

  return {
    async ses(body) {
      const topics = options.snsTopicArns ?? [];
      if (topics.length === 0) return { status: 404, body: 'not found' };
      const message = parseJson(body) as Partial<SnsMessage> | undefined;
      if (
        message === undefined ||
        typeof message.Type !== 'string' ||
        typeof message.Signature !== 'string'
      ) {
        return { status: 400, body: 'not an SNS message' };
      }
      if (!topics.includes(message.TopicArn ?? '')) return { status: 403, body: 'unknown topic' };
      try {
        await verifySnsMessage(message as SnsMessage, certificate);
      } catch (error) {
        if (!isGazetteError(error, 'INBOUND_WEBHOOK')) throw error;
        log(error.message);
        return { status: 403, body: 'signature refused' };
      }
      if (message.Type === 'SubscriptionConfirmation') {
        // AWS: confirm by visiting SubscribeURL; it must be an SNS https URL too, never any host.
        if (!isSnsUrl(message.SubscribeURL)) return { status: 403, body: 'SubscribeURL is not an SNS URL' };
        try {
          await fetchText(message.SubscribeURL ?? '');
        } catch (error) {
          log('confirming the SNS subscription failed', error);
          return { status: 503, body: 'confirmation failed, resend' };
        }
        log(`confirmed the SNS subscription to ${message.TopicArn}`);
        return { status: 200, body: 'subscription confirmed' };
      }
      if (message.Type !== 'Notification') return { status: 200, body: 'ignored' };
      return store(body, 'ses', `sns:${message.MessageId}`);
    },

    async postmark(body, authorization) {
      if (!options.postmark) return { status: 404, body: 'not found' };
      if (authorization === undefined || !sameText(authorization, expected))
        return { status: 401, body: 'unauthorised' };
      const record = parseJson(body) as { RecordType?: unknown; ID?: unknown } | undefined;
      if (record === undefined || typeof record.RecordType !== 'string')
        return { status: 400, body: 'not a Postmark record' };
      return store(
        body,
        'postmark',
        record.ID === undefined ? undefined : `postmark:${String(record.RecordType)}:${String(record.ID)}`,
      );
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function httpsGet(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.text();
}
