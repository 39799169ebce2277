/** Drives the Alma sandbox's hosted page like a browser without JavaScript: GETs and form POSTs. */
export interface Page {
  status: number;
  location: string | null;
  html: string;
  url: string;
}

export async function page(url: string, form?: Record<string, string>): Promise<Page> {
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: form ? { "Content-Type": "application/x-www-form-urlencoded" } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    html: await response.text(),
    url,
  };
}

export function follow(from: string, location: string): string {
  return new URL(location, from).toString();
}

/**
 * Card, 3-D Secure code, confirmation on Alma's page. Returns the last answer: the 303 to the
 * merchant's return URL on success, or the page that stopped the flow (a refusal).
 */
export async function payOnAlma(paymentUrl: string, card = "4242424242424242"): Promise<Page> {
  const cardPost = await page(`${paymentUrl}/card`, {
    card_number: card,
    expiry: "12/39",
    cvc: "123",
    holder: "Camille Durand",
  });
  if (cardPost.status !== 303 || !cardPost.location) return cardPost;
  const threeDs = follow(paymentUrl, cardPost.location);
  const code = await page(threeDs, { code: "1234" });
  if (code.status !== 303 || !code.location) return code;
  return page(follow(paymentUrl, code.location), {});
}

/** The buyer picks a plan on our picker page (`redirect_url`); returns where it sends them. */
export async function pickPlan(pickerUrl: string, planKey: string): Promise<Page> {
  const url = new URL(pickerUrl);
  const action = `${url.origin}${url.pathname}/plan`;
  return page(action, { plan: planKey, s: url.searchParams.get("s") ?? "" });
}
