import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importConfigModule } from '../../src/config/import-config-module.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { isGazetteError } from '../../src/errors.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'gazette-config-module-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(temp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('importConfigModule', () => {
  it('bundles a TypeScript config with its relative imports, sees its own URL, and leaves no file behind', async () => {
    const dir = folder('ts', {
      'names.ts': "export const names: { ko: string; en: string } = { ko: '가제트', en: 'Gazette' };\n",
      'gazette.config.ts': [
        "import { names } from './names.ts';",
        'interface Shape { name: typeof names; here: string }',
        'const config: Shape = { name: names, here: import.meta.url };',
        'export default config;',
      ].join('\n'),
    });
    const file = path.join(dir, 'gazette.config.ts');
    const config = (await importConfigModule(file)) as { name: unknown; here: string };
    expect(config.name).toEqual({ ko: '가제트', en: 'Gazette' });
    expect(config.here).toBe(pathToFileURL(file).href);
    expect(readdirSync(dir).sort()).toEqual(['gazette.config.ts', 'names.ts']);
  });

  it("binds `import … from 'gazette'` to this package, with no node_modules in the config's folder", async () => {
    const dir = folder('bare-gazette', {
      'gazette.config.ts': [
        "import { defineConfig } from 'gazette';",
        "export default defineConfig({ name: { ko: '우리', en: 'Ours' } } as never);",
      ].join('\n'),
    });
    const config = await importConfigModule(path.join(dir, 'gazette.config.ts'));
    expect(config).toEqual({ name: { ko: '우리', en: 'Ours' } });
    expect(readdirSync(dir)).toEqual(['gazette.config.ts']);
  });

  it("bundles a .mjs config whose 'gazette' import Node cannot find", async () => {
    const dir = folder('bare-gazette-mjs', {
      'gazette.config.mjs':
        "import { defineConfig } from 'gazette';\nexport default defineConfig({ kind: 'mjs' });\n",
    });
    expect(await importConfigModule(path.join(dir, 'gazette.config.mjs'))).toEqual({ kind: 'mjs' });
    expect(readdirSync(dir)).toEqual(['gazette.config.mjs']);
  });

  it('imports a .mjs config as it is', async () => {
    const dir = folder('mjs', { 'gazette.config.mjs': 'export default { kind: "mjs" };\n' });
    expect(await importConfigModule(path.join(dir, 'gazette.config.mjs'))).toEqual({ kind: 'mjs' });
  });

  it('a syntax error names the file, line and column, and leaves no file behind', async () => {
    const dir = folder('syntax', { 'gazette.config.ts': 'export default {\n  name: ,\n};\n' });
    const error = await loadConfig({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(isGazetteError(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^Could not read gazette\.config\.ts: /);
    expect(message).toContain('gazette.config.ts:2:8');
    expect(readdirSync(dir)).toEqual(['gazette.config.ts']);
  });

  it('a config that throws is a clear error, and its temporary file is removed', async () => {
    const dir = folder('throws', { 'gazette.config.mts': "throw new Error('no config today');\n" });
    const error = await loadConfig({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Could not read gazette.config.mts: no config today');
    expect(readdirSync(dir)).toEqual(['gazette.config.mts']);
  });
});
