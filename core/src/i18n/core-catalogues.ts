import type { Catalogues } from "./create-translator.ts";
import en from "./locales/en.json" with { type: "json" };
import fr from "./locales/fr.json" with { type: "json" };

/** Core's own messages (plan names, credit terms), shared by every page that shows a plan. */
export const CORE_CATALOGUES: Catalogues = { fr, en };
