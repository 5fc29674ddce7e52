export { renderTransactionalEmail } from './render-transactional-email.ts';
export type { RenderedMail, TransactionalMail } from './render-transactional-email.ts';
export { sendConfirmation } from './send-confirmation.ts';
export { sendWelcome } from './send-welcome.ts';
