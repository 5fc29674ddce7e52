import { GazetteError } from '../errors.ts';

/** What an import row can carry. */
export const IMPORT_FIELDS = [
  'email',
  'name',
  'locale',
  'categories',
  'lists',
  'ad_consent',
  'consented_at',
  'time_zone',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Header names recognised for each field, compared without case, spaces, "_" or "-": what
 * Gazette's own export writes, and what Korean and English spreadsheets usually call them.
 */
const ALIASES: Record<ImportField, string[]> = {
  email: [
    'email',
    'emailaddress',
    'mail',
    'mailaddress',
    '이메일',
    '메일',
    '이메일주소',
    '메일주소',
    '전자우편',
  ],
  name: ['name', 'fullname', 'displayname', '이름', '성명', '성함'],
  locale: ['locale', 'language', 'lang', '언어', '수신언어'],
  categories: [
    'categories',
    'category',
    'topics',
    'topic',
    'interests',
    '관심사',
    '관심분야',
    '주제',
    '분야',
  ],
  lists: ['lists', 'list', 'newsletters', 'newsletter', '뉴스레터', '구독목록'],
  // Consent history from another tool (정보통신망법 §50: ad consent and its date travel with a list).
  ad_consent: [
    'adconsent',
    'advertisingconsent',
    'marketingconsent',
    'adsconsent',
    '광고동의',
    '광고수신동의',
    '마케팅동의',
    '마케팅수신동의',
    '광고성정보수신동의',
  ],
  consented_at: [
    'consentedat',
    'consentdate',
    'consentedon',
    'optindate',
    '동의일',
    '동의일자',
    '동의날짜',
    '수신동의일',
  ],
  time_zone: ['timezone', 'tz', '시간대', '표준시간대'],
};

export interface CsvColumns {
  /** Column index of each field the file has. */
  index: Partial<Record<ImportField, number>>;
  /** The file's own header name of each used field, for messages. */
  header: Partial<Record<ImportField, string>>;
  /** Header names of the columns nothing reads. */
  unused: string[];
}

/**
 * Which column holds which field, from the header row and the operator's `--map field=header`
 * (which wins over the recognised names). Throws USAGE when no column holds the address.
 */
export function mapCsvColumns(
  headerRow: string[],
  map: Partial<Record<ImportField, string>> = {},
): CsvColumns {
  const names = headerRow.map((name) => name.replace(/^\ufeff/, '').trim());
  const keys = names.map(headerKey);
  const index: CsvColumns['index'] = {};
  for (const field of IMPORT_FIELDS) {
    const wanted = map[field];
    if (wanted !== undefined) {
      const found = keys.indexOf(headerKey(wanted));
      if (found < 0) {
        throw new GazetteError(
          'USAGE',
          `--map ${field}=${wanted}: the CSV has no column "${wanted}". Its columns: ${names.join(', ')}.`,
          { field: 'map' },
        );
      }
      index[field] = found;
      continue;
    }
    const found = keys.findIndex(
      (key, i) => ALIASES[field].includes(key) && !Object.values(index).includes(i),
    );
    if (found >= 0) index[field] = found;
  }
  if (index.email === undefined) {
    throw new GazetteError(
      'USAGE',
      `No column of the CSV holds the email address; its header reads "${names.join(',')}". ` +
        'Name the column email (or 이메일), or say which one it is: --map email=COLUMN.',
      { line: 1, field: 'email' },
    );
  }
  const used = new Set(Object.values(index));
  const header = Object.fromEntries(
    Object.entries(index).map(([field, i]) => [field, names[i] ?? '']),
  ) as CsvColumns['header'];
  return { index, header, unused: names.filter((name, i) => !used.has(i) && name !== '') };
}

/** `--map email=이메일,name=성명` as field → header; throws USAGE naming the valid fields. */
export function parseColumnMap(value: string): Partial<Record<ImportField, string>> {
  const map: Partial<Record<ImportField, string>> = {};
  for (const pair of value.split(',')) {
    const [field = '', header = ''] = pair.split('=').map((part) => part.trim());
    const known = IMPORT_FIELDS.find(
      (f) => f === field.toLowerCase() || ALIASES[f].includes(headerKey(field)),
    );
    if (known === undefined || header === '') {
      throw new GazetteError(
        'USAGE',
        `--map "${pair}" is not FIELD=COLUMN with FIELD one of ${IMPORT_FIELDS.join(', ')} (for example --map email=이메일,name=성명).`,
        { field: 'map' },
      );
    }
    map[known] = header;
  }
  return map;
}

function headerKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_\-.]/g, '');
}
