/**
 * The one stylesheet, served from /assets (the CSP allows no inline style). System fonts only;
 * colours pass WCAG AA in light and dark schemes; focus is always visible.
 */
export const SITE_CSS = `
:root{color-scheme:light dark;--bg:#f7f6f2;--fg:#1d1d1f;--muted:#55575c;--link:#0b57a4;--card:#fff;--line:#c9c5bb;--bad:#a1260d;--ok:#1e6b34;--btn:#0b57a4;--btn-fg:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--muted:#b9bcc2;--link:#8cc4ff;--card:#1e1e1f;--line:#4a4a4f;--bad:#ff9d87;--ok:#8fd6a0;--btn:#8cc4ff;--btn-fg:#0d1b2a}}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;line-height:1.6;background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:40rem;padding:1rem}
[lang=ko]{word-break:keep-all}
.en{color:var(--muted)}
h1 .en,legend .en,label .en,button .en,h2 .en{display:block;font-size:.85em}
h1{font-size:1.6rem;line-height:1.3}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-10000px}.skip:focus{position:static}
.brand{font-weight:700;margin:0}
main{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem}
.field{margin:1rem 0}
label{display:block;font-weight:600}
label.choice{font-weight:400;display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
label.choice input{margin-top:.35rem}
input[type=email],input[type=text]{width:100%;font:inherit;padding:.6rem;border:1px solid var(--muted);border-radius:4px;background:var(--card);color:var(--fg)}
input[aria-invalid=true],fieldset[aria-invalid=true]{border-color:var(--bad);border-width:2px}
fieldset{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem}
legend{font-weight:600;padding:0 .25rem}
button{font:inherit;font-weight:700;min-height:44px;padding:.6rem 1.4rem;border:0;border-radius:6px;background:var(--btn);color:var(--btn-fg);cursor:pointer}
button .en{color:inherit}
.field-error,.problem{color:var(--bad)}
.notice{border-left:4px solid var(--ok);padding:.25rem 1rem;margin:1rem 0}
.notice.problem{border-color:var(--bad)}
.consent{font-size:.9rem;color:var(--muted)}
.address{font-weight:700;overflow-wrap:anywhere}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{font-size:.85rem;color:var(--muted);margin-top:1rem}
`;
