import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json" with { type: "json" };
import { render } from "@testing-library/react";
import type { ReactElement } from "react";

/** Renders a dashboard page the way main.tsx does, for tests in a simulated DOM. */
export function renderWithPolaris(element: ReactElement) {
  return render(<AppProvider i18n={en}>{element}</AppProvider>);
}
