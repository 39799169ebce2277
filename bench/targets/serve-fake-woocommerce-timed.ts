// A fake WooCommerce store for bench/ipn-to-platform.ts, in a process of its own, with argv[2]
// orders awaiting payment. It notes the wall-clock time (ms) of the first write to each order
// (the suite marking it paid): `TIMES` on stdin answers `TIMES {orderId: ms}`.
import { createInterface } from "node:readline";
import { startFakeWooCommerce } from "@alma-suite/woocommerce/testing";

const count = Number(process.argv[2] ?? 1000);
const woo = await startFakeWooCommerce();
const orders: { id: number; key: string }[] = [];
for (let i = 0; i < count; i++) {
  const order = woo.createOrder({
    totalCents: 45_000,
    paymentMethod: "cheque",
    status: "pending",
    billing: { first_name: "Client", last_name: String(i), email: `c${i}@example.com`, country: "FR" },
  });
  orders.push({ id: order.id, key: order.order_key });
}
const firstWrite = new Map<number, number>();
const push = woo.requests.push.bind(woo.requests);
woo.requests.push = (...entries) => {
  for (const entry of entries) {
    const id = /^\/orders\/(\d+)$/.exec(entry.path)?.[1];
    if (entry.method !== "GET" && id && !firstWrite.has(Number(id)))
      firstWrite.set(Number(id), performance.timeOrigin + performance.now());
  }
  return push(...entries);
};
process.stdout.write(`READY ${JSON.stringify({ url: woo.url, ...woo.addApiKey(), orders })}\n`);
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "TIMES") process.stdout.write(`TIMES ${JSON.stringify(Object.fromEntries(firstWrite))}\n`);
});
process.on("SIGTERM", () => {
  woo.close().then(() => process.exit(0));
});
