import { html, type SafeHtml } from "@alma-suite/core";

/**
 * Buyer pages work without JavaScript; the policy forbids scripts altogether. form-action also
 * governs the redirect that follows the plan form, which goes to Alma's origin.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:; base-uri 'none'; frame-ancestors 'none'";

/** The page around a buyer page's body; every value goes through core's escaping `html` tag. */
export function layout(options: {
  lang: string;
  title: string;
  body: SafeHtml;
  refreshUrl?: string;
}): string {
  const refresh = options.refreshUrl
    ? html`<meta http-equiv="refresh" content="2;url=${options.refreshUrl}">`
    : null;
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}
<title>${options.title}</title>
<style>
*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f6f7;color:#202223;overflow-wrap:anywhere}
main{max-width:560px;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
@media (max-width:600px){main{margin:0;border-radius:0;padding:1rem}}
h1{font-size:1.35rem;margin-top:0}fieldset{border:0;margin:0;padding:0;min-width:0}legend{padding:0;font-weight:600}
.offer{display:block;border:1px solid #8c9196;border-radius:8px;padding:1rem;margin:.75rem 0;cursor:pointer}
.offer:has(input:checked){border-color:#c43a10;box-shadow:0 0 0 1px #c43a10}.schedule{margin:.5rem 0 0 1.6rem;padding:0;list-style:none;font-size:.9rem}
.cost{font-size:.85rem;color:#4a4d50;margin-left:1.6rem}.cost p{margin:.2rem 0}.cost .warning{font-weight:600;color:#202223}
button,.button{display:inline-block;background:#c43a10;color:#fff;border:0;border-radius:8px;padding:.8rem 1.2rem;font-size:1rem;text-decoration:none;cursor:pointer}
.secondary{color:#202223;background:#e4e5e7}.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.25rem;align-items:center}
</style>
</head>
<body><main>${options.body}</main></body>
</html>`.value;
}
