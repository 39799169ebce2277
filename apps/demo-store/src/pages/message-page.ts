import { html, type SafeHtml } from "@alma-suite/core";
import type { DemoText } from "../demo-text.ts";

export function messagePage(text: DemoText, title: string, message: string): SafeHtml {
  return html`<h1>${title}</h1><p>${message}</p><p><a href="/demo">${text.t("message.back")}</a></p>`;
}
