import { domainToASCII } from 'node:url';
import { GazetteError } from '../errors.ts';

/** RFC 5321 §4.5.3.1: 64 octets of local part, 254 in a usable path. */
const MAX_LOCAL = 64;
const MAX_TOTAL = 254;
// RFC 5322 dot-atom text; quoted local parts are legal but rare and risky, so they are refused.
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Validate and normalise an address: refuse line breaks and control characters (header
 * injection), trim, lower-case the domain (IDN → punycode). Throws SUBSCRIBER_INVALID with the
 * reason. Compare addresses with emailKey(), not with this.
 */
export function normalizeEmail(input: string): string {
  const fail = (reason: string): never => {
    throw new GazetteError('SUBSCRIBER_INVALID', `Invalid email address: ${reason}.`, { field: 'email' });
  };
  if (/[\r\n\u2028\u2029]/.test(input)) fail('it contains a line break');
  const value = input.trim();
  if (value === '') fail('it is empty');
  if (value.length > MAX_TOTAL) fail(`it is longer than ${MAX_TOTAL} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(value)) fail('it contains spaces or control characters');
  const at = value.lastIndexOf('@');
  if (at < 0) fail('it has no "@"');
  const local = value.slice(0, at);
  const rawDomain = value.slice(at + 1);
  if (local === '' || local.length > MAX_LOCAL)
    fail(`the part before "@" must be 1 to ${MAX_LOCAL} characters`);
  if (local.split('.').some((atom) => !ATOM.test(atom)))
    fail('the part before "@" has characters not allowed there');
  const domain = domainToASCII(rawDomain.toLowerCase());
  const labels = domain.split('.');
  if (domain === '' || labels.length < 2 || labels.some((label) => !LABEL.test(label))) {
    fail(`"${rawDomain.slice(0, 60)}" is not a valid domain`);
  }
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]+)$/.test(labels.at(-1) ?? ''))
    fail('the domain has no valid top-level part');
  const email = `${local}@${domain}`;
  if (email.length > MAX_TOTAL) fail(`it is longer than ${MAX_TOTAL} characters`);
  return email;
}

/** The case-insensitive identity of a normalised address. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}
