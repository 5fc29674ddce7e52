import { Cron } from 'croner';
import { z } from 'zod';
import { LOCALES } from '../locale.ts';
import { findHeaderUnsafeChar } from './find-header-unsafe-char.ts';
import { isTrustedProxySpec } from './is-trusted-proxy-spec.ts';

/**
 * Text that ends up in a mail header (From, Reply-To, Subject, List-Id, List-Unsubscribe, the
 * envelope, DKIM-Signature): refused here, once, rather than for every recipient at send time.
 */
const headerText = z.string().check(checkHeaderSafe);
const localizedLabel = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });
/** A label that becomes part of a header: the newsletter's name (in subjects), a list's name (List-Id). */
const headerLabel = z.strictObject({ ko: headerText.min(1), en: headerText.min(1) });
/** Weekdays as a weekly cadence names them (`on: 'mon'`), in date-fns order (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" or "_"');
const email = headerText.pipe(z.email('must be an email address such as digest@news.example'));

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'is not an IANA time zone: use a name such as Asia/Seoul or America/New_York');

export const categorySchema = z.strictObject({ id: slug, label: localizedLabel });

export const listSchema = z.strictObject({
  id: slug,
  name: headerLabel,
  description: localizedLabel.optional(),
  /** The locales a subscriber of this list may choose. */
  locales: z
    .array(z.enum(LOCALES))
    .min(1)
    .default([...LOCALES]),
  /** Categories this list carries; empty means all. */
  categories: z.array(slug).default([]),
  /** How often the list's edition goes out: every day (when absent) or once a week on a weekday. */
  cadence: z
    .union([
      z.strictObject({ every: z.literal('day') }),
      z.strictObject({ every: z.literal('week'), on: z.enum(WEEKDAYS) }),
    ])
    .optional(),
  /** At most this many items per edition, highest priority first; the rest wait for the next. */
  maxItems: z.number().int().min(1).max(1000).optional(),
  /**
   * An item without the reader's language: `show` it in the other language, marked (default), or
   * `omit` it from that language's email (counted in the footer, linked to the web edition).
   * Bilingual emails show every item.
   */
  fallback: z.enum(['show', 'omit']).optional(),
  /**
   * `HH:MM`: each reader's copy is released at this hour in the reader's time zone (their own,
   * else the newsletter's `timeZone`) on the edition's date. Absent: at once (docs/sending.md).
   */
  deliverAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a 24-hour time as HH:MM, for example 07:00')
    .optional(),
});

/** `{name}`, `{date}`, `{count}` (a number), `{items}` ("8건", "1 story") and `{lead}` (the first lead headline) are replaced in subject lines. */
const subjects = z.strictObject({
  ko: headerText.min(1),
  en: headerText.min(1),
  bilingual: headerText.min(1),
});

