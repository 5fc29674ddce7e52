export { startPreviewServer, DEFAULT_PREVIEW_PORT } from './start-preview-server.ts';
export type { PreviewServer, PreviewServerOptions } from './start-preview-server.ts';
export { preflight, GMAIL_CLIP_BYTES } from './preflight.ts';
export type { PreflightInput } from './preflight.ts';
export { darkCopy } from './dark-copy.ts';
export type { Finding, IndexView, EditionView, VariantView } from './preview-views.ts';
