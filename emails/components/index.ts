// Shared parts of Gazette emails. Transactional emails (confirmation, welcome) reuse them:
// wrap the mail in <EmailShell lang title preheader fontFamily>, put each language's text in a
// <LangBlock lang> (it sets lang, dir and Korean word-keeping), take colours and font stacks from
// theme.ts (add `darkClass.*` to coloured elements so dark mode stays readable), and end with
// <EmailFooter>. Compile with compileMjml from src/render/compile-mjml.ts.
export { EmailShell } from './email-shell.tsx';
export type { EmailShellProps } from './email-shell.tsx';
export { LangBlock } from './lang-block.tsx';
export type { LangBlockProps } from './lang-block.tsx';
export { JoinedText } from './joined-text.tsx';
export { EmailFooter } from './email-footer.tsx';
export type { EmailFooterProps, FooterLink } from './email-footer.tsx';
export { Masthead } from './masthead.tsx';
export { ContentsBlock, CompactedNotice } from './contents-block.tsx';
export { SectionHeading } from './section-heading.tsx';
export { ItemBlock, ItemSection } from './item-block.tsx';
export { CompactItems, CompactLine } from './compact-items.tsx';
export { MeasureMarker } from './measure-marker.tsx';
export type { MarkerKind } from './measure-marker.tsx';
export { colors, fonts, fontFor, darkClass, darkModeCss } from './theme.ts';
export { uiText } from './ui-text.ts';
export type { UiText } from './ui-text.ts';
