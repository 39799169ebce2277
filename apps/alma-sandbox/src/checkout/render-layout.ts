import { html, raw, type SafeHtml } from "@alma-suite/core";

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a2e;background:#fafafa}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:2px solid #fa5022;margin-bottom:1rem}
header b{color:#fa5022;font-size:1.4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
.amount{text-align:right;font-variant-numeric:tabular-nums}
form p{margin:.6rem 0}label{display:block;font-weight:600}input{padding:.4rem;font-size:1rem}
button{background:#fa5022;color:#fff;border:0;padding:.6rem 1.2rem;font-size:1rem;border-radius:4px;cursor:pointer}
.error{color:#b00020}.notice{background:#fff3cd;padding:.6rem;border-radius:4px}
code{background:#eee;padding:0 .2rem}small{color:#555}
`;

/**
 * The page frame. `outcome` is exposed as `data-outcome` so tests (and curious developers) can
 * tell which screen they are on without scraping prose.
 */
export function renderLayout(title: string, outcome: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Alma sandbox</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><b>alma</b><small>Sandbox: no real money moves</small></header>
<main data-outcome="${outcome}">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}
