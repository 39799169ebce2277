import { html, raw, type SafeHtml, type Translator } from "@alma-suite/core";

// Phone first: nothing may be wider than the screen at 360 px (the test-card table scrolls inside
// its own box, long numbers break), and the type stays readable without zooming.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem;color:#1a1a2e;background:#fafafa;line-height:1.45;overflow-wrap:anywhere}
header{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:baseline;border-bottom:2px solid #fa5022;margin-bottom:1rem}
header b{color:#a32d0c;font-size:1.4rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
.amount{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
form p{margin:.6rem 0}label{display:block;font-weight:600}input{padding:.4rem;font-size:1rem;max-width:100%}
button{background:#c73e12;color:#fff;border:0;padding:.6rem 1.2rem;font-size:1rem;border-radius:4px;cursor:pointer}
.error{color:#b00020;display:block}.notice{background:#fff3cd;padding:.6rem;border-radius:4px}
.terms{border:1px solid #ddd;border-radius:4px;padding:.6rem;background:#fff}.terms p{margin:.2rem 0}
.warning{font-weight:600}
code{background:#eee;padding:0 .2rem;word-break:break-all}small{color:#4a4a4a}
.links a{display:inline-block;margin:.3rem 1rem .3rem 0}
`;

/**
 * The page frame, in the payment's language. `outcome` is exposed as `data-outcome` so tests (and
 * curious developers) can tell which screen they are on without scraping prose.
 */
export function renderLayout(text: Translator, title: string, outcome: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${text.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${text.t("layout.titleSuffix")}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><b>alma</b><small>${text.t("layout.sandboxNotice")}</small></header>
<main data-outcome="${outcome}">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}
