import {
  eligibilityRequest,
  readSettings,
  type WidgetPlan,
  type WidgetSettings,
  widgetPlans,
} from "./format-eligibility.ts";
import { widgetText } from "./widget-text.ts";

/**
 * The embeddable script: `<script src=".../alma-eligibility.js" data-merchant-id data-amount
 * data-api data-plans>` renders right after itself, and every `<div data-alma-eligibility …>` on
 * the page renders inside (attributes missing on the div come from the script tag). It calls
 * Alma's public eligibility with the merchant id only: no secret ever reaches the browser.
 * Anything wrong renders nothing and says why in the console, so a shop page never breaks.
 *
 * The eligible plans are tabs (WAI-ARIA tabs pattern: arrows, Home and End move between them,
 * the panel shows the selected plan's schedule and terms), wrapping on narrow screens.
 */
const script = document.currentScript as HTMLScriptElement | null;
const defaults: Record<string, string | undefined> = { ...(script?.dataset ?? {}) };
let widgets = 0;

// Layout only, scoped to the widget's classes; colours and fonts stay the shop's.
const STYLE = `.alma-eligibility__tabs{display:flex;flex-wrap:wrap;gap:.25rem;margin:.25rem 0}
.alma-eligibility__tab{font:inherit;padding:.3rem .7rem;border:1px solid currentColor;border-radius:999px;background:transparent;color:inherit;cursor:pointer}
.alma-eligibility__tab[aria-selected=true]{background:#fa5022;border-color:#fa5022;color:#000}
.alma-eligibility__schedule{list-style:none;margin:.25rem 0;padding:0}
.alma-eligibility__schedule li{display:flex;justify-content:space-between;gap:1rem;max-width:24rem}
.alma-eligibility__panel p{margin:.25rem 0}.alma-eligibility__warning{font-weight:600}`;

function ensureStyle(): void {
  if (document.getElementById("alma-eligibility-style")) return;
  const style = document.createElement("style");
  style.id = "alma-eligibility-style";
  style.textContent = STYLE;
  document.head.append(style);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function fillPanel(panel: HTMLElement, plan: WidgetPlan, locale: WidgetSettings["locale"]): void {
  const { t } = widgetText(locale);
  const schedule = element("ol", "alma-eligibility__schedule");
  schedule.setAttribute("aria-label", t("schedule", { plan: plan.label }));
  for (const line of plan.schedule) {
    const item = element("li", "");
    item.append(element("span", "", line.when), element("span", "", line.amount));
    schedule.append(item);
  }
  const terms = plan.terms.lines.map((line) => element("p", "alma-eligibility__terms", line));
  const warning = plan.terms.warning ? [element("p", "alma-eligibility__warning", plan.terms.warning)] : [];
  panel.replaceChildren(
    element("p", "alma-eligibility__summary", plan.summary),
    schedule,
    ...terms,
    ...warning,
  );
}

async function render(container: HTMLElement, settings: WidgetSettings): Promise<void> {
  const response = await fetch(`${settings.api}/v2/payments/eligibility`, {
    method: "POST",
    headers: {
      authorization: `Alma-Merchant-Auth ${settings.merchantId}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(eligibilityRequest(settings)),
  });
  if (!response.ok) throw new Error(`Alma answered ${response.status}`);
  const plans = widgetPlans(await response.json(), settings.locale);
  if (plans.length === 0) return;
  ensureStyle();
  const { t } = widgetText(settings.locale);
  const id = `alma-eligibility-${++widgets}`;
  const title = element("p", "alma-eligibility__title", t("title"));
  title.id = `${id}-title`;
  const list = element("div", "alma-eligibility__tabs");
  list.setAttribute("role", "tablist");
  list.setAttribute("aria-labelledby", title.id);
  const panel = element("div", "alma-eligibility__panel");
  panel.id = `${id}-panel`;
  panel.setAttribute("role", "tabpanel");
  panel.tabIndex = 0;
  const tabs = plans.map((plan, index) => {
    const tab = element("button", "alma-eligibility__tab", plan.label);
    tab.type = "button";
    tab.id = `${id}-tab-${index}`;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", panel.id);
    return tab;
  });
  const select = (index: number, focus: boolean) => {
    tabs.forEach((tab, i) => {
      tab.setAttribute("aria-selected", String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    const tab = tabs[index];
    const plan = plans[index];
    if (!tab || !plan) return;
    panel.setAttribute("aria-labelledby", tab.id);
    fillPanel(panel, plan, settings.locale);
    if (focus) tab.focus();
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => select(index, false));
    tab.addEventListener("keydown", (event) => {
      const last = tabs.length - 1;
      const next =
        event.key === "ArrowRight" || event.key === "ArrowDown"
          ? index === last
            ? 0
            : index + 1
          : event.key === "ArrowLeft" || event.key === "ArrowUp"
            ? index === 0
              ? last
              : index - 1
            : event.key === "Home"
              ? 0
              : event.key === "End"
                ? last
                : null;
      if (next === null) return;
      event.preventDefault();
      select(next, true);
    });
  });
  list.append(...tabs);
  select(0, false);
  container.replaceChildren(title, list, panel);
}

function mount(container: HTMLElement, own: Record<string, string | undefined>): void {
  const read = readSettings(own, defaults, document.documentElement.lang);
  if (!read.ok) return void console.warn(`[alma-eligibility] ${read.error}`);
  render(container, read.settings).catch((error: unknown) => console.warn("[alma-eligibility]", error));
}

function start(): void {
  if (script?.dataset.merchantId) {
    const container = document.createElement("div");
    container.className = "alma-eligibility";
    script.after(container);
    mount(container, {});
  }
  for (const container of document.querySelectorAll<HTMLElement>("[data-alma-eligibility]")) {
    mount(container, { ...container.dataset });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
