/**
 * The recipient a VERP address names: `bounce+user=host@verp.example` → `user@host`
 * (send/compose-mail.ts builds them). Characters outside [A-Za-z0-9._-] became `_` there, so the
 * result is a LIKE-style pattern when `_` appears; `matchesVerp` confirms a candidate.
 */
export function verpRecipient(address: string, domains: readonly string[]): string | undefined {
  const match = /^bounce\+(.+)=([^=@]+)@([^@]+)$/i.exec(address.trim());
  if (match === null) return undefined;
  const [, local, host, domain] = match;
  if (local === undefined || host === undefined || domain === undefined) return undefined;
  if (!domains.some((d) => d.toLowerCase() === domain.toLowerCase())) return undefined;
  return `${local}@${host}`;
}

/** Whether `email` is the address that `verpRecipient` decoded (allowing its `_` stand-ins). */
export function matchesVerp(email: string, decoded: string): boolean {
  const at = email.lastIndexOf('@');
  const encoded = `${email.slice(0, at).replace(/[^A-Za-z0-9._-]/g, '_')}@${email.slice(at + 1)}`;
  return encoded.toLowerCase() === decoded.toLowerCase();
}
