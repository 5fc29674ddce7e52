// Starts the render worker under tsx with the project's tsconfig (JSX runtime), whatever folder
// the editor runs gazette from; plain JavaScript because nothing compiles TypeScript yet here.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./render-worker.ts');
