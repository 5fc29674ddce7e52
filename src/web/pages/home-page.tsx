import { josa } from 'es-hangul';
import type { Config } from '../../config/config.ts';
import type { FieldErrors, SubscribeValues } from '../forms/form-values.ts';
import type { LatestEdition } from '../web-deps.ts';
import { Bi } from './bi.tsx';
import { Layout } from './layout.tsx';
import { pageText } from './page-text.ts';
import { SubscribeForm } from './subscribe-page.tsx';

export interface HomePageProps {
  config: Pick<Config, 'name' | 'postalAddress' | 'categories' | 'lists'>;
  values: SubscribeValues;
  errors: FieldErrors;
  /** Newest first; undefined when the app was built without an editions source. */
  editions?: LatestEdition[];
}

/** `/`: what the newsletter is, its lists, the latest editions, and the form to sign up. */
export function HomePage({ config, values, errors, editions }: HomePageProps) {
  const described = config.lists.filter((list) => list.description !== undefined);
  const listName = (id: string) => config.lists.find((list) => list.id === id)?.name;
  return (
    <Layout config={config} title={config.name}>
      <p>
        {/* The particle follows the configured name's last sound (를 after a vowel, 을 after a consonant). */}
        <Bi
          text={{
            ko: `${josa(config.name.ko, '을/를')} 매일 아침 이메일로 받아 보세요.`,
            en: `Get ${config.name.en} by email every morning.`,
          }}
        />
      </p>
      {described.length === 0 ? null : (
        <section aria-labelledby="lists-heading">
          <h2 id="lists-heading">
            <Bi text={pageText.ourNewsletters} />
          </h2>
          <dl>
            {described.map((list) => (
              <div key={list.id}>
                <dt>
                  <Bi text={list.name} />
                </dt>
                <dd>{list.description === undefined ? null : <Bi text={list.description} />}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {editions === undefined ? null : (
        <section aria-labelledby="editions-heading">
          <h2 id="editions-heading">
            <Bi text={pageText.latestEditions} />
          </h2>
          <ul>
            {editions.map((edition) => {
              const list = listName(edition.listId);
              return (
                <li key={`${edition.listId} ${edition.date} ${edition.url}`}>
                  <a href={edition.url}>
                    <time dateTime={edition.date}>{edition.date}</time>
                    {edition.number === undefined ? '' : ` · #${edition.number}`} · {edition.title}
                  </a>
                  {list === undefined || config.lists.length < 2 ? null : (
                    <>
                      {' '}
                      (<Bi text={list} />)
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <p>
            <a href="/archive">
              <Bi text={pageText.allEditions} />
            </a>
          </p>
        </section>
      )}
      <section aria-labelledby="subscribe-heading">
        <h2 id="subscribe-heading">
          <Bi text={pageText.subscribeTitle} />
        </h2>
        <p>
          <Bi text={pageText.subscribeIntro} />
        </p>
        <SubscribeForm config={config} values={values} errors={errors} />
      </section>
    </Layout>
  );
}
