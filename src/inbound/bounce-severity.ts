/** How a bounce counts (issue 13): hard stops mail at once, soft is counted, delayed changes nothing. */
export type BounceSeverity = 'hard' | 'soft' | 'delayed';

/**
 * RFC 3463 enhanced status codes. Hard: the address does not exist (5.1.x: 5.1.1 unknown user,
 * 5.1.10 Microsoft's "recipient not found") or the mailbox is disabled (5.2.1). Everything else
 * that failed is soft: a full mailbox (5.2.2), a policy or spam block (5.7.x), a system problem
 * (5.3.x, 5.4.x) can clear up, so only repetition (bounces.softLimit) stops the mail.
 */
export function bounceSeverity(status: string, action?: string): BounceSeverity {
  const normalized = action?.trim().toLowerCase();
  if (normalized === 'delayed' || normalized === 'relayed' || normalized === 'expanded') return 'delayed';
  const [klass, subject, detail] = status.split('.');
  if (klass !== '5') return 'soft';
  if (subject === '1') return 'hard';
  if (subject === '2' && detail === '1') return 'hard';
  return 'soft';
}

/** The first RFC 3463 code in a text (`550 5.1.1 …`, `smtp; 552-5.2.2 …`), if any. */
export function findStatusCode(text: string): string | undefined {
  return /(?:^|[\s;(-])([245]\.\d{1,3}\.\d{1,3})(?=$|[\s;:,).])/m.exec(text)?.[1];
}

/**
 * When a server names no enhanced code, its words do: the shapes of common servers in English
 * and Korean (Naver, Daum/Kakao). The basic reply code (550, 452) decides the class.
 */
export function statusFromWords(text: string): string | undefined {
  const basic = /(?:^|\s)([45])\d\d(?=[\s-])/m.exec(text)?.[1];
  const klass = basic ?? (/permanent|영구/i.test(text) ? '5' : undefined);
  if (UNKNOWN_USER.test(text)) return `${klass ?? '5'}.1.1`;
  if (MAILBOX_FULL.test(text)) return `${klass === '5' ? '5' : '4'}.2.2`;
  if (DISABLED.test(text)) return `${klass ?? '5'}.2.1`;
  return klass === undefined ? undefined : `${klass}.0.0`;
}

const UNKNOWN_USER =
  /user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|doesn't exist|address (couldn't|could not) be found|recipient not found|invalid recipient|존재하지 않|없는 (사용자|계정|주소)|수신자 (계정|주소).{0,10}없/i;
const MAILBOX_FULL =
  /mailbox (is )?full|over quota|quota exceeded|inbox is full|용량.{0,10}초과|메일함.{0,6}(가득|꽉)/i;
const DISABLED =
  /account (is )?disabled|mailbox (is )?disabled|account has been disabled|휴면|사용 중지|정지된 계정/i;
