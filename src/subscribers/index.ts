export { createKyselyStore } from './create-kysely-store.ts';
export { openStore } from './open-store.ts';
export type { OpenedStore } from './open-store.ts';
export { normalizeEmail, emailKey } from './normalize-email.ts';
export { signToken, verifyToken, manageToken, confirmToken, CONFIRM_TTL_MS } from './tokens.ts';
export type { TokenPurpose } from './tokens.ts';
export { suppressionHash } from './suppression-hash.ts';
export { importCsv } from './import-csv.ts';
export type { ImportSummary, ImportProblem, ImportCsvOptions } from './import-csv.ts';
export { SUBSCRIBER_STATUSES, CONSENT_SOURCES } from './subscriber.ts';
export type {
  Subscriber,
  SubscriberStatus,
  ConsentRecord,
  ConsentSource,
  SubscribeInput,
  SubscribeResult,
  SubscribeOutcome,
  PreferencesInput,
} from './subscriber.ts';
export type { SubscriberStore, SubscriberPage, PageQuery, ImportOutcome } from './subscriber-store.ts';
