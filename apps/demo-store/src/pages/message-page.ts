import { html, type SafeHtml } from "@alma-suite/core";

export function messagePage(title: string, message: string): SafeHtml {
  return html`<h1>${title}</h1><p>${message}</p><p><a href="/demo">Back to the shop</a></p>`;
}
