import { pathToFileURL } from 'node:url';
import type { Config } from '../config/config.ts';
import { loadConfig } from '../config/load-config.ts';
import { formatProblem } from '../content/format-problem.ts';
import type { ContentProblem } from '../content/item.ts';
import type { LoadResult } from '../content/load-items.ts';
import { loadItems } from '../content/load-items.ts';
import { buildEdition, buildEditions } from '../edition/build-editions.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import { filterEdition } from '../edition/filter-edition.ts';
import { openEditionSource } from '../editions/open-edition-source.ts';
import { GazetteError } from '../errors.ts';
import type { Locale } from '../locale.ts';
import { LOCALES } from '../locale.ts';
import type { RenderDigestOptions } from '../render/render-digest.ts';
import type { RenderedEmail } from '../render/rendered-email.ts';
import type { Recipient, PersonalizedEmail } from '../render/personalize.ts';
import type { links as Links } from '../render/links.ts';
import { preflight } from './preflight.ts';
import { CONFIRM_TTL_MS } from '../subscribers/tokens.ts';
import type { TransactionalMail, RenderedMail } from '../transactional/render-transactional-email.ts';
import type {
  ConfigSummary,
  EditionView,
  FrozenView,
  IndexView,
  ProblemView,
  TransactionalName,
  TransactionalView,
  VariantView,
} from './preview-views.ts';

export interface PipelineOptions {
  configPath: string;
  /** `--content DIR`, absolute; otherwise the config's contentDir. */
  contentDir?: string;
  /** The module exporting `renderDigest` (default: src/render/render-digest.ts). */
  rendererModule?: string;
}

interface Renderer {
  renderDigest(edition: Edition, options: RenderDigestOptions): Promise<RenderedEmail>;
  personalize(rendered: RenderedEmail, recipient: Recipient): PersonalizedEmail;
}

// The confirmation link's real lifetime, so the sample says what subscribers will read.
const CONFIRM_DAYS = Math.round(CONFIRM_TTL_MS / 86_400_000);

/** The reader the preview stands in for: a real-looking token, no name (the plain greeting). */
export const SAMPLE_RECIPIENT: Recipient = { token: 'preview-sample-token' };

/**
 * The whole pipeline as the preview needs it, run inside the render worker: config, content,
 * editions, every list × locale rendered, preflighted. Templates are imported lazily so a broken
 * one is reported as a page error instead of killing the worker.
 */
export function createPreviewPipeline(options: PipelineOptions) {
  let config: Promise<Config> | undefined;
  let renderer: Promise<Renderer> | undefined;
  let loaded: { generation: number; result: Promise<LoadResult> } | undefined;

  const getConfig = () =>
    (config ??= loadConfig({
      configPath: options.configPath,
      overrides: { contentDir: options.contentDir },
    }));
  const getRenderer = () => (renderer ??= importRenderer(options.rendererModule));
  const getItems = async (generation: number): Promise<LoadResult> => {
    if (loaded?.generation !== generation) {
      loaded = { generation, result: getConfig().then((c) => loadItems(c.contentDir)) };
    }
    return loaded.result;
  };
  const getEditions = async (generation: number) => {
    const c = await getConfig();
    const { items, problems, files } = await getItems(generation);
    return { config: c, files, problems, editions: buildEditions(items, editionOptions(c)) };
  };

  return {
    /** Load the config and templates now, so the first page after a change is quick. */
    async warm(): Promise<void> {
      await getConfig();
      await getRenderer();
    },

    async index(generation: number): Promise<IndexView> {
      const { config: c, files, problems, editions } = await getEditions(generation);
      // A sent edition whose items have since left the content folder is still listed (its record).
      const { items: all } = await getItems(generation);
      const source = await openEditionSource(c, all).catch(() => undefined);
      const sent = (await source?.sent().catch(() => undefined)) ?? [];
      await source?.close();
      const dates = new Set(editions.map((e) => e.date));
      const recordOnly = sent.filter((e) => !dates.has(e.date) && (dates.add(e.date), true));
      const listed = [...editions, ...recordOnly].sort((a, b) => b.date.localeCompare(a.date));
      return {
        config: summarize(c),
        contentDir: c.contentDir,
        files,
        editions: listed.map((edition) => ({
          date: edition.date,
          total: editionItems(edition).length,
          categories: edition.sections.map((s) => ({
            id: s.id,
            label: s.label.en === s.label.ko ? (s.label.en ?? s.id) : `${s.label.en} · ${s.label.ko}`,
            count: s.items.length,
          })),
          advertising: edition.advertising,
        })),
        problems: problems.map(toProblemView),
      };
    },

    async edition(generation: number, date: string): Promise<EditionView> {
      const { config: c, problems, editions } = await getEditions(generation);
      const edition = editions.find((e) => e.date === date);
      const { items: all } = await getItems(generation);
      // A sent edition is shown as it was frozen (the record), even when its items have since left
      // the content folder; an unsent one from the content.
      const source = await openEditionSource(c, all).catch(() => undefined);
      const resolvedByList = new Map<string, Awaited<ReturnType<NonNullable<typeof source>['editionOf']>>>();
      for (const list of c.lists) {
        const resolved = await source?.editionOf(list, date).catch(() => undefined);
        if (resolved !== undefined) resolvedByList.set(list.id, resolved);
      }
      await source?.close();
      if (edition === undefined && ![...resolvedByList.values()].some((r) => r.frozen)) {
        throw new GazetteError(
          'PREVIEW_NOT_FOUND',
          `No edition for ${date}: no valid item is dated that day, and no edition of that day was sent.`,
        );
      }
      const { renderDigest, personalize } = await getRenderer();
      const variants: VariantView[] = [];
      const frozen: FrozenView[] = [];
      for (const list of c.lists) {
        const resolved = resolvedByList.get(list.id);
        const part =
          resolved?.edition ??
          (edition === undefined
            ? buildEdition(date, [], editionOptions(c))
            : filterEdition(edition, list.categories, editionOptions(c)));
        if (resolved?.frozen && part.number !== undefined) {
          frozen.push({ listId: list.id, number: part.number, frozenAt: part.frozenAt ?? '' });
        }
        const items = editionItems(part);
        for (const locale of list.locales) {
          const base = { listId: list.id, listName: list.name.en, locale, itemCount: items.length };
          if (items.length === 0) {
            variants.push({ ...base, status: 'empty' });
            continue;
          }
          try {
            const rendered = await renderDigest(part, { config: c, list, locale, mode: 'email' });
            const sent = personalize(rendered, SAMPLE_RECIPIENT);
            variants.push({
              ...base,
              status: 'ok',
              subject: sent.subject,
              preheader: rendered.preheader,
              html: sent.html,
              text: sent.text,
              htmlBytes: Buffer.byteLength(sent.html),
              compactedItemIds: rendered.compactedItemIds,
              findings: preflight({
                items,
                locale: locale as Locale,
                html: sent.html,
                budgetBytes: c.budgetBytes,
                compactedItemIds: rendered.compactedItemIds,
              }),
            });
          } catch (error) {
            // Batch work: one failing variant does not hide the others.
            variants.push({ ...base, status: 'failed', error: describeError(error) });
          }
        }
      }
      return { date, config: summarize(c), variants, frozen, problems: problems.map(toProblemView) };
    },

    /** The confirmation or welcome mail in every locale, for a sample subscriber. */
    async transactional(name: TransactionalName): Promise<TransactionalView> {
      const c = await getConfig();
      const { render, links } = await importTransactional();
      const token = SAMPLE_RECIPIENT.token;
      const variants: VariantView[] = [];
      for (const locale of LOCALES) {
        const mail: TransactionalMail =
          name === 'confirm'
            ? {
                kind: 'confirm',
                locale,
                confirmUrl: `${c.publicUrl}/confirm/${token}`,
                expiresInDays: CONFIRM_DAYS,
              }
            : {
                kind: 'welcome',
                locale,
                name: 'Minji Kim',
                preferencesUrl: links.preferences(c.publicUrl, token),
                unsubscribeUrl: links.unsubscribe(c.publicUrl, token),
              };
        const base = { listId: name, listName: name === 'confirm' ? 'Confirmation' : 'Welcome', locale };
        try {
          const rendered = await render(c, mail);
          variants.push({
            ...base,
            status: 'ok',
            subject: rendered.subject,
            preheader: '',
            html: rendered.html,
            text: rendered.text,
            htmlBytes: Buffer.byteLength(rendered.html),
            findings: preflight({ items: [], locale, html: rendered.html, budgetBytes: c.budgetBytes }),
          });
        } catch (error) {
          variants.push({ ...base, status: 'failed', error: describeError(error) });
        }
      }
      return { name, config: summarize(c), variants };
    },
  };
}

