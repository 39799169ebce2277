import "@shopify/polaris/build/esm/styles.css";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json" with { type: "json" };
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
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
    <AppProvider i18n={en}>
      <DashboardApp api={api} />
    </AppProvider>
  </StrictMode>,
);
