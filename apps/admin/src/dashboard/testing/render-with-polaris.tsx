import type { Language } from "@alma-suite/core/i18n";
import { configure, render } from "@testing-library/react";
import type { ReactElement } from "react";
import { AdminProviders } from "../../i18n/admin-providers.tsx";

// `findBy…` and `waitFor` give up after 1 s by default. The CI runs every package's tests at once
// on two cores, where rendering the whole dashboard (Polaris frame, navigation, first fetch) once
// took longer and failed a test whose page was on its way. A page that never comes still fails.
configure({ asyncUtilTimeout: 10_000 });

/**
 * Renders a dashboard page the way main.tsx does, for tests in a simulated DOM. English unless
 * told otherwise (the pages' own default is French); the choice is not written to storage.
 */
export function renderWithPolaris(element: ReactElement, language: Language = "en") {
  return render(
    <AdminProviders language={language} remember={false}>
      {element}
    </AdminProviders>,
  );
}
