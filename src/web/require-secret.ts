// Moved to config (issue 12: the secret rule is shared by web, send and the CLI). This file only
// keeps older imports working until they point at config/require-secret.ts.
export { MIN_SECRET_LENGTH, requireSecret } from '../config/require-secret.ts';
