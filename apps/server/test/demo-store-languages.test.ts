import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/create-server.ts";
import { startDemoStoreServer } from "./support/demo-store-server.ts";
import { Shopper } from "./support/shopper.ts";

let server: RunningServer;

beforeAll(async () => {
  server = await startDemoStoreServer({ dataDirPrefix: "demo-languages-", workerConcurrency: 2 });
});
afterAll(async () => {
  await server?.stop();
});

/** One teapot (120 EUR) in 3x, paid on the sandbox's hosted page; answers the order page. */
async function buyTeapot(shopper: Shopper): Promise<{ url: string; html: string; hosted: string }> {
  await shopper.request("/demo/cart", { slug: "ceramic-teapot", quantity: "1", mode: "set" });
  const pay = await shopper.request("/demo/checkout", {
    plan: "general_3_0_0",
    first_name: "Camille",
    last_name: "Martin",
    email: "camille@example.com",
  });
  const hosted = pay.location ?? "";
  const paid = await payOnHostedPage(hosted);
  if (!("redirect" in paid)) throw new Error("the success card was refused");
  return { ...(await shopper.follow(paid.redirect)), hosted };
}

describe("demo store languages", () => {
  it("is French by default: without Accept-Language, and for a browser that asks for a language it has not", async () => {
    for (const language of ["", "de-DE,de;q=0.9"]) {
      const shopper = new Shopper(server.url, language);
      const shop = await shopper.request("/demo");
      expect(shop.html).toContain('<html lang="fr">');
      expect(shop.html).toContain("Boutique");
      expect(shop.html).toContain("120,00\u00a0€");
      expect(shop.html).toContain("Théière en céramique");
      expect(shop.html).not.toContain("Ceramic teapot");
    }
  });

  it("follows Accept-Language by preference, and the shopper's choice over it", async () => {
    const english = new Shopper(server.url, "de;q=1, en-US;q=0.8, fr;q=0.5");
    expect((await english.request("/demo")).html).toContain('<html lang="en">');
    const switched = await english.request("/demo/language/fr?back=%2Fdemo%2Fcart");
    expect(switched.status).toBe(303);
    expect(switched.location).toBe("/demo/cart");
    const cart = await english.request("/demo/cart");
    expect(cart.html).toContain('<html lang="fr">');
    expect(cart.html).toContain("Votre panier est vide.");
    // Never a way off the shop.
    for (const back of ["https://evil.example/", "//evil.example/demo", "/dashboard/"])
      expect((await english.request(`/demo/language/en?back=${encodeURIComponent(back)}`)).location).toBe(
        "/demo",
      );
  });

  it("the French order page names the plan, lists the schedule with dates and says what was charged today, with no internal id", async () => {
    const shopper = new Shopper(server.url, "fr-FR,fr;q=0.9");
    const checkout = await (async () => {
      await shopper.request("/demo/cart", { slug: "ceramic-teapot", quantity: "1" });
      return shopper.request("/demo/checkout");
    })();
    expect(checkout.html).toContain("Payer en 3 fois : <span>41,74\u00a0€ puis 2 x 40,00\u00a0€");
    expect(checkout.html).toContain("Payer avec Alma");
    // The credit plans the sandbox offers (10x, 12x) carry their TAEG, cost, total due and warning.
    const tenTimes = /id="plan-general_10_0_0"[\s\S]*?<\/div><\/div>/.exec(checkout.html)?.[0] ?? "";
    expect(tenTimes).toContain("TAEG fixe : 17,20\u00a0%");
    expect(tenTimes).toMatch(/Coût total du crédit : \d+,\d\d\u00a0€/);
    expect(tenTimes).toMatch(/Montant total dû : 1\d\d,\d\d\u00a0€/);
    expect(tenTimes).toContain("Un crédit vous engage et doit être remboursé.");
    const threeTimes = /id="plan-general_3_0_0"[\s\S]*?<\/div><\/div>/.exec(checkout.html)?.[0] ?? "";
    expect(threeTimes).not.toContain("TAEG");
    const order = await buyTeapot(shopper);
    expect(order.hosted).toMatch(/\/alma-sandbox\/checkout\/payment_/);
    expect(order.html).toContain('<strong data-testid="order-status">Payée</strong>');
    expect(order.html).toContain("Payé avec Alma : Payer en 3 fois");
    expect(order.html).toContain("Prélevé aujourd&#39;hui : 41,74\u00a0€");
    const schedule = /<table class="schedule"[\s\S]*?<\/table>/.exec(order.html)?.[0] ?? "";
    expect(schedule.match(/<tr><td>/g)).toHaveLength(3);
    expect(schedule).toMatch(/\d{1,2} [a-zéû]+ 20\d\d \(aujourd&#39;hui\)<\/td><td class="num">41,74\u00a0€/);
    expect(schedule.match(/40,00\u00a0€/g)).toHaveLength(2);
    expect(order.html).not.toMatch(
      /general_\d|pay_[A-Za-z0-9]|payment_[A-Za-z0-9]|merchant_|DEMO-[0-9A-F]{8}-/,
    );
    // Alma's hosted page was asked in the shopper's language.
    const hosted = await shopper.request(order.hosted);
    expect(hosted.html).toContain('lang="fr"');
  });

  it("the English order page says the same in English", async () => {
    const order = await buyTeapot(new Shopper(server.url, "en-GB"));
    expect(order.html).toContain("Paid with Alma: Pay in 3 instalments");
    expect(order.html).toContain("Charged today: €41.74");
    expect(order.html).toMatch(/\d{1,2} [A-Z][a-z]+ 20\d\d \(today\)<\/td><td class="num">€41.74/);
    const hosted = await new Shopper(server.url, "en-GB").request(order.hosted);
    expect(hosted.html).toContain('lang="en"');
  });
});
