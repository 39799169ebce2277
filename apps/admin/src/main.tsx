import "@shopify/polaris/build/esm/styles.css";
import "./admin.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AdminProviders } from "./i18n/admin-providers.tsx";
import { browserStorage, chosenLanguage } from "./i18n/chosen-language.ts";
import { httpSettingsApi } from "./shopify-settings/settings-api.ts";
import { SettingsPage } from "./shopify-settings/settings-page.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
// Shopify opens the app with its admin's `locale` in the address; that language wins.
createRoot(root).render(
  <StrictMode>
    <AdminProviders language={chosenLanguage(window.location.search, browserStorage())}>
      <SettingsPage api={httpSettingsApi()} navigate={(url) => window.location.assign(url)} />
    </AdminProviders>
  </StrictMode>,
);
