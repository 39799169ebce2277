import {
  describeAnswer,
  eligibilityRequest,
  readSettings,
  type WidgetSettings,
  widgetTitle,
} from "./format-eligibility.ts";

/**
 * The embeddable script: `<script src=".../alma-eligibility.js" data-merchant-id data-amount
 * data-api data-plans>` renders right after itself, and every `<div data-alma-eligibility …>` on
 * the page renders inside (attributes missing on the div come from the script tag). It calls
 * Alma's public eligibility with the merchant id only: no secret ever reaches the browser.
 * Anything wrong renders nothing and says why in the console, so a shop page never breaks.
 */
const script = document.currentScript as HTMLScriptElement | null;
const defaults: Record<string, string | undefined> = { ...(script?.dataset ?? {}) };

async function render(element: HTMLElement, settings: WidgetSettings): Promise<void> {
  const response = await fetch(`${settings.api}/v2/payments/eligibility`, {
    method: "POST",
    headers: {
      authorization: `Alma-Merchant-Auth ${settings.merchantId}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(eligibilityRequest(settings)),
  });
  if (!response.ok) throw new Error(`Alma answered ${response.status}`);
  const lines = describeAnswer(await response.json(), settings.locale);
  if (lines.length === 0) return;
  const title = document.createElement("p");
  title.className = "alma-eligibility__title";
  title.textContent = widgetTitle(settings.locale);
  const list = document.createElement("ul");
  list.className = "alma-eligibility__plans";
  list.setAttribute("aria-label", title.textContent);
  for (const line of lines) {
    const item = document.createElement("li");
    item.textContent = line;
    list.append(item);
  }
  element.replaceChildren(title, list);
}

function mount(element: HTMLElement, own: Record<string, string | undefined>): void {
  const read = readSettings(own, defaults, document.documentElement.lang);
  if (!read.ok) return void console.warn(`[alma-eligibility] ${read.error}`);
  render(element, read.settings).catch((error: unknown) => console.warn("[alma-eligibility]", error));
}

function start(): void {
  if (script?.dataset.merchantId) {
    const container = document.createElement("div");
    container.className = "alma-eligibility";
    script.after(container);
    mount(container, {});
  }
  for (const element of document.querySelectorAll<HTMLElement>("[data-alma-eligibility]")) {
    mount(element, { ...element.dataset });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
