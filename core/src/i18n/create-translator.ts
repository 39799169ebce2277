import i18next, { type i18n } from "i18next";
import { DEFAULT_LANGUAGE, type Language, languageOf } from "./language-of.ts";

/** One language's messages: nested keys, `{{name}}` placeholders, i18next's `_one`/`_other` plurals. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/** A package's catalogues, one JSON file per language (`locales/fr.json`, `locales/en.json`, …). */
export type Catalogues = { [L in typeof DEFAULT_LANGUAGE]: Catalogue } & Partial<Record<Language, Catalogue>>;

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface Translator {
  language: Language;
  t: Translate;
}

const instances = new WeakMap<Catalogues, Map<Language, i18n>>();

/**
 * The messages of one package in the language of `locale` (French when none or unknown). A key
 * missing from a language falls back to French, then shows the key itself, so a half-translated
 * catalogue never blanks a page. Values are not HTML-escaped here: pages escape when they render.
 */
export function createTranslator(catalogues: Catalogues, locale: string | null | undefined): Translator {
  const language = languageOf(locale);
  let byLanguage = instances.get(catalogues);
  if (!byLanguage) {
    byLanguage = new Map();
    instances.set(catalogues, byLanguage);
  }
  let instance = byLanguage.get(language);
  if (!instance) {
    instance = i18next.createInstance();
    const resources: Record<string, { translation: Catalogue }> = {};
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      if (catalogue) resources[lang] = { translation: catalogue };
    }
    void instance.init({
      initAsync: false,
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      resources,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    byLanguage.set(language, instance);
  }
  const fixed = instance.getFixedT(language);
  return { language, t: (key, values) => String(fixed(key, values ?? {})) };
}
