import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { DeliveryTables } from '../send/tables.ts';
import type {
  InboundEffect,
  InboundEventKind,
  InboundSource,
  InboundStatus,
  InboundTables,
} from './tables.ts';

/** The tables the inbound store reads and writes: its own, and the send's ledger (read only). */
export type InboundDb = Kysely<InboundTables & DeliveryTables>;

export interface IncomingMessage {
  raw: Buffer;
  source: InboundSource;
  /** '' for the null sender; undefined when unknown (IMAP, webhooks). */
  mailFrom?: string;
  rcptTo: string[];
  remoteIp?: string;
  /** The message's Message-ID header (or a provider's notification id). */
  messageId?: string;
  receivedAt?: number;
}

export type StoredMessage = Selectable<InboundTables['inbound_messages']>;

/** The ledger row an inbound event answers. */
export interface LedgerRef {
  deliveryId: number;
  edition: string;
  listId: string;
  subscriberId: string;
  email: string;
}

export interface NewInboundEvent {
  inboundMessageId: number;
  kind: InboundEventKind;
  recipient: string;
  status?: string;
  diagnostic?: string;
  ledger?: LedgerRef;
  effect: InboundEffect;
  at: number;
}

/**
 * Received mail and what it said. Invariants, each kept by one statement:
 * - a message is stored (raw bytes, SHA-256, time) before the sender is told 250; the same bytes
 *   or the same Message-ID again only bump `seen_count` (a retry after a lost 250 counts once);
 * - a message stays `received` until every event it holds is recorded and applied, so a crash in
 *   between is finished by `unprocessed()` on the next start;
 * - an event is unique per (message, kind, recipient): processing twice records nothing new.
 */
export interface InboundStore {
  receive(message: IncomingMessage): Promise<{ id: number; duplicate: boolean }>;
  /** Messages stored but not yet understood, oldest first, after this id (keyset paging). */
  unprocessed(afterId: number, limit: number): Promise<StoredMessage[]>;
  load(id: number): Promise<StoredMessage | undefined>;
  finish(
    id: number,
    result: { status: Exclude<InboundStatus, 'received'>; kind: string; note?: string },
  ): Promise<void>;
  /** False when the event was recorded already. */
  recordEvent(event: NewInboundEvent): Promise<boolean>;
  setEffect(
    inboundMessageId: number,
    kind: InboundEventKind,
    recipient: string,
    effect: InboundEffect,
  ): Promise<void>;
  /** The ledger row that sent one of these Message-IDs. */
  deliveryByMessageIds(messageIds: readonly string[]): Promise<LedgerRef | undefined>;
  /** The latest sent ledger row to one of these addresses (exact, else case-insensitive). */
  latestDeliveryTo(emails: readonly string[]): Promise<LedgerRef | undefined>;
  /** Soft-bounce events of a subscriber since then (epoch ms), each message once. */
  softBounces(subscriberId: string, since: number): Promise<number>;
  /** What could not be understood, newest first. */
  unrecognised(limit: number): Promise<StoredMessage[]>;
  /**
   * Request events (issue 14's abuse limits) since then (epoch ms) with one of these effects,
   * to one address or to any address at one domain.
   */
  countRequests(query: {
    effects: readonly InboundEffect[];
    since: number;
    recipient?: string;
    domain?: string;
  }): Promise<number>;
}

