// Moved to src/transactional/ (issue 12: the CLI and preview use it too). Only keeps an older
// import working until it points there.
export { sendConfirmation } from '../../transactional/send-confirmation.ts';
