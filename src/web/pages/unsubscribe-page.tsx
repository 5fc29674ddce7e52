import type { Config } from '../../config/config.ts';
import { Bi } from './bi.tsx';
import { Layout } from './layout.tsx';
import { pageText } from './page-text.ts';

/** GET shows this and changes nothing (mail scanners follow links); the button POSTs. */
export function UnsubscribePage({
  config,
  token,
  email,
}: {
  config: Pick<Config, 'name' | 'postalAddress'>;
  token: string;
  email: string;
}) {
  return (
    <Layout config={config} title={pageText.unsubscribeTitle}>
      <p>
        <Bi text={pageText.unsubscribeAsk} />
      </p>
      <p className="address">{email}</p>
      <form method="post" action={`/unsubscribe/${token}`}>
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">
          <Bi text={pageText.unsubscribeButton} />
        </button>
      </form>
    </Layout>
  );
}
