// The package's entry for a newsletter folder of its own: `import { defineConfig } from 'gazette'`
// in gazette.config.ts (after `npm install <path to gazette>`; see README.md, "Your own
// newsletter"). Plain JavaScript: Node does not run TypeScript from node_modules. Its types are
// in index.d.ts; the implementation is the same identity function as src/config/define-config.ts.

/**
 * Typed helper for gazette.config.ts; returns its argument.
 * @param {import('./index.js').ConfigFile} config
 */
export function defineConfig(config) {
  return config;
}
