import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { follow, page, pay } from "../src/testing/checkout-driver.ts";
import { type Harness, startHarness } from "./sandbox-harness.ts";

let h: Harness;
const start = new Date(Date.UTC(2026, 0, 15, 9));
beforeAll(async () => {
  h = await startHarness({ now: () => start });
});
afterAll(() => h.close());

async function newPayment(extra: Record<string, unknown> = {}) {
  const response = await h.createPayment({
    return_url: "https://shop.test/return",
    customer_cancel_url: "https://shop.test/cancel",
    ...extra,
  });
  return response.body as { id: string; url: string; return_url: string };
}

async function stateOf(id: string): Promise<string> {
  return (await h.api("GET", `/v1/payments/${id}`)).body.state;
}

describe("hosted payment page", () => {
  it("shows merchant, amount, schedule, card form, test cards and the cancel link, escaped and script-free", async () => {
    const payment = await newPayment({ billing_address: { first_name: "<img src=x onerror=alert(1)>" } });
    const landing = await page(payment.url);
    expect(landing.status).toBe(200);
    expect(landing.outcome).toBe("checkout");
    expect(landing.html).toContain("450,00");
    expect(landing.html).toContain("156,53"); // first instalment incl. fee
    expect(landing.html).toContain("15 janvier 2026"); // French by default, as Alma's page
    expect(landing.html).toContain("15 mars 2026");
    expect(landing.html).toContain('<html lang="fr">');
    expect(landing.html).toContain("Frais de service");
    for (const name of ["card_number", "expiry", "cvc", "holder"])
      expect(landing.html).toContain(`name="${name}"`);
    expect(landing.html).toContain("4000000000000341");
    expect(landing.html).toContain(`href="https://shop.test/cancel?pid=${payment.id}"`);
    expect(landing.html).not.toMatch(/<script/i);
    expect(landing.html).not.toContain("<img src=x");
  });

  it("states the credit terms of the 10x and 12x plans: TAEG from the fee plan, cost, total due, warning", async () => {
    const ten = await page((await newPayment({ installments_count: 10 })).url);
    expect(ten.html).toContain("TAEG fixe : 17,20\u00a0%");
    expect(ten.html).toMatch(/Coût total du crédit : [\d\u202f]+,\d\d\u00a0€/);
    expect(ten.html).toMatch(/Montant total dû : [\d\u202f]+,\d\d\u00a0€/);
    expect(ten.html).toContain(
      "Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.",
    );
    const twelve = await page((await newPayment({ installments_count: 12, locale: "en" })).url);
    expect(twelve.html).toContain('<html lang="en">');
    expect(twelve.html).toContain("Fixed APR: 19.60%");
    expect(twelve.html).toContain("Total amount due: €");
    expect(twelve.html).toContain("15 January 2026");
    const three = await page((await newPayment({ locale: "en" })).url);
    expect(three.html).toContain("Service fees: €6.53");
    expect(three.html).not.toContain("APR");
  });

  it("names the merchant as it named itself, not a generated sandbox label", async () => {
    const me = (await h.api("GET", "/v1/me")).body as { id: string };
    const put = (id: string, body: unknown) =>
      fetch(`${h.url}/_admin/merchants/${id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put(me.id, { name: "" })).status).toBe(400);
    expect((await put("merchant_11nobodynobody", { name: "X" })).status).toBe(404);
    expect((await put(me.id, { name: "Atelier Alma" })).status).toBe(200);
    const landing = await page((await newPayment()).url);
    expect(landing.html).toContain("<b>Atelier Alma</b>");
    expect(landing.html).not.toContain("Sandbox merchant");
  });

  it("re-renders the form with errors for a bad card number or expiry", async () => {
    const payment = await newPayment();
    const response = await page(`${payment.url}/card`, {
      card_number: "4242424242424241",
      expiry: "1/2",
      cvc: "12",
      holder: "<b>Jo</b>",
    });
    expect(response.status).toBe(400);
    expect(response.outcome).toBe("card_form_invalid");
    expect(response.html).toContain("Luhn");
    expect(response.html).toContain("MM/AA");
    expect(response.html).toContain('aria-describedby="card_number-error"');
    expect(response.html).toContain("&lt;b&gt;Jo&lt;/b&gt;");
  });

  it("answers its root with what a developer needs, not a 404", async () => {
    const root = await fetch(h.url);
    expect(root.status).toBe(200);
    expect(await root.json()).toMatchObject({
      name: "Alma sandbox",
      tools: { test_cards: expect.stringContaining("/_admin/test-cards") },
    });
  });

  it("answers 404 HTML for an unknown payment", async () => {
    const response = await page(`${h.url}/checkout/payment_11nothing`);
    expect(response.status).toBe(404);
    expect(response.outcome).toBe("not_found");
  });
});

describe("test cards", () => {
  it.each([["4242424242424242"], ["5555555555554444"], ["4000002500001001"]])(
    "%s is accepted: 303 to return_url, first instalment paid",
    async (card) => {
      const payment = await newPayment();
      const result = await pay(payment.url, { card });
      expect(result.status).toBe(303);
      expect(result.location).toBe(`https://shop.test/return?pid=${payment.id}`);
      const fetched = (await h.api("GET", `/v1/payments/${payment.id}`)).body;
      expect(fetched.state).toBe("in_progress");
      expect(fetched.payment_plan[0]).toMatchObject({ state: "paid", date_paid: start.getTime() / 1000 });
      expect(fetched.payment_plan[1].state).toBe("pending");
    },
  );

  it("pay now is paid at once", async () => {
    const payment = await newPayment({ installments_count: 1 });
    expect((await pay(payment.url, { card: "4242424242424242" })).status).toBe(303);
    expect(await stateOf(payment.id)).toBe("paid");
  });

  it.each([
    ["5105105105105100", "prépayées"],
    ["4000000000000077", "virtuelles"],
    ["4917300800000000", "Electron"],
    ["6759649826438453", "Maestro"],
  ])("%s is refused as a %s card; the payment stays payable", async (card, word) => {
    const payment = await newPayment({ failure_return_url: "https://shop.test/failed" });
    const result = await pay(payment.url, { card });
    expect(result.outcome).toBe("card_type_refused");
    expect(result.html).toMatch(new RegExp(word, "i"));
    expect(result.html).toContain('href="https://shop.test/failed"');
    expect(await stateOf(payment.id)).toBe("not_started");
    expect((await pay(payment.url, { card: "4242424242424242" })).status).toBe(303);
  });

  it("refuses a card expiring before the last instalment", async () => {
    const payment = await newPayment({ installments_count: 4 });
    const result = await pay(payment.url, { card: "4242424242424242", expiry: "03/26" });
    expect(result.outcome).toBe("card_expires_too_soon");
    expect(await stateOf(payment.id)).toBe("not_started");
  });

  it("asks again after a wrong 3-D Secure code on a good card, without telling to try another card", async () => {
    const payment = await newPayment({ locale: "en" });
    const wrong = await pay(payment.url, { card: "4242424242424242", code: "0000" });
    expect(wrong.status).toBe(400);
    expect(wrong.outcome).toBe("three_ds_code_wrong");
    expect(wrong.html).toContain("Wrong code");
    expect(wrong.html).not.toContain("Try another card");
    const again = await page(`${payment.url}/3ds`, { code: "1234" });
    expect(again.status).toBe(303);
    expect(follow(payment.url, again.location!)).toBe(`${payment.url}/confirm`);
  });

  it("fails 3-D Secure after three wrong codes, and always for the 3DS-failure card", async () => {
    const payment = await newPayment();
    await pay(payment.url, { card: "4242424242424242", code: "0000" });
    await page(`${payment.url}/3ds`, { code: "0001" });
    const third = await page(`${payment.url}/3ds`, { code: "0002" });
    expect(third.outcome).toBe("three_ds_failed");
    expect(third.html).toContain(`/checkout/${payment.id}">Essayer une autre carte`); // another card on this page
    const always = await pay(payment.url, { card: "4000000000003063", code: "1234" });
    expect(always.outcome).toBe("three_ds_failed");
    expect(await stateOf(payment.id)).toBe("not_started");
  });

  it("sends the shopper back to the shop's failure page after 3-D Secure failure or insufficient funds", async () => {
    for (const card of ["4000000000003063", "4000000000009995"]) {
      const payment = await newPayment({ failure_return_url: "https://shop.test/failed?o=2" });
      const result = await pay(payment.url, { card });
      expect(result.html).toContain('href="https://shop.test/failed?o=2"');
      expect(result.html).toContain("Revenir chez");
    }
  });

  it("offers a way back to the shop after a final refusal even without a failure_return_url", async () => {
    const payment = await newPayment();
    const result = await pay(payment.url, { card: "4000000000000002" });
    expect(result.outcome).toBe("scored_no");
    expect(result.html).toContain(`href="https://shop.test/cancel?pid=${payment.id}"`);
  });

  it("refuses for risk: scored_no, final, with a link to failure_return_url", async () => {
    const payment = await newPayment({ failure_return_url: "https://shop.test/failed?o=1" });
    const result = await pay(payment.url, { card: "4000000000000002" });
    expect(result.outcome).toBe("scored_no");
    expect(result.html).toContain('href="https://shop.test/failed?o=1"');
    expect(await stateOf(payment.id)).toBe("scored_no");
    expect((await page(payment.url)).outcome).toBe("scored_no");
    const retry = await page(`${payment.url}/card`, {
      card_number: "4242424242424242",
      expiry: "12/39",
      cvc: "123",
      holder: "A",
    });
    expect(retry.status).toBe(409);
  });

  it("refuses insufficient funds at the balance check; the payment stays not_started", async () => {
    const payment = await newPayment();
    const result = await pay(payment.url, { card: "4000000000009995" });
    expect(result.outcome).toBe("insufficient_funds");
    expect(await stateOf(payment.id)).toBe("not_started");
  });

  it("puts the scored_maybe card under review", async () => {
    const payment = await newPayment();
    const result = await pay(payment.url, { card: "4000000000000101" });
    expect(result.outcome).toBe("scored_maybe");
    expect(await stateOf(payment.id)).toBe("scored_maybe");
  });

  it("does not jump steps: 3DS and confirm pages redirect to the start without a card", async () => {
    const payment = await newPayment();
    const threeDs = await page(`${payment.url}/3ds`);
    expect(threeDs.status).toBe(303);
    expect(follow(payment.url, threeDs.location!)).toBe(payment.url);
    const confirm = await page(`${payment.url}/confirm`, {});
    expect(confirm.status).toBe(303);
  });
});