export function createInboundStore(db: InboundDb): InboundStore {
  const toRef = (row: {
    id: number;
    edition: string;
    list_id: string;
    subscriber_id: string;
    email: string;
  }): LedgerRef => ({
    deliveryId: Number(row.id),
    edition: row.edition,
    listId: row.list_id,
    subscriberId: row.subscriber_id,
    email: row.email,
  });
  const ledgerColumns = ['id', 'edition', 'list_id', 'subscriber_id', 'email'] as const;
  const seenAgain = async (id: number) => {
    await db
      .updateTable('inbound_messages')
      .set((eb) => ({ seen_count: eb('seen_count', '+', 1) }))
      .where('id', '=', id)
      .execute();
    return { id, duplicate: true };
  };
  return {
    async receive(message) {
      const sha256 = createHash('sha256').update(message.raw).digest('hex');
      let query = db.selectFrom('inbound_messages').select('id').where('sha256', '=', sha256);
      if (message.messageId !== undefined) {
        const messageId = message.messageId;
        query = db
          .selectFrom('inbound_messages')
          .select('id')
          .where((eb) => eb.or([eb('sha256', '=', sha256), eb('message_id', '=', messageId)]));
      }
      const known = await query.executeTakeFirst();
      if (known !== undefined) return seenAgain(Number(known.id));
      const inserted = await db
        .insertInto('inbound_messages')
        .values({
          sha256,
          message_id: message.messageId ?? null,
          source: message.source,
          mail_from: message.mailFrom ?? null,
          rcpt_to: JSON.stringify(message.rcptTo),
          remote_ip: message.remoteIp ?? null,
          raw: message.raw,
          size: message.raw.length,
          received_at: message.receivedAt ?? Date.now(),
        })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) return { id: Number(inserted.id), duplicate: false };
      // Two connections delivered the same bytes at once: the other one stored it.
      const winner = await db
        .selectFrom('inbound_messages')
        .select('id')
        .where('sha256', '=', sha256)
        .executeTakeFirstOrThrow();
      return seenAgain(Number(winner.id));
    },

    async unprocessed(afterId, limit) {
      return db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('status', '=', 'received')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    async load(id) {
      return db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async finish(id, result) {
      await db
        .updateTable('inbound_messages')
        .set({
          status: result.status,
          kind: result.kind,
          note: result.note ?? null,
          processed_at: Date.now(),
        })
        .where('id', '=', id)
        .execute();
    },

    async recordEvent(event) {
      const result = await db
        .insertInto('inbound_events')
        .values({
          inbound_message_id: event.inboundMessageId,
          kind: event.kind,
          recipient: event.recipient,
          status_code: event.status ?? null,
          diagnostic: event.diagnostic?.slice(0, 1000) ?? null,
          delivery_id: event.ledger?.deliveryId ?? null,
          edition: event.ledger?.edition ?? null,
          list_id: event.ledger?.listId ?? null,
          subscriber_id: event.ledger?.subscriberId ?? null,
          effect: event.effect,
          created_at: event.at,
        })
        .onConflict((oc) => oc.columns(['inbound_message_id', 'kind', 'recipient']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async setEffect(inboundMessageId, kind, recipient, effect) {
      await db
        .updateTable('inbound_events')
        .set({ effect })
        .where('inbound_message_id', '=', inboundMessageId)
        .where('kind', '=', kind)
        .where('recipient', '=', recipient)
        .execute();
    },

    async deliveryByMessageIds(messageIds) {
      if (messageIds.length === 0) return undefined;
      const row = await db
        .selectFrom('deliveries')
        .select(ledgerColumns)
        .where('message_id', 'in', [...messageIds])
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row === undefined ? undefined : toRef(row);
    },

    async latestDeliveryTo(emails) {
      const wanted = [...new Set(emails.filter((e) => e.includes('@')))];
      if (wanted.length === 0) return undefined;
      const latest = db
        .selectFrom('deliveries')
        .select(ledgerColumns)
        .where('status', '=', 'sent')
        .orderBy('sent_at', 'desc')
        .orderBy('id', 'desc');
      const exact = await latest.where('email', 'in', wanted).executeTakeFirst();
      if (exact !== undefined) return toRef(exact);
      const folded = await latest
        .where(
          (eb) => eb.fn<string>('lower', [eb.ref('email')]),
          'in',
          wanted.map((e) => e.toLowerCase()),
        )
        .executeTakeFirst();
      return folded === undefined ? undefined : toRef(folded);
    },

    async softBounces(subscriberId, since) {
      const row = await db
        .selectFrom('inbound_events')
        .select((eb) => eb.fn.count<number | string>('inbound_message_id').distinct().as('n'))
        .where('subscriber_id', '=', subscriberId)
        .where('kind', '=', 'soft-bounce')
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async countRequests({ effects, since, recipient, domain }) {
      let query = db
        .selectFrom('inbound_events')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('kind', 'in', ['subscribe', 'unsubscribe'])
        .where('effect', 'in', [...effects])
        .where('created_at', '>=', since);
      if (recipient !== undefined) query = query.where('recipient', '=', recipient.toLowerCase());
      if (domain !== undefined) {
        const pattern = `%@${domain.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}`;
        query = query.where(sql<boolean>`${sql.ref('recipient')} like ${pattern} escape ${sql.lit('\\')}`);
      }
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async unrecognised(limit) {
      return db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('status', '=', 'unrecognised')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
