import { describe, expect, it } from "vitest";
import { chosenLanguage, LANGUAGE_STORAGE_KEY } from "./chosen-language.ts";

function memory(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe("the admin pages' language", () => {
  it("is French when nothing says otherwise, or when the browser keeps no storage", () => {
    expect(chosenLanguage("", memory())).toBe("fr");
    expect(chosenLanguage("", null)).toBe("fr");
    const refusing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(chosenLanguage("?locale=en", refusing)).toBe("en");
    expect(chosenLanguage("", refusing)).toBe("fr");
  });

  it("follows ?locale= (Shopify's own locale parameter too) and remembers it", () => {
    const storage = memory();
    expect(chosenLanguage("?shop=a.myshopify.com&locale=en-GB", storage)).toBe("en");
    expect(storage.items.get(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(chosenLanguage("", storage)).toBe("en");
    expect(chosenLanguage("?locale=fr", storage)).toBe("fr");
    expect(chosenLanguage("", storage)).toBe("fr");
  });

  it("ignores a language it has no catalogue for", () => {
    const storage = memory({ [LANGUAGE_STORAGE_KEY]: "en" });
    expect(chosenLanguage("?locale=ja", storage)).toBe("en");
    expect(chosenLanguage("", memory({ [LANGUAGE_STORAGE_KEY]: "xx" }))).toBe("fr");
  });
});
