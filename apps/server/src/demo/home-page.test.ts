import { describe, expect, it } from "vitest";
import { homePage } from "./home-page.ts";

describe("the home page", () => {
  it("lists the links the served plugins declare, under their mount paths, escaped", () => {
    const page = homePage({
      demo: false,
      plugins: [
        {
          mountPath: "/tinyshop",
          homeLinks: [{ path: "/openapi.json", label: "Tiny <API>", note: "(OpenAPI 3.1)" }],
        },
        { mountPath: "/quiet" },
      ],
    });
    expect(page).toContain('<li><a href="/tinyshop/openapi.json">Tiny &#60;API&#62;</a> (OpenAPI 3.1).</li>');
    expect(page).not.toContain("/quiet");
    expect(page).not.toContain('href="/demo"');
  });
});
