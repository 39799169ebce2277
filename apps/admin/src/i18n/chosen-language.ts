import { DEFAULT_LANGUAGE, LANGUAGES, type Language, languageOf } from "@alma-suite/core/i18n";

/** Where the dashboard user's choice of language is remembered in their browser. */
export const LANGUAGE_STORAGE_KEY = "alma-admin-language";

function known(tag: string | null | undefined): Language | null {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return (LANGUAGES as readonly string[]).includes(primary) ? languageOf(primary) : null;
}

/**
 * The language of the admin pages: a `?locale=` in the address (Shopify passes its admin's
 * `locale` to apps it opens) wins and is remembered, then what the user chose earlier, then
 * French. A storage the browser refuses (private mode) only means the choice is not remembered.
 */
export function chosenLanguage(
  search: string,
  storage: Pick<Storage, "getItem" | "setItem"> | null,
): Language {
  const asked = known(new URLSearchParams(search).get("locale"));
  if (asked) {
    rememberLanguage(asked, storage);
    return asked;
  }
  try {
    return known(storage?.getItem(LANGUAGE_STORAGE_KEY)) ?? DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(language: Language, storage: Pick<Storage, "setItem"> | null): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered: the page still shows in the language chosen now.
  }
}

/** `window.localStorage`, or null where reading it throws (some privacy settings). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
