/**
 * A message body already in MIME form (what follows the header block), built by the sender
 * itself: the mailer writes the headers above it and hands the finished message to the
 * transport as it is, composing nothing again.
 */
export interface MimeBody {
  /** The root `Content-Type` value, e.g. `multipart/alternative; boundary="…"`. */
  contentType: string;
  /** The body's bytes in pieces, CRLF line ends, no line over 998 characters. */
  chunks: Buffer[];
}
