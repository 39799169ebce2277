import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/create-server.ts";
import { startDemoStoreServer } from "./support/demo-store-server.ts";
import { Shopper } from "./support/shopper.ts";
import { createTestDatabase } from "./support/test-database.ts";

let server: RunningServer;

/** Puts one teapot (120 EUR) in the cart and starts a 3x checkout; answers the hosted page URL. */
async function checkoutTeapot(shopper: Shopper): Promise<string> {
  expect((await shopper.request("/demo/cart", { slug: "ceramic-teapot", quantity: "1" })).status).toBe(303);
  const checkout = await shopper.request("/demo/checkout");
  expect(checkout.html).toContain("Pay in 3 instalments: <span>€41.74 then 2 x €40.00 (fees: €1.74)");
  const pay = await shopper.request("/demo/checkout", {
    plan: "general_3_0_0",
    first_name: "Camille",
    last_name: "Martin",
    email: "camille@example.com",
  });
  expect(pay.status).toBe(303);
  expect(pay.location).toMatch(/\/alma-sandbox\/checkout\/payment_/);
  return pay.location ?? "";
}

const orderIdIn = (url: string) => /\/demo\/orders\/([0-9a-f-]{36})/.exec(url)?.[1] ?? "";

/** Pays on the hosted page but never comes back: only the bridge's signed webhook can mark the order paid. */
async function paidByWebhookAlone(shopper: Shopper): Promise<string> {
  const hosted = await checkoutTeapot(shopper);
  expect("redirect" in (await payOnHostedPage(hosted))).toBe(true);
  const orders = await shopper.request("/demo/orders");
  const path = /href="(\/demo\/orders\/[0-9a-f-]{36})"/.exec(orders.html)?.[1] ?? "";
  const deadline = Date.now() + 15_000;
  let page = await shopper.request(path);
  while (!page.html.includes(">Paid<") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    page = await shopper.request(path);
  }
  return page.html;
}