// Strict objects: a misspelt key (`timezone`) would otherwise be dropped and its default used.
export const configSchema = z
  .strictObject({
    name: headerLabel,
    from: z.strictObject({ name: headerText.min(1).optional(), email }),
    replyTo: email.optional(),
    postalAddress: z.string().min(1),
    timeZone: timeZone.default('Asia/Seoul'),
    categories: z.array(categorySchema).default([]),
    lists: z.array(listSchema).min(1),
    subject: subjects.default({
      ko: '{name} · {date}',
      en: '{name} · {date}',
      bilingual: '{name} · {date}',
    }),
    /**
     * An edition also takes the list's items published up to this many days before its date that
     * no earlier edition carried (ingested late); older ones are reported, never sent silently.
     */
    lateWindowDays: z.number().int().min(0).max(60).default(7),
    /** Gmail clips HTML over ~102 KB; the renderer compacts items to stay under this. */
    budgetBytes: z.number().int().min(20_000).max(102_000).default(90_000),
    contentDir: z.string().default('content'),
    outDir: z.string().default('dist'),
    outboxDir: z.string().default('outbox'),
    unsubscribeMailto: email.optional(),
    consentVersion: z.string().default('2026-11-v1'),
    send: z
      .strictObject({
        concurrency: z.number().int().min(1).max(100).default(10),
        ratePerSecond: z.number().min(0).default(0),
        pool: z.number().int().min(1).max(50).default(5),
        maxAttempts: z.number().int().min(1).max(20).default(4),
        /** How long a claimed row stays with its worker without a renewal (renewed every third). */
        leaseSeconds: z.number().int().min(1).max(3600).default(600),
        verpDomain: headerText.optional(),
        dkim: z
          .strictObject({ domainName: headerText, keySelector: headerText, privateKeyFile: z.string() })
          .optional(),
      })
      .prefault({}),
    /** The lead block ("오늘의 주요 뉴스 · Top stories"): its `count` heaviest items; 0 turns it off. */
    lead: z.strictObject({ count: z.number().int().min(0).max(10).default(3) }).optional(),
    /** Headings for categories that are not configured, by id: one text, or `{ ko, en }`. */
    labels: z.record(z.string(), z.union([z.string().min(1), localizedLabel])).optional(),
    /** `gazette inbound`: the receiving side for bounces and complaints (docs/inbound.md). */
    inbound: z
      .strictObject({
        /** Mail is accepted only for addresses at this domain (and send.verpDomain). */
        domain: z
          .string()
          .regex(/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'must be a domain name such as bounces.news.example')
          .optional(),
        /** `imaps://user:pass@host/INBOX`: poll this mailbox instead of (or as well as) listening. */
        imap: z.string().optional(),
        /** STARTTLS for the SMTP receiver: PEM files, relative to the config file. */
        tls: z.strictObject({ keyFile: z.string(), certFile: z.string() }).optional(),
        /** Larger messages are refused at DATA (552); bounces are small. */
        maxBytes: z
          .number()
          .int()
          .min(64 * 1024)
          .max(50 * 1024 * 1024)
          .default(10 * 1024 * 1024),
        /** Simultaneous connections per client IP. */
        maxConnectionsPerIp: z.number().int().min(1).max(1000).default(10),
        /** Messages per client IP per minute. */
        messagesPerMinutePerIp: z.number().int().min(1).max(100_000).default(120),
        /** Requests by mail to subscribe@ / unsubscribe@ (docs/inbound.md, "Requests by mail"). */
        requests: z
          .strictObject({
            /** Confirmations and replies sent by mail to one receiving domain per hour (a forged-From flood). */
            perDomainPerHour: z.number().int().min(1).max(100_000).default(20),
          })
          .prefault({}),
        /** Provider webhooks in `gazette serve` (docs/inbound.md). */
        webhooks: z
          .strictObject({
            /** Amazon SES through SNS: the topic ARNs accepted; unset means SNS is off. */
            snsTopicArns: z.array(z.string().min(1)).optional(),
            /** Postmark bounce and spam-complaint webhooks, HTTP Basic auth derived from GAZETTE_SECRET. */
            postmark: z.boolean().default(false),
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * 정보통신망법 §50⑦: tell the reader the result of every consent change (subscription confirmed,
     * unsubscribed by web, one-click or mail). Unset: on when timeZone is Asia/Seoul, off otherwise
     * (`changeResultsOn` in src/transactional/ reads it). Mail unsubscribes are always answered.
     */
    notices: z.strictObject({ changeResults: z.boolean().optional() }).prefault({}),
    /** Soft bounces (mailbox full, 4.x.x) turn a subscriber `bounced` past this many in this window. */
    bounces: z
      .strictObject({
        softLimit: z.number().int().min(1).max(100).default(3),
        softWindowDays: z.number().int().min(1).max(365).default(15),
      })
      .prefault({}),
    /** Cron expression for `gazette schedule`, evaluated in timeZone. */
    schedule: z.string().check(checkCron).default('0 7 * * *'),
    web: z
      .strictObject({
        /** Reverse proxies (addresses or CIDRs) whose X-Forwarded-For / Forwarded names the reader. */
        trustProxy: z
          .array(
            z
              .string()
              .refine(
                isTrustedProxySpec,
                'is not an IP address or CIDR range: use an address such as 127.0.0.1 or ::1, or a range such as 10.0.0.0/8',
              ),
          )
          .default([]),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.categories.forEach((category, index) => {
      if (seen.has(category.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', index, 'id'],
          message: `duplicate category id "${category.id}": give each category its own id`,
        });
      }
      seen.add(category.id);
    });
    const lists = new Set<string>();
    config.lists.forEach((list, index) => {
      if (lists.has(list.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lists', index, 'id'],
          message: `duplicate list id "${list.id}": give each list its own id`,
        });
      }
      lists.add(list.id);
      list.categories.forEach((id, at) => {
        // With no categories configured, any content category is fair game.
        if (seen.size > 0 && !seen.has(id) && id !== 'other') {
          ctx.addIssue({
            code: 'custom',
            path: ['lists', index, 'categories', at],
            message: `unknown category "${id}": use one of ${[...seen, 'other'].join(', ')}`,
          });
        }
      });
    });
  });

function checkHeaderSafe(ctx: z.core.ParsePayload<string>): void {
  const found = findHeaderUnsafeChar(ctx.value);
  if (found === undefined) return;
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    message: `contains ${found}: this value goes into a mail header, which must be one line of text; remove the character`,
  });
}

function checkCron(ctx: z.core.ParsePayload<string>): void {
  let next: Date | null;
  try {
    const job = new Cron(ctx.value, { paused: true });
    next = job.nextRun();
    job.stop();
  } catch {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: 'is not a cron expression: use five fields such as "0 7 * * *" (07:00 every day)',
    });
    return;
  }
  // Croner accepts a day that no month has; `gazette schedule` would then wait for ever.
  if (next === null) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `never comes round: no date matches "${ctx.value}" (such as 30 February): check the day, month and year fields`,
    });
  }
}

/** What a config file holds (defaults may be left out). */
export type ConfigFile = z.input<typeof configSchema>;
export type FileConfig = z.output<typeof configSchema>;
export type CategoryConfig = z.output<typeof categorySchema>;
export type ListConfig = z.output<typeof listSchema>;
