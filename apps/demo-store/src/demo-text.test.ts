import { describe, expect, it } from "vitest";
import { chooseLanguage, languageFromHeader } from "./demo-text.ts";
import en from "./locales/en.json" with { type: "json" };
import fr from "./locales/fr.json" with { type: "json" };

function keys(catalogue: object, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("the demo store's language", () => {
  it("takes the browser's preferred language we speak, by q value", () => {
    expect(languageFromHeader("en-US,en;q=0.9")).toBe("en");
    expect(languageFromHeader("de-DE, fr;q=0.4, en;q=0.7")).toBe("en");
    expect(languageFromHeader("fr-BE")).toBe("fr");
    expect(languageFromHeader("de, es")).toBeNull();
    expect(languageFromHeader("en;q=0, fr;q=0.1")).toBe("fr");
    expect(languageFromHeader(undefined)).toBeNull();
    expect(languageFromHeader(";;,q=1")).toBeNull();
  });

  it("puts the shopper's choice first, then the browser, then French", () => {
    expect(chooseLanguage("en", "fr-FR")).toBe("en");
    expect(chooseLanguage("xx", "en-GB")).toBe("en");
    expect(chooseLanguage(undefined, undefined)).toBe("fr");
    expect(chooseLanguage(undefined, "de")).toBe("fr");
  });

  it("has every message in both languages", () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });
});
