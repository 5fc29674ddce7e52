import type { ReactNode } from 'react';
import type { Config } from '../../config/config.ts';
import { Bi } from './bi.tsx';
import type { BiText } from './bi.tsx';
import { Layout } from './layout.tsx';

export interface MessagePageProps {
  config: Pick<Config, 'name' | 'postalAddress'>;
  title: BiText;
  body: BiText[];
  /** `status` for good news, `alert` for a problem (announced by screen readers). */
  role?: 'status' | 'alert';
  link?: { href: string; text: BiText };
  children?: ReactNode;
}

/** A page that says one thing: check your inbox, confirmed, unsubscribed, or what went wrong. */
export function MessagePage({ config, title, body, role = 'status', link, children }: MessagePageProps) {
  return (
    <Layout config={config} title={title}>
      <div role={role} className={role === 'alert' ? 'notice problem' : 'notice'}>
        {body.map((text) => (
          <p key={text.en}>
            <Bi text={text} />
          </p>
        ))}
      </div>
      {children}
      {link === undefined ? null : (
        <p>
          <a href={link.href}>
            <Bi text={link.text} />
          </a>
        </p>
      )}
    </Layout>
  );
}
