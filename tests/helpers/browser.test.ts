import { chmodSync, readdirSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import type { TestBrowser } from './browser.ts';
import { findChromium } from './find-chromium.ts';
import { inCi } from './in-ci.ts';

describe('findChromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-find-chromium-'));
  const fake = (name: string): string => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return file;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes an explicit CHROMIUM_PATH first, and names it when it is not executable', async () => {
    const explicit = fake('explicit/chrome');
    const system = fake('usr/bin/chromium');
    await expect(findChromium({ env: { CHROMIUM_PATH: explicit }, systemPaths: [system] })).resolves.toEqual({
      executablePath: explicit,
      source: 'CHROMIUM_PATH',
    });
    await expect(findChromium({ env: { CHROMIUM_PATH: path.join(dir, 'missing') } })).rejects.toThrow(
      /CHROMIUM_PATH=.*missing is not an executable file/,
    );
  });

  it("then the system's usual paths, then PATH (like which)", async () => {
    const system = fake('opt/chromium');
    const onPath = fake('bin/google-chrome');
    await expect(
      findChromium({ env: { PATH: path.dirname(onPath) }, systemPaths: [path.join(dir, 'none'), system] }),
    ).resolves.toEqual({ executablePath: system, source: 'system' });
    await expect(
      findChromium({
        env: { PATH: `/nonexistent${path.delimiter}${path.dirname(onPath)}` },
        systemPaths: [],
      }),
    ).resolves.toEqual({ executablePath: onPath, source: 'system' });
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'then the npm Chromium (@sparticuz/chromium), unpacked once into the cache',
    async () => {
      const found = await findChromium({ env: { PATH: '' }, systemPaths: [] });
      expect(found.source).toBe('npm');
      expect(found.executablePath).toMatch(/sparticuz-chromium-[\d.]+\/chromium$/);
      // Asked again, the same file: no second unpack.
      expect((await findChromium({ env: { PATH: '' }, systemPaths: [] })).executablePath).toBe(
        found.executablePath,
      );
    },
    120_000,
  );
});

describe('inCi', () => {
  it('is true when CI is set to anything but empty, false or 0', () => {
    expect(inCi({ CI: 'true' })).toBe(true);
    expect(inCi({ CI: '1' })).toBe(true);
    expect(inCi({})).toBe(false);
    expect(inCi({ CI: '' })).toBe(false);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '0' })).toBe(false);
  });
});

describe('the launched browser', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Outside CI a machine without a CJK font skips this with a warning (the layout, contrast and
  // overflow checks of the other browser suites still hold with boxes, which are as wide as Hangul);
  // in CI it fails, so what readers see is what the suite saw.
  it('draws Hangul with a real font, not the same missing-glyph box for every syllable', async ({ skip }) => {
    const page = await browser.browser.newPage();
    try {
      // Without a CJK font (Debian: fonts-noto-cjk) every syllable is the same empty box.
      const pixels = await page.evaluate(() =>
        ['가', '나', '한', '국'].map((syllable) => {
          const canvas = document.createElement('canvas');
          canvas.width = 48;
          canvas.height = 48;
          const context = canvas.getContext('2d')!;
          context.font = '40px sans-serif';
          context.fillText(syllable, 2, 40);
          return Array.from(context.getImageData(0, 0, 48, 48).data).join(',');
        }),
      );
      const boxes = new Set(pixels).size !== 4;
      if (boxes && !inCi()) {
        console.warn(
          `${browser.found.executablePath} draws Hangul as boxes: install a CJK font (Debian: fonts-noto-cjk).`,
        );
        skip();
      }
      expect(new Set(pixels).size, `${browser.found.executablePath} draws Hangul as boxes`).toBe(4);
    } finally {
      await page.close();
    }
  });

  it('runs on a fresh temporary profile that is deleted on close', async () => {
    // Playwright makes the profile under os.tmpdir(), which follows TMPDIR: give it a private one.
    const scratch = mkdtempSync(path.join(tmpdir(), 'gazette-profile-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    let own: TestBrowser;
    try {
      own = await launchBrowser();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    try {
      const profiles = readdirSync(scratch).filter((name) =>
        name.startsWith('playwright_chromiumdev_profile-'),
      );
      expect(profiles).toHaveLength(1);
      // Chromium writes its profile there: it is the one in use, made for this launch.
      expect(readdirSync(path.join(scratch, profiles[0]!)).length).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
    expect(readdirSync(scratch)).toEqual([]);
    rmSync(scratch, { recursive: true, force: true });
  });
});
