/** Drives the hosted page like a browser without JavaScript: GET, form POSTs, manual redirects. */

export interface PageResponse {
  status: number;
  location: string | null;
  html: string;
  outcome: string | null;
}

export async function page(url: string, form?: Record<string, string>): Promise<PageResponse> {
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: form ? { "Content-Type": "application/x-www-form-urlencoded" } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const html = await response.text();
  return {
    status: response.status,
    location: response.headers.get("location"),
    html,
    outcome: /data-outcome="([^"]*)"/.exec(html)?.[1] ?? null,
  };
}

/** Resolves a redirect Location (a path on the sandbox) against the page URL. */
export function follow(from: string, location: string): string {
  return new URL(location, from).toString();
}

export interface PayOptions {
  card: string;
  expiry?: string;
  code?: string;
}

/**
 * Card → 3-D Secure → confirm. Returns the last response: the 303 to return_url on success, or
 * the page that stopped the flow.
 */
export async function pay(paymentUrl: string, options: PayOptions): Promise<PageResponse> {
  const landing = await page(paymentUrl);
  if (landing.outcome !== "checkout") return landing;
  const card = await page(`${paymentUrl}/card`, {
    card_number: options.card,
    expiry: options.expiry ?? "12/39",
    cvc: "123",
    holder: "Camille Martin",
  });
  if (card.status !== 303 || !card.location) return card;
  const threeDsUrl = follow(paymentUrl, card.location);
  const threeDs = await page(threeDsUrl);
  if (threeDs.outcome !== "three_ds") return threeDs;
  const afterCode = await page(threeDsUrl, { code: options.code ?? "1234" });
  if (afterCode.status !== 303 || !afterCode.location) return afterCode;
  const confirmUrl = follow(paymentUrl, afterCode.location);
  const confirm = await page(confirmUrl);
  if (confirm.outcome !== "confirm") return confirm;
  return page(confirmUrl, {});
}
