/**
 * The languages we have catalogues for. French is first: Alma sells in France first, so a page
 * with no locale (or one we do not speak) is French. Adding Spanish is one catalogue file per
 * package plus its code here.
 */
export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fr";

/** "fr", "fr-FR", "fr_BE", "EN-us" → "fr" / "en"; anything else → French. */
export function languageOf(tag: string | null | undefined): Language {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : DEFAULT_LANGUAGE;
}

// Europe-first regional defaults: a bare "en" reads dates as "7 December 2026", not "December 7".
const REGION: Record<Language, string> = { fr: "fr-FR", en: "en-GB" };

/**
 * The tag handed to `Intl`: the platform's own tag when it names a region of a language we speak
 * ("fr-BE" keeps Belgian conventions), else the language's European default.
 */
export function intlLocale(tag: string | null | undefined): string {
  const language = languageOf(tag);
  const cleaned = (tag ?? "").trim().replace("_", "-");
  if (/^[a-z]{2}-[a-z]{2}$/i.test(cleaned) && cleaned.slice(0, 2).toLowerCase() === language) {
    try {
      return Intl.getCanonicalLocales(cleaned)[0] ?? REGION[language];
    } catch {
      return REGION[language];
    }
  }
  return REGION[language];
}