describe.each(["sqlite", "postgres"] as const)("demo store on %s", (backend) => {
  const dataDir = mkdtempSync(join(tmpdir(), "demo-store-"));
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const start = () =>
    startDemoStoreServer({
      dataDir,
      workerConcurrency: 4,
      config: database ? { DATABASE_URL: database.url } : {},
    });
  beforeAll(async () => {
    if (backend === "postgres") database = await createTestDatabase("demo_store");
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GET / sends people to /demo and /dashboard and keeps JSON for machines", async () => {
    const page = await fetch(`${server.url}/`, { headers: { accept: "text/html,*/*;q=0.8" } });
    const text = await page.text();
    expect(text).toContain('href="/demo"');
    expect(text).toContain('href="/dashboard/"');
    const json = await fetch(`${server.url}/`, { headers: { accept: "application/json" } });
    expect(await json.json()).toMatchObject({ name: "alma-suite", alma: { mode: "sandbox" } });
  });

  it("product pages embed the widget with the merchant id only, and the widget script is served", async () => {
    const shopper = new Shopper(server.url);
    const product = await shopper.request("/demo/products/city-bike");
    expect(product.status).toBe(200);
    expect(product.html).toMatch(
      /data-merchant-id="merchant_\w+" data-amount="90000" data-api="\/alma-sandbox"/,
    );
    expect(product.html).not.toMatch(/sk_test_/);
    const script = await fetch(`${server.url}/widget/alma-eligibility.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).toContain("Alma-Merchant-Auth");
    expect((await shopper.request("/demo/products/nope")).status).toBe(404);
  });

  it("its cookies are HttpOnly, SameSite=Lax, on /demo, and Secure when the browser came over HTTPS", async () => {
    const cookies = async (headers: Record<string, string>) =>
      (await fetch(`${server.url}/demo/`, { headers })).headers.getSetCookie();
    const plain = await cookies({});
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(
      /^demo_session=[0-9a-f-]{36}; Max-Age=\d+; Path=\/demo; Expires=.+; HttpOnly; SameSite=Lax$/,
    );
    // A TLS proxy on this machine (the only one the server trusts) says the browser used HTTPS.
    const proxied = await cookies({ "x-forwarded-proto": "https" });
    expect(proxied[0]).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it("checkout → sandbox → return shows the order paid; another browser cannot see it; refund", async () => {
    const shopper = new Shopper(server.url);
    const hosted = await checkoutTeapot(shopper);
    const paid = await payOnHostedPage(hosted);
    if (!("redirect" in paid)) throw new Error("the success card was refused");
    const back = await shopper.follow(paid.redirect);
    expect(back.url).toMatch(/\/demo\/orders\/[0-9a-f-]{36}$/);
    expect(back.html).toContain('<strong data-testid="order-status">Paid</strong>');
    // The plan by name, not Alma's plan key or the bridge's ids.
    expect(back.html).toContain("Paid with Alma: Pay in 3 instalments");
    expect(back.html).not.toMatch(/general_3_0_0|pay_[A-Za-z0-9]/);
    expect((await shopper.request("/demo/cart")).html).toContain("Your cart is empty");
    const orderPath = `/demo/orders/${orderIdIn(back.url)}`;
    expect((await new Shopper(server.url).request(orderPath)).status).toBe(404);
    expect((await new Shopper(server.url).request(`${orderPath}/refund`, {})).status).toBe(404);

    // The refund is asked first: a page says what happens, and a refund without its confirmation is not made.
    const ask = await shopper.request(`${orderPath}/refund`);
    expect(ask.html).toContain("Confirm the refund of €120.00");
    expect(ask.html).toContain("instalments not yet due are cancelled");
    const unconfirmed = await shopper.request(`${orderPath}/refund`, {});
    expect(unconfirmed.status).toBe(303);
    expect((await shopper.request(orderPath)).html).toContain('data-testid="order-status">Paid<');
    // Right after the return the bridge may still be recording the payment: the shop says so, then it works.
    let refunded = await shopper.follow(`${orderPath}/refund`, { confirm: "yes" });
    for (let tries = 0; refunded.html.includes("still being confirmed") && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refunded = await shopper.follow(`${orderPath}/refund`, { confirm: "yes" });
    }
    expect(refunded.html).toContain('<strong data-testid="order-status">Refunded</strong>');
    expect(refunded.html).toContain('data-testid="refunded">€120.00');
    expect(refunded.html).toContain('data-testid="refund-confirmation">Refund confirmed: €120.00');
    expect(refunded.html).not.toContain("refunded in full to your card");
    expect((await shopper.request("/demo/orders")).html).toMatch(/DEMO-[0-9A-F]{8}<\/a>[\s\S]*Refunded/);
  });

  it("the hosted page names the demo shop, not a generated sandbox merchant", async () => {
    const hosted = await new Shopper(server.url).request(await checkoutTeapot(new Shopper(server.url)));
    expect(hosted.html).toContain("Atelier Alma");
    expect(hosted.html).not.toContain("Sandbox merchant");
  });

  it("giving up on the hosted page brings the customer back to a cancelled order, cart intact", async () => {
    const shopper = new Shopper(server.url);
    const hosted = await checkoutTeapot(shopper);
    const page = await shopper.request(hosted);
    const cancel = /href="([^"]*\/bridge\/cancel\/[^"]*)"/.exec(page.html)?.[1]?.replaceAll("&amp;", "&");
    expect(cancel).toBeTruthy();
    const back = await shopper.follow(cancel ?? "");
    expect(back.html).toContain('<strong data-testid="order-status">Cancelled</strong>');
    expect(back.html).toContain("nothing was charged");
    expect(back.html).not.toContain("Refund");
    expect((await shopper.request("/demo/cart")).html).toContain("Ceramic teapot");
  });

  it("after a failed 3-D Secure, 'return to the shop' says the payment failed and offers another try", async () => {
    const shopper = new Shopper(server.url);
    const hosted = await checkoutTeapot(shopper);
    const refused = await payOnHostedPage(hosted, "4000000000003063");
    const html = "html" in refused ? refused.html : "";
    const back = /href="([^"]*\/bridge\/failure\/[^"]*)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    expect(back).toBeTruthy();
    const order = await shopper.follow(back ?? "");
    expect(order.html).toContain('<strong data-testid="order-status">Payment not completed</strong>');
    expect(order.html).not.toContain("Awaiting payment");
    expect(order.html).toContain('href="/demo/checkout">Try again');
    expect((await shopper.request("/demo/cart")).html).toContain("Ceramic teapot");
  });

  it("a signed webhook alone marks the order paid (the customer never came back)", async () => {
    expect(await paidByWebhookAlone(new Shopper(server.url))).toContain(
      '<strong data-testid="order-status">Paid</strong>',
    );
  });

  it("refuses webhooks that are not signed with the endpoint's secret, and bad forms, with a 4xx", async () => {
    const body = JSON.stringify({
      type: "payment.refunded",
      data: { payment: { id: "pay_x", order_reference: "DEMO-1", status: "refunded", refunded_amount: 1 } },
    });
    // Signed the Standard Webhooks way, but with a secret that is not the demo endpoint's.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac("sha256", Buffer.from("not-the-demo-secret-at-all-0123"))
      .update(`msg_forged.${timestamp}.${body}`)
      .digest("base64");
    const response = await fetch(`${server.url}/demo/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": "msg_forged",
        "webhook-timestamp": timestamp,
        "webhook-signature": `v1,${signature}`,
      },
      body,
    });
    expect(response.status).toBe(400);
    const shopper = new Shopper(server.url);
    expect((await shopper.request("/demo/cart", { slug: "ceramic-teapot", quantity: "lots" })).status).toBe(
      400,
    );
    expect((await shopper.request("/demo/cart", { slug: "ceramic-teapot", quantity: "1" })).status).toBe(303);
    const bad = await shopper.request("/demo/checkout", {
      plan: "general_3_0_0",
      first_name: "A",
      last_name: "B",
      email: "nope",
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Please check the email field.");
    // A plan Alma does not offer: the bridge refuses, the shop says so and the order is closed.
    const refused = await shopper.request("/demo/checkout", {
      plan: "general_7_0_0",
      first_name: "A",
      last_name: "B",
      email: "a@example.com",
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("Alma could not start this payment");
    expect((await shopper.request("/demo/orders")).html).toMatch(/DEMO-[0-9A-F]{8}<\/a>[\s\S]*Cancelled/);
  });

  it("a restart resumes the setup: same merchant and agency, a lost agency key reissued, webhooks at the new port", async () => {
    const merchantOf = async () =>
      (await new Shopper(server.url).request("/demo/products/linen-tote")).html.match(/merchant_\w+/)?.[0];
    const before = await merchantOf();
    const agencies = async () => {
      const answer = await fetch(`${server.url}/bridge/v1/operator/agencies`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      });
      return ((await answer.json()) as { data: unknown[] }).data.length;
    };
    const count = await agencies();
    const [tenant] = await server.storage.listTenants({ platform: "bridge" });
    expect(tenant?.name).toBe("Atelier Alma (demo store)");
    // As if the process died between issuing the agency's key and storing it.
    expect(await server.storage.deleteSecret(tenant?.id ?? "", "demo_agency_api_key")).toBe(true);
    await server.stop();
    server = await start(); // port 0: another port, so the webhook endpoint must follow
    expect(await merchantOf()).toBe(before);
    expect(await agencies()).toBe(count);
    expect(await server.storage.getSecret(tenant?.id ?? "", "demo_agency_api_key")).toMatch(/^abk_/);
    expect(await paidByWebhookAlone(new Shopper(server.url))).toContain(
      '<strong data-testid="order-status">Paid</strong>',
    );
  });

  it("sells as the sandbox's own merchant, and a demo from before the sandbox issued keys is given its key", async () => {
    const issued = server.sandboxMerchant?.test;
    expect(issued?.api_key).toMatch(/^sk_test_/);
    const merchantId = async () =>
      (await new Shopper(server.url).request("/demo/products/linen-tote")).html.match(/merchant_\w+/)?.[0];
    expect(await merchantId()).toBe(issued?.merchant_id);
    const [tenant] = await server.storage.listTenants({ platform: "bridge" });
    // Earlier versions gave the demo a random key, which the sandbox now refuses.
    await server.storage.setSecret(tenant?.id ?? "", "alma_test_key", "sk_test_demoRandomOld00001");
    await server.stop();
    server = await start();
    expect(server.sandboxMerchant?.test).toEqual(issued);
    expect(await merchantId()).toBe(issued?.merchant_id);
    expect(await server.storage.getSecret(tenant?.id ?? "", "alma_test_key")).toBe(issued?.api_key);
    expect(await paidByWebhookAlone(new Shopper(server.url))).toContain(
      '<strong data-testid="order-status">Paid</strong>',
    );
  });
});
