import "@shopify/polaris/build/esm/styles.css";
import "../admin.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AdminProviders } from "../i18n/admin-providers.tsx";
import { browserStorage, chosenLanguage } from "../i18n/chosen-language.ts";
import { httpDashboardApi } from "./dashboard-api.ts";
import { DashboardApp } from "./dashboard-app.tsx";
import { routeHash } from "./route.ts";
import { navigate } from "./use-hash-route.ts";

// A 401 anywhere (no session, or it expired) brings the login page, which comes back here after.
const api = httpDashboardApi({
  onUnauthorized: () => {
    const here = window.location.hash;
    const next = here.startsWith("#/") && !here.startsWith("#/login") ? here : null;
    navigate(routeHash({ page: "login", next }));
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
createRoot(root).render(
  <StrictMode>
    <AdminProviders language={chosenLanguage(window.location.search, browserStorage())}>
      <DashboardApp api={api} />
    </AdminProviders>
  </StrictMode>,
);
