import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadItems } from '../../src/content/load-items.ts';
import { MAX_FILE_BYTES } from '../../src/content/read-front-matter.ts';
import { itemSource, minimalFields } from './item-source.ts';

// Count what loadItems reads: a file over the limit must be judged by its size, never read.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

const temp = mkdtempSync(path.join(tmpdir(), 'gazette-huge-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('loadItems: a huge content file', () => {
  it('is skipped by its size with a one-line problem, never read; the other files still load', async () => {
    writeFileSync(path.join(temp, 'good.md'), itemSource(minimalFields({ id: 'good' })));
    // 120 MB, sparse: costs no disk, but read whole it would cost the process 120 MB and more.
    const huge = path.join(temp, 'dump.md');
    writeFileSync(huge, '---\n');
    truncateSync(huge, 120 * 1024 * 1024);
    // Just over the limit on disk: the byte check agrees with the character check it stands for.
    const over = path.join(temp, 'over.md');
    writeFileSync(over, '---\n');
    truncateSync(over, MAX_FILE_BYTES + 1);

    const { items, problems } = await loadItems(temp);

    expect(items.map((item) => item.id)).toEqual(['good']);
    expect(problems).toEqual([
      {
        file: 'dump.md',
        message: 'is larger than 1000000 characters (120.0 MB on disk): not a digest item; it was not read',
        severity: 'error',
        code: 'CONTENT_FILE',
      },
      {
        file: 'over.md',
        message: 'is larger than 1000000 characters (2.9 MB on disk): not a digest item; it was not read',
        severity: 'error',
        code: 'CONTENT_FILE',
      },
    ]);
    const read = vi.mocked(fsPromises.readFile).mock.calls.map(([file]) => path.basename(String(file)));
    expect(read).toEqual(['good.md']);
  });
});
