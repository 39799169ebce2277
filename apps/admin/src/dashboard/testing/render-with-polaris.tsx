import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json" with { type: "json" };
import { configure, render } from "@testing-library/react";
import type { ReactElement } from "react";

// `findBy…` and `waitFor` give up after 1 s by default. The CI runs every package's tests at once
// on two cores, where rendering the whole dashboard (Polaris frame, navigation, first fetch) once
// took longer and failed a test whose page was on its way. A page that never comes still fails.
configure({ asyncUtilTimeout: 10_000 });

/** Renders a dashboard page the way main.tsx does, for tests in a simulated DOM. */
export function renderWithPolaris(element: ReactElement) {
  return render(<AppProvider i18n={en}>{element}</AppProvider>);
}
