// @ts-check
// The import rules are read from docs/architecture.md's folder table ("may import" column), so the
// table is the rule and `npm test` (npm run boundaries) fails when the code and the table disagree.
// Cell syntax: `—` (nothing), `everything`, or names of other rows separated by commas, each
// optionally `(types)` for `import type` only. Every folder may also import the shared
// `errors.ts` and `locale.ts`, npm packages and Node's modules.
import { readFileSync } from 'node:fs';

const TABLE = 'docs/architecture.md';
const SHARED = ['src/errors.ts', 'src/locale.ts'];

/** @typedef {{ folder: string, pattern: string, mayImport: 'everything' | { name: string, typesOnly: boolean }[] }} Row */

/** @returns {Row[]} */
function readTable() {
  const rows = readFileSync(new URL(TABLE, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => /^\| `[^`]+` +\|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  if (rows.length === 0)
    throw new Error(`${TABLE}: no folder table ("| \`src/…/\` | … | may import |") found.`);
  return rows.map((cells) => {
    const folder = cells[1].replaceAll('`', '');
    const cell = cells.at(-2) ?? '';
    const pattern = `^${folder.replaceAll('.', '\\.')}${folder.endsWith('/') ? '' : '$'}`;
    if (cell === '—') return { folder, pattern, mayImport: [] };
    if (cell === 'everything') return { folder, pattern, mayImport: 'everything' };
    const mayImport = cell.split(',').map((entry) => {
      const match = /^([a-z]+)( \(types\))?$/.exec(entry.trim());
      if (!match)
        throw new Error(
          `${TABLE}, row ${folder}: cannot read "${entry.trim()}" (write "name" or "name (types)").`,
        );
      return { name: match[1], typesOnly: match[2] !== undefined };
    });
    return { folder, pattern, mayImport };
  });
}

const rows = readTable();
/** A name in the table ("content", "errors", "emails") is the row whose folder ends with it. */
const byName = new Map(
  rows.map((row) => [
    row.folder
      .replace(/(\.ts|\/)$/, '')
      .split('/')
      .at(-1),
    row,
  ]),
);
const patternOf = (/** @type {string} */ name, /** @type {string} */ folder) => {
  const row = byName.get(name);
  if (!row) throw new Error(`${TABLE}, row ${folder}: "${name}" is not a folder in the table.`);
  return row.pattern;
};
const local = '^(src|emails|bin|scripts)/';
const sharedPattern = `^(${SHARED.map((file) => file.replaceAll('.', '\\.')).join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration['allowed']} */
const allowed = [
  // npm packages and Node's own modules.
  { from: {}, to: { pathNot: local } },
  // Inside one folder of the table.
  ...rows.map((row) => ({ from: { path: row.pattern }, to: { path: row.pattern } })),
  ...rows.flatMap((row) => {
    if (row.mayImport === 'everything') return [{ from: { path: row.pattern }, to: { path: local } }];
    const shared = SHARED.some((file) => new RegExp(row.pattern).test(file))
      ? []
      : [{ from: { path: row.pattern }, to: { path: sharedPattern } }];
    return [
      ...shared,
      ...row.mayImport.map(({ name, typesOnly }) => ({
        from: { path: row.pattern },
        to: typesOnly
          ? { path: patternOf(name, row.folder), dependencyTypes: /** @type {const} */ (['type-only']) }
          : { path: patternOf(name, row.folder) },
      })),
    ];
  }),
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  allowed,
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes load order matter and hides which way the data flows. Through `import type` ' +
        'only (an interface and the helper it names) is erased at build time, so allowed.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-barrels',
      severity: 'error',
      comment:
        'Import the file that exports the thing, not an index.ts re-export (the barrels are gone; ' +
        'an index.ts may only gather files inside its own folder).',
      from: { path: '^(src/[^/]+|emails|tests|scripts)/' },
      to: { path: '/index\\.tsx?$', pathNot: '^$1/' },
    },
    {
      name: 'edition-is-pure',
      severity: 'error',
      comment: 'edition/ does no I/O: nothing it reaches may touch files, the network or processes.',
      from: { path: '^src/edition/' },
      to: {
        reachable: true,
        path: '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|worker_threads)$',
      },
    },
    {
      name: 'no-tests-in-src',
      severity: 'error',
      comment: 'src/ and emails/ never import tests/ or the benchmarks.',
      from: { path: '^(src|emails)/' },
      to: { path: '^(tests|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
