import { GazetteError } from '../errors.ts';
import type { Language } from '../locale.ts';
import { uiText } from '../../emails/components/ui-text.ts';
import { PLACEHOLDERS } from './placeholders.ts';
import type { RenderedEmail } from './rendered-email.ts';

/** What changes per recipient. */
export interface Recipient {
  /** The recipient's link token: URL-safe base64 parts joined by dots (`[A-Za-z0-9_.-]`, see signToken). */
  token: string;
  /** Shown in the greeting; HTML-escaped in the HTML part. */
  name?: string;
}

/** A per-recipient value: the link token or the greeting in one language. */
export type Slot = 'token' | Language;

/** A rendered part cut at its placeholders: `parts[0] slot[0] parts[1] … parts[n]`. */
export interface SlotSplit {
  parts: readonly string[];
  slots: readonly Slot[];
}

/** One recipient's value of every slot, as the HTML part and the text part write it. */
export interface SlotValues {
  html: Record<Slot, string>;
  text: Record<Slot, string>;
}

// manageToken() joins subject and MAC with a dot; dots are safe in a URL path.
const TOKEN = /^[A-Za-z0-9_.-]{1,200}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g;
const SLOT_PATTERN = new RegExp(
  [PLACEHOLDERS.token, PLACEHOLDERS.greeting.ko, PLACEHOLDERS.greeting.en].join('|'),
  'g',
);
const SLOT_OF: Record<string, Slot> = {
  [PLACEHOLDERS.token]: 'token',
  [PLACEHOLDERS.greeting.ko]: 'ko',
  [PLACEHOLDERS.greeting.en]: 'en',
};
const splits = new WeakMap<RenderedEmail, { html: SlotSplit; text: SlotSplit }>();

/**
 * Where the per-recipient values go in an email rendered once for everybody: both parts cut at
 * their placeholders, computed once per rendered email. `personalize` fills the cuts into
 * strings; the send's MIME template lays the fixed parts out as base64 once per segment.
 */
export function personalizationSlots(rendered: RenderedEmail): { html: SlotSplit; text: SlotSplit } {
  let split = splits.get(rendered);
  if (split === undefined) {
    split = { html: splitOn(rendered.html), text: splitOn(rendered.text) };
    splits.set(rendered, split);
  }
  return split;
}

/** One recipient's slot values; refuses a token that is not URL-safe (it goes into links). */
export function slotValues(recipient: Recipient): SlotValues {
  if (!TOKEN.test(recipient.token)) {
    throw new GazetteError(
      'TOKEN_INVALID',
      'personalize needs a URL-safe token ([A-Za-z0-9_.-], 1-200 characters); issue it with the subscriber token helper.',
    );
  }
  // The name is a display value: drop control characters, cap its length.
  const name = recipient.name?.replace(CONTROL, ' ').trim().slice(0, 100) || undefined;
  const html = greetingsFor(name === undefined ? undefined : escapeHtml(name));
  const text = greetingsFor(name);
  return {
    html: { token: recipient.token, ...html },
    text: { token: recipient.token, ...text },
  };
}

function greetingsFor(name: string | undefined): Record<Language, string> {
  return name === undefined
    ? { ko: uiText.ko.hello, en: uiText.en.hello }
    : { ko: uiText.ko.helloName(name), en: uiText.en.helloName(name) };
}

function splitOn(source: string): SlotSplit {
  const parts: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const match of source.matchAll(SLOT_PATTERN)) {
    parts.push(source.slice(last, match.index));
    slots.push(SLOT_OF[match[0]] as Slot);
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  return { parts, slots };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
