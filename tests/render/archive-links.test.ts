import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../src/render/render-digest.ts';
import { makeEdition } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const base = testConfig();
const weekly = { ...base.lists[0]!, id: 'weekly' };
const config = { ...base, lists: [base.lists[0]!, weekly] };

/** Every link of the email to the web edition. */
async function archiveLinks(listId: string | undefined): Promise<string[]> {
  const edition = { ...makeEdition(3, config), listId };
  const list = listId === 'weekly' ? weekly : config.lists[0]!;
  const rendered = await renderDigest(edition, { config, list, locale: 'en' });
  return [...parseHTML(rendered.html).document.querySelectorAll('a[href*="/archive/"]')].map(
    (a) => a.getAttribute('href') ?? '',
  );
}

describe('web edition links name the list when it is not the first', () => {
  it('a second list: every archive link carries list=weekly', async () => {
    const links = await archiveLinks('weekly');
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toContain('list=weekly');
  });

  it('the first list (or a live edition): plain /archive/DATE links', async () => {
    for (const listId of [config.lists[0]!.id, undefined]) {
      const links = await archiveLinks(listId);
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect(href).not.toContain('list=');
    }
  });
});
