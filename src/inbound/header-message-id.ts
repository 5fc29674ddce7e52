/** The Message-ID header of raw mail, read from its header section only (no full parse). */
export function headerMessageId(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? Math.min(raw.length, 64 * 1024) : end).toString('latin1');
  return /^message-id:[ \t]*(<[^<>\r\n]{1,250}>)/im.exec(head)?.[1];
}
