import { createTranslator, LANGUAGES, type Language, readCookie, type Translator } from "@alma-suite/core";
import type { RequestHandler, Response } from "express";
import en from "./locales/en.json" with { type: "json" };
import fr from "./locales/fr.json" with { type: "json" };

const CATALOGUES = { fr, en };

/** The shopper's language choice, kept for the whole shop (the header's FR / EN links set it). */
export const LANGUAGE_COOKIE = "demo_lang";

/** The demo's messages in one language, and the locale money, dates and the widget follow. */
export interface DemoText extends Translator {
  /** The BCP 47 tag handed to core's money and date formatting and to Alma's payment. */
  locale: Language;
}

export function demoText(language: Language): DemoText {
  const translator = createTranslator(CATALOGUES, language);
  return { ...translator, locale: translator.language };
}

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/**
 * The first language of an `Accept-Language` header we have a catalogue for, by the browser's
 * preference (q values); null when it names none of them.
 */
export function languageFromHeader(header: string | undefined): Language | null {
  const ranked = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.trim().toLowerCase().split(/[-_]/)[0] ?? "", q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0 && entry.primary !== "")
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.primary).find(isLanguage) ?? null;
}

/** The shopper's choice (cookie), else the browser's languages, else French (Alma's shoppers are French first). */
export function chooseLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  if (cookie && isLanguage(cookie)) return cookie;
  return languageFromHeader(acceptLanguage) ?? "fr";
}

export function textOf(res: Response): DemoText {
  const text = res.locals.demoText as DemoText | undefined;
  return text ?? demoText("fr");
}

/** Reads the language once per request; every page and message of the request uses it. */
export const demoLanguage: RequestHandler = (req, res, next) => {
  res.locals.demoText = demoText(
    chooseLanguage(readCookie(req.get("cookie"), LANGUAGE_COOKIE), req.get("accept-language")),
  );
  next();
};
