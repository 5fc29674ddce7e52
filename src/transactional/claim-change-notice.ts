import type { Subscriber } from '../subscribers/subscriber.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import type { ChangeKind } from '../../emails/transactional/transactional-text.ts';

/**
 * Claim the result notice of one change (정보통신망법 §50⑦) before it goes out. The change is named
 * by the time the store stamped on the consent record (confirmed, unsubscribed; `left-list` by
 * the time given), so a retry or a second click finds the claim: undefined, send nothing.
 */
export async function claimChangeNotice(
  store: Pick<SubscriberStore, 'claimNotice' | 'consents'>,
  subscriber: Subscriber,
  change: { kind: ChangeKind; listId?: string; at?: Date },
): Promise<{ key: string; stamp: Date } | undefined> {
  const consent = (await store.consents(subscriber.id)).at(-1);
  const stamp =
    change.kind === 'subscribed'
      ? consent?.confirmedAt
      : change.kind === 'unsubscribed'
        ? consent?.unsubscribedAt
        : change.at?.toISOString();
  if (stamp === undefined || stamp === null) return undefined;
  const key = `${subscriber.id}:${change.kind}:${change.listId ?? ''}:${stamp}`;
  if (!(await store.claimNotice(key, subscriber.id, change.kind))) return undefined;
  return { key, stamp: new Date(stamp) };
}
