import type { Config } from '../../config/config.ts';
import { Bi } from './bi.tsx';
import { Layout } from './layout.tsx';
import { pageText } from './page-text.ts';

/**
 * GET /confirm shows this and changes nothing: mail gateways follow links, and a consent record
 * must come from the reader's own press of the button, which POSTs.
 */
export function ConfirmPage({
  config,
  token,
  email,
}: {
  config: Pick<Config, 'name' | 'postalAddress'>;
  token: string;
  email: string;
}) {
  return (
    <Layout config={config} title={pageText.confirmTitle}>
      <p>
        <Bi text={pageText.confirmAsk} />
      </p>
      <p className="address">{email}</p>
      <form method="post" action={`/confirm/${token}`}>
        <button type="submit">
          <Bi text={pageText.confirmButton} />
        </button>
      </form>
    </Layout>
  );
}
