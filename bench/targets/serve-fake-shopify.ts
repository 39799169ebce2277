// The fake Shopify in a process of its own, so that its GraphQL schema validation and answers do
// not run on the suite's event loop or count in the suite's CPU time (the suite's added latency is
// what bench/shopify-session.ts measures). Prints READY {shopOrigin}; on stdin,
// `SETUP {appUrl, shop, almaKey, plans}` installs the app on the shop and answers `SETUP {}`, and
// `MUTATIONS` answers `MUTATIONS {name: count}` for the GraphQL mutations received so far.
import { createInterface } from "node:readline";
import { FakeShopify, setUpShop } from "@alma-suite/shopify/testing";

const apiKey = process.argv[2] ?? "alma-suite-bench-app";
const apiSecret = process.argv[3] ?? "shpss_bench_secret_0123456789abcdef";
const fake = await FakeShopify.start({ apiKey, apiSecret });
process.stdout.write(`READY ${JSON.stringify({ shopOrigin: fake.shopOrigin })}\n`);
createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, json] = [line.split(" ", 1)[0], line.slice(line.indexOf(" ") + 1)];
  if (command === "SETUP") {
    const { appUrl, ...input } = JSON.parse(json) as Parameters<typeof setUpShop>[2] & { appUrl: string };
    setUpShop(fake, appUrl, input).then(
      () => process.stdout.write("SETUP {}\n"),
      (error: Error) => {
        process.stderr.write(`fake Shopify: set-up failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  } else if (command === "MUTATIONS") {
    const counts: Record<string, number> = {};
    for (const m of fake.mutations) counts[m.name] = (counts[m.name] ?? 0) + 1;
    process.stdout.write(`MUTATIONS ${JSON.stringify(counts)}\n`);
  }
});
process.on("SIGTERM", () => {
  fake.close().then(() => process.exit(0));
});
