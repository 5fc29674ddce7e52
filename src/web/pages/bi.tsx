import type { Localized } from '../../locale.ts';

export type BiText = Required<Localized>;

/**
 * Korean and English side by side, each in its own `lang` (screen readers switch voice). Block
 * headings stack the English line under the Korean one (CSS `.en`).
 */
export function Bi({ text }: { text: BiText }) {
  return (
    <>
      <span lang="ko">{text.ko}</span>{' '}
      <span lang="en" className="en">
        {text.en}
      </span>
    </>
  );
}
