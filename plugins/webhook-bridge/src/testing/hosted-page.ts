/** Drives Alma's (sandbox) hosted page like a browser without JavaScript: GETs, form POSTs, manual redirects. */

interface PageAnswer {
  status: number;
  location: string | null;
  html: string;
}

async function page(url: string, form?: Record<string, string>): Promise<PageAnswer> {
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: form ? { "content-type": "application/x-www-form-urlencoded" } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

/**
 * Card, 3-D Secure code, confirmation. Answers where the page finally sends the customer (Alma's
 * return_url with `?pid=`), or, when the payment stops on a page (a refusal), that page's HTML.
 */
export async function payOnHostedPage(
  paymentUrl: string,
  card = "4242424242424242",
): Promise<{ redirect: string } | { html: string }> {
  const landing = await page(paymentUrl);
  if (landing.status !== 200) throw new Error(`hosted page answered ${landing.status}`);
  const afterCard = await page(`${paymentUrl}/card`, {
    card_number: card,
    expiry: "12/39",
    cvc: "123",
    holder: "Camille Martin",
  });
  if (afterCard.status !== 303 || !afterCard.location) return { html: afterCard.html };
  const threeDs = new URL(afterCard.location, paymentUrl).toString();
  const afterCode = await page(threeDs, { code: "1234" });
  if (afterCode.status !== 303 || !afterCode.location) return { html: afterCode.html };
  const done = await page(new URL(afterCode.location, paymentUrl).toString(), {});
  if (done.status !== 303 || !done.location) return { html: done.html };
  return { redirect: new URL(done.location, paymentUrl).toString() };
}
