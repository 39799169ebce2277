export {
  type Catalogue,
  type Catalogues,
  createTranslator,
  type Translate,
  type Translator,
} from "./create-translator.ts";
export { DEFAULT_LANGUAGE, intlLocale, LANGUAGES, type Language, languageOf } from "./language-of.ts";
