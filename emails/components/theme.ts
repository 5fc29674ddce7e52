/**
 * Colours and type shared by every Gazette email. Light colours are inlined; the dark palette is
 * applied by a `prefers-color-scheme` style block (Apple Mail, Outlook.com/iOS/macOS, Samsung).
 * Gmail ignores that block and inverts on its own, so the light palette avoids pure white text on
 * colour and mid-grey text that turns unreadable when inverted. Every pair passes WCAG AA (4.5:1).
 */
export const colors = {
  page: '#f2f0eb',
  card: '#ffffff',
  text: '#1d1d1f',
  muted: '#55575c',
  link: '#0b57a4',
  accent: '#9a3b12',
  calloutBg: '#fff4e0',
  calloutBorder: '#c8741f',
  rule: '#dedad2',
  dark: {
    rule: '#3d3d40',
    page: '#121212',
    card: '#1e1e1f',
    text: '#ececec',
    muted: '#b9bcc2',
    link: '#8cc4ff',
    accent: '#ffb38a',
    calloutBg: '#2d2416',
    calloutBorder: '#e09a4b',
  },
} as const;

/**
 * Short font stacks, set once per MJML text block (which writes a font-family anyway), never on
 * each language block. Unquoted: quotes would be escaped to 6-byte entities. No web fonts (and no
 * "Roboto", which makes MJML add a Google Fonts link).
 */
export const fonts = {
  latin: 'Helvetica,Arial,sans-serif',
  /** Apple SD Gothic Neo (Apple), Malgun Gothic (Windows), Noto Sans KR (Android/Linux). */
  korean: 'Apple SD Gothic Neo,Malgun Gothic,Noto Sans KR,sans-serif',
  /** Blocks mixing both languages: Latin faces have no Hangul, so Hangul falls through to the CJK faces. */
  mixed: 'Helvetica,Arial,Apple SD Gothic Neo,Malgun Gothic,Noto Sans KR,sans-serif',
} as const;

/** The stack for a text block showing `languages` (one language, or both mixed). */
export function fontFor(languages: readonly ('ko' | 'en')[]): string {
  if (languages.length > 1) return fonts.mixed;
  return languages[0] === 'ko' ? fonts.korean : fonts.latin;
}

/** Class names the dark-mode style block targets (kept short: they repeat on every item). */
export const darkClass = {
  page: 'gz-pg',
  card: 'gz-cd',
  text: 'gz-tx',
  muted: 'gz-mu',
  link: 'gz-ln',
  accent: 'gz-ac',
  callout: 'gz-co',
  /** Dividers (border colour). */
  rule: 'gz-rl',
  /** A full item: its divider and its links (so each link needs no class of its own). */
  item: 'gz-it',
  /** Lists of compacted headlines: their links take the link colour from here in dark mode. */
  compact: 'gz-cl',
} as const;

/**
 * The `<mj-style>` body for dark mode. Emails are one card colour edge to edge (a background per
 * MJML section costs ~150 bytes each); MJML puts a `css-class` on its outer div but inlines the
 * background on the div and its table, so both (and the cells) are overridden; card rules come
 * after page rules so they win inside cards. `page` remains for web pages around the email.
 */
export const darkModeCss = `
:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme:dark){
.${darkClass.page},.${darkClass.page}>table,.${darkClass.page} td{background:${colors.dark.page}!important}
.${darkClass.card},.${darkClass.card}>table,.${darkClass.card} td,body{background:${colors.dark.card}!important}
.${darkClass.card} div,.${darkClass.text}{color:${colors.dark.text}!important}
.${darkClass.muted},.${darkClass.card} .${darkClass.muted}{color:${colors.dark.muted}!important}
.${darkClass.accent},.${darkClass.card} .${darkClass.accent}{color:${colors.dark.accent}!important}
.${darkClass.link},.${darkClass.card} .${darkClass.link}{color:${colors.dark.link}!important}
.${darkClass.callout},.${darkClass.card} .${darkClass.callout}{background:${colors.dark.calloutBg}!important;border-color:${colors.dark.calloutBorder}!important}
.${darkClass.rule},.${darkClass.item},.${darkClass.item} td{border-color:${colors.dark.rule}!important}
.${darkClass.item} a{color:${colors.dark.link}!important}
.${darkClass.compact} a{color:${colors.dark.link}!important}
}`;