export type PreviewPipeline = ReturnType<typeof createPreviewPipeline>;

/** The error text a page shows: the message, plus the code frame esbuild gives for syntax errors. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause =
      error.cause instanceof Error && !error.message.includes(error.cause.message)
        ? `\n${error.cause.message}`
        : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

async function importRenderer(rendererModule: string | undefined): Promise<Renderer> {
  const href =
    rendererModule === undefined
      ? new URL('../render/render-digest.ts', import.meta.url).href
      : pathToFileURL(rendererModule).href;
  try {
    const digest = (await import(href)) as Partial<Renderer>;
    const personal = (await import(
      new URL('../render/personalize.ts', import.meta.url).href
    )) as Partial<Renderer>;
    if (typeof digest.renderDigest !== 'function' || typeof personal.personalize !== 'function') {
      throw new Error(`${href} does not export renderDigest`);
    }
    return { renderDigest: digest.renderDigest, personalize: personal.personalize };
  } catch (error) {
    throw new GazetteError(
      'RENDER_FAILED',
      `The email templates cannot be loaded: ${describeError(error)}`,
      {},
      { cause: error },
    );
  }
}

type RenderTransactional = (config: Config, mail: TransactionalMail) => Promise<RenderedMail>;

// Imported on demand, never statically: the spare render process must not hold a template
// (or anything in a watched folder) before it is put to work.
async function importTransactional(): Promise<{ render: RenderTransactional; links: typeof Links }> {
  const href = new URL('../transactional/render-transactional-email.ts', import.meta.url).href;
  try {
    const module = (await import(href)) as { renderTransactionalEmail: RenderTransactional };
    const linkModule = (await import(new URL('../render/links.ts', import.meta.url).href)) as {
      links: typeof Links;
    };
    return { render: module.renderTransactionalEmail, links: linkModule.links };
  } catch (error) {
    throw new GazetteError(
      'RENDER_FAILED',
      `The transactional templates cannot be loaded: ${describeError(error)}`,
      {},
      { cause: error },
    );
  }
}

function editionOptions(config: Config) {
  return { timeZone: config.timeZone, categories: config.categories };
}

function summarize(config: Config): ConfigSummary {
  return {
    name: config.name,
    fromName: config.from.name ?? config.name.en,
    fromEmail: config.from.email,
    replyTo: config.replyTo,
    budgetBytes: config.budgetBytes,
    lists: config.lists.map((list) => ({ id: list.id, name: list.name, locales: list.locales })),
  };
}

function toProblemView(problem: ContentProblem): ProblemView {
  return { severity: problem.severity, file: problem.file, text: formatProblem(problem) };
}
