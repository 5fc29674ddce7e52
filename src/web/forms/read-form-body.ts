import type { Context } from 'hono';
import type { FormBody } from './form-values.ts';

/**
 * The posted form, or undefined when the body cannot be parsed (a multipart body without or
 * with a wrong boundary, say): that is the client's fault, never a server error.
 */
export async function readFormBody(c: Context): Promise<FormBody | undefined> {
  try {
    return (await c.req.parseBody({ all: true })) as FormBody;
  } catch {
    return undefined;
  }
}
