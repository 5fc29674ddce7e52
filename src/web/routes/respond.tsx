import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isGazetteError } from '../../errors.ts';
import { verifyToken } from '../../subscribers/tokens.ts';
import type { TokenPurpose } from '../../subscribers/tokens.ts';
import { MessagePage } from '../pages/message-page.tsx';
import type { MessagePageProps } from '../pages/message-page.tsx';
import { pageText } from '../pages/page-text.ts';
import { renderPage } from '../pages/render-page.ts';
import type { WebContext } from '../web-deps.ts';

/** A one-message page with the site frame. */
export function message(
  c: Context,
  context: WebContext,
  props: Omit<MessagePageProps, 'config'>,
  status: ContentfulStatusCode = 200,
): Response {
  return renderPage(c, <MessagePage config={context.config} {...props} />, status);
}

/** 400 for a form body that cannot be parsed (e.g. multipart without its boundary). */
export function badForm(c: Context, context: WebContext): Response {
  return message(c, context, { title: pageText.badFormTitle, body: [pageText.badForm], role: 'alert' }, 400);
}

/**
 * The uid a link token carries, or the page that explains why the link fails: 410 for an
 * expired confirmation, 400 for anything forged, altered or truncated.
 */
export function uidFromToken(
  c: Context,
  context: WebContext,
  purpose: TokenPurpose,
): { uid: string; token: string } | { response: Response } {
  const token = c.req.param('token') ?? '';
  try {
    return { uid: verifyToken(context.secret, token, purpose, context.now()).subject, token };
  } catch (error) {
    if (!isGazetteError(error, 'TOKEN_INVALID')) throw error;
    if (error.context.reason === 'expired') {
      return {
        response: message(
          c,
          context,
          {
            title: pageText.expiredLinkTitle,
            body: [pageText.expiredLink],
            role: 'alert',
            link: { href: '/subscribe', text: pageText.subscribeAgain },
          },
          410,
        ),
      };
    }
    return {
      response: message(
        c,
        context,
        { title: pageText.invalidLinkTitle, body: [pageText.invalidLink], role: 'alert' },
        400,
      ),
    };
  }
}
