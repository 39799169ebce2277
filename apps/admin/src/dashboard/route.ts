/** The sections of one tenant, in menu order; each is a hash path `#/tenants/<id>/<section>`. */
export const SECTIONS = ["overview", "payments", "payment-link", "jobs", "deliveries", "outbox"] as const;
export type Section = (typeof SECTIONS)[number];

export type Route =
  /** `next`: the hash to go back to once signed in (a session that expired mid-way). */
  | { page: "login"; next: string | null }
  | { page: "tenants" }
  | { page: "section"; tenantId: string; section: Section; states: string[]; q: string }
  | { page: "payment"; tenantId: string; paymentId: string }
  | { page: "not-found"; hash: string };

/**
 * Reads a location hash (`#/tenants/t_1/payments/p_9`). The page lives at one URL and the hash
 * carries the rest, so every screen can be bookmarked and shared without server routes.
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path = "", search = ""] = raw.split("?", 2);
  const parts = path.split("/").filter((p) => p !== "");
  let segments: string[];
  try {
    segments = parts.map((p) => decodeURIComponent(p));
  } catch {
    return { page: "not-found", hash };
  }
  if (segments.length === 0) return { page: "tenants" };
  if (segments.length === 1 && segments[0] === "login") {
    const next = new URLSearchParams(search).get("next");
    // Only a hash of this app, never a URL elsewhere.
    return { page: "login", next: next?.startsWith("#/") && !next.startsWith("#/login") ? next : null };
  }
  if (segments[0] !== "tenants") return { page: "not-found", hash };
  if (segments.length === 1) return { page: "tenants" };
  const tenantId = segments[1] as string;
  if (segments.length === 2) return { page: "section", tenantId, section: "overview", states: [], q: "" };
  const section = segments[2] as string;
  if (segments.length === 4 && section === "payments")
    return { page: "payment", tenantId, paymentId: segments[3] as string };
  if (segments.length === 3 && isSection(section)) {
    const params = new URLSearchParams(search);
    const states = (params.get("state") ?? "").split(",").filter((s) => s !== "");
    return { page: "section", tenantId, section, states, q: params.get("q") ?? "" };
  }
  return { page: "not-found", hash };
}

/** The hash for a route; `parseRoute(routeHash(r))` gives `r` back. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case "login":
      return route.next ? `#/login?${new URLSearchParams({ next: route.next })}` : "#/login";
    case "tenants":
      return "#/tenants";
    case "payment":
      return `#/tenants/${encodeURIComponent(route.tenantId)}/payments/${encodeURIComponent(route.paymentId)}`;
    case "not-found":
      return route.hash;
    case "section": {
      const path = `#/tenants/${encodeURIComponent(route.tenantId)}`;
      if (route.section === "overview") return path;
      const params = new URLSearchParams();
      if (route.states.length > 0) params.set("state", route.states.join(","));
      if (route.q) params.set("q", route.q);
      const search = params.toString();
      return `${path}/${route.section}${search ? `?${search}` : ""}`;
    }
  }
}

/** Shorthand for a tenant section's hash with no filters. */
export function sectionHash(tenantId: string, section: Section): string {
  return routeHash({ page: "section", tenantId, section, states: [], q: "" });
}

function isSection(value: string): value is Section {
  return (SECTIONS as readonly string[]).includes(value);
}
