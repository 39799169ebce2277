import { InMemoryPlatform } from "./in-memory-platform.ts";
import { describePlatformConformance } from "./platform-conformance.ts";

// The reference platform must pass the battery every plugin runs against itself.
describePlatformConformance("in-memory reference", async () => {
  const platform = new InMemoryPlatform();
  return {
    adapter: platform,
    tenantId: "ten_reference",
    createOrder: async (amount) => platform.createOrder(amount),
    readOrder: async (orderRef) => platform.read(orderRef),
  };
});
