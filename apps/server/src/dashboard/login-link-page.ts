import { type Catalogues, createTranslator, html } from "@alma-suite/core";
import en from "./locales/en.json" with { type: "json" };
import fr from "./locales/fr.json" with { type: "json" };
import type { Redeemed } from "./login-links.ts";

const CATALOGUES: Catalogues = { fr, en };

const SENTENCES: Record<Exclude<Redeemed, { ok: true }>["reason"], string> = {
  used: "loginLink.used",
  expired: "loginLink.expired",
  forged: "loginLink.forged",
  unknown_tenant: "loginLink.unknownTenant",
};

/**
 * What a merchant sees after following a login link that no longer works (used, expired, forged,
 * or its shop gone): a page in their language that says why and how to get a new link, rather
 * than the API's JSON. `language` is "fr" or "en" as the request's Accept-Language chose.
 */
export function loginLinkPage(reason: keyof typeof SENTENCES, language: string): string {
  const { language: lang, t } = createTranslator(CATALOGUES, language);
  return html`<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${t("loginLink.title")}</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0; background: #f1f1f1; color: #303030; }
      main { max-width: 36rem; margin: 3rem auto; padding: 1.5rem; background: #fff; border-radius: 12px; }
      h1 { font-size: 1.25rem; margin-top: 0; }
      code { display: block; padding: 0.5rem; background: #f1f1f1; border-radius: 6px; overflow-wrap: anywhere; }
      a { color: #005bd3; }
    </style>
  </head>
  <body>
    <main>
      <h1>${t("loginLink.title")}</h1>
      <p>${t(SENTENCES[reason])}</p>
      <p>${t("loginLink.howMerchant")}</p>
      <p>${t("loginLink.howOperator")}</p>
      <code>npx alma-suite tenants login-link &lt;${t("loginLink.tenantId")}&gt;</code>
      <p><a href="/dashboard/">${t("loginLink.signIn")}</a></p>
    </main>
  </body>
</html>
`.value;
}
