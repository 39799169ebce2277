import { describe, expect, it } from "vitest";
import { html } from "./html.ts";

describe("html", () => {
  it("escapes interpolated text, lists and attributes but keeps nested templates", () => {
    const name = `<script>alert("x")</script>`;
    const out = html`<p title="${name}">${[html`<b>${name}</b>`, " & more"]}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</b> &amp; more</p>',
    );
    expect(html`${null}${undefined}${false}${0}`.value).toBe("0");
  });
});
