#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the CLI works right after `npm ci` with no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig (JSX runtime, paths), whatever folder the operator runs gazette from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
// React's development build renders templates ~10× slower; gazette runs the production build.
process.env.NODE_ENV ??= 'production';
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
