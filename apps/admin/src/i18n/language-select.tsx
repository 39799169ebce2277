import { LANGUAGES, type Language } from "@alma-suite/core/i18n";
import { Select } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useLanguage } from "./admin-providers.tsx";

// Each language named in itself, so a reader who cannot read the current one still finds theirs.
export const LANGUAGE_NAMES: Record<Language, string> = { fr: "Français", en: "English" };

/** The language picker: the choice applies at once and is remembered in this browser. */
export function LanguageSelect() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <Select
      label={t("common.language")}
      options={LANGUAGES.map((l) => ({ label: LANGUAGE_NAMES[l], value: l }))}
      value={language}
      onChange={(value) => setLanguage(value as Language)}
    />
  );
}
