import { describe, expect, it } from "vitest";
import { html } from "./html.ts";

describe("html", () => {
  it("escapes interpolations but not nested templates", () => {
    const name = `<script>alert("x")</script>&'`;
    const out = html`<p>${name}</p>${html`<b>${1}</b>`}${[html`<i>a</i>`, "<"]}${null}${false}`;
    expect(out.value).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p><b>1</b><i>a</i>&lt;",
    );
  });
});
