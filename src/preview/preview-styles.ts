/** The preview's stylesheet, served from /assets/preview.css (no external fonts or files). */
export const PREVIEW_STYLES = `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#5c5f66;--line:#dedad2;--bg:#f6f5f2;--card:#fff;--accent:#0b57a4;--err:#a1260d;--warn:#8a5a00;--ok:#1e6b34}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Noto Sans KR",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
.top{display:flex;justify-content:space-between;align-items:center;padding:.6rem 1.2rem;background:var(--card);border-bottom:1px solid var(--line)}
.brand{font-weight:700;text-decoration:none;color:var(--ink)}
.live{font-size:.8rem;color:var(--muted)}
.live[data-state="on"]::before{content:"● ";color:var(--ok)}
.live[data-state="off"]::before{content:"● ";color:var(--err)}
main{max-width:1280px;margin:0 auto;padding:1rem 1.2rem 4rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.muted{color:var(--muted)}
table.editions{border-collapse:collapse;width:100%;background:var(--card)}
.editions th,.editions td{text-align:left;padding:.45rem .7rem;border-bottom:1px solid var(--line);vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums}
.chip{display:inline-block;margin:0 .4rem .2rem 0;padding:0 .45rem;border:1px solid var(--line);border-radius:1rem;font-size:.85rem}
.tag{margin-left:.5rem;font-size:.8rem;color:var(--warn)}
.problems{list-style:none;padding:0}
.problems li{padding:.2rem .5rem;border-left:3px solid var(--warn);margin:.2rem 0;background:var(--card)}
.problems li.error{border-color:var(--err)}
.ok{color:var(--ok)}
.error-box{border:1px solid var(--err);background:#fff5f2;padding:.5rem 1rem;margin:1rem 0}
.error-box pre{white-space:pre-wrap;color:var(--err)}
.toolbar{display:flex;flex-wrap:wrap;gap:1rem;margin:0 0 1rem}
.toggle{display:inline-flex;align-items:center;border:1px solid var(--line);border-radius:6px;background:var(--card);overflow:hidden}
.toggle-name{padding:.25rem .6rem;color:var(--muted);font-size:.85rem}
.toggle a{padding:.25rem .7rem;text-decoration:none;border-left:1px solid var(--line)}
.toggle a[aria-current="true"]{background:var(--accent);color:#fff}
.notice{padding:.5rem 1rem;border-left:4px solid var(--ok);background:var(--card)}
.notice.error{border-color:var(--err)}
.variant{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.5rem 1rem 1rem;margin:1rem 0}
.inbox{display:flex;gap:.6rem;align-items:baseline;padding:.5rem .7rem;border:1px solid var(--line);border-radius:6px;white-space:nowrap;overflow:hidden}
.inbox .from{font-weight:700;flex:none}
.inbox .subject{font-weight:600;flex:none;max-width:60%;overflow:hidden;text-overflow:ellipsis}
.inbox .preheader{color:var(--muted);overflow:hidden;text-overflow:ellipsis}
.size meter{width:16rem;height:1rem;vertical-align:middle}
.size-text{font-size:.85rem;color:var(--muted)}
.preflight ul{list-style:none;padding:0;margin:.3rem 0;font-size:.9rem}
.preflight li{padding:.15rem .5rem;border-left:3px solid var(--line);margin:.15rem 0}
.preflight li.error{border-color:var(--err)}
.preflight li.warning{border-color:var(--warn)}
.stage{padding:1rem;background:#e9e7e2;border-radius:6px;overflow-x:auto}
.stage.dark{background:#2a2a2c}
.frame{display:block;margin:0 auto;height:80vh;border:1px solid var(--line);background:#fff}
.stage.dark .frame{background:#121212;border-color:#444}
.w-375{width:375px}.w-600{width:600px}.w-full{width:100%}
pre.plain,pre.source{white-space:pre-wrap;word-break:break-word;max-height:80vh;overflow:auto;background:#fbfaf8;border:1px solid var(--line);padding:1rem;font-size:.85rem}
.send{margin-top:1rem;display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.send input{padding:.3rem .5rem;min-width:16rem}
.send button{padding:.3rem .9rem}
`;
