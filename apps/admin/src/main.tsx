import "@shopify/polaris/build/esm/styles.css";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json" with { type: "json" };
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { httpSettingsApi } from "./shopify-settings/settings-api.ts";
import { SettingsPage } from "./shopify-settings/settings-page.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
createRoot(root).render(
  <StrictMode>
    <AppProvider i18n={en}>
      <SettingsPage api={httpSettingsApi()} navigate={(url) => window.location.assign(url)} />
    </AppProvider>
  </StrictMode>,
);
