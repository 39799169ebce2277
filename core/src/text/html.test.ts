import { describe, expect, it } from "vitest";
import { escapeHtml, html, raw } from "./html.ts";

describe("html", () => {
  it("escapes interpolated text, lists and attributes but keeps nested templates", () => {
    const name = `<script>alert("x")</script>&'`;
    const out = html`<p title="${name}">${[html`<b>${name}</b>`, " & more"]}</p>`.value;
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;";
    expect(out).toBe(`<p title="${escaped}"><b>${escaped}</b> &amp; more</p>`);
  });

  it("renders nothing for null, undefined and false, but does render 0", () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe("0");
  });

  it("keeps trusted markup from raw and escapes the same text otherwise", () => {
    expect(html`${raw("<br>")}${"<br>"}`.value).toBe("<br>&lt;br&gt;");
    expect(escapeHtml(`'"`)).toBe("&#39;&quot;");
  });
});
