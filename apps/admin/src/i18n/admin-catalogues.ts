import type { Catalogues } from "@alma-suite/core/i18n";
import en from "../locales/en.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };

/** The admin pages' catalogues, one file per language: Spanish would be one more, `locales/es.json`. */
export const ADMIN_CATALOGUES: Catalogues = { fr, en };
