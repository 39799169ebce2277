import { configDefaults, defineConfig } from "vitest/config";

// The flow tests run a fake store, the Alma sandbox and a worker together; give them room on a busy CI.
// test-real/ is the suite against a real WooCommerce, run on its own (npm run test:woocommerce-real).
// biome-ignore lint/style/noDefaultExport: Vitest reads its configuration from the default export.
export default defineConfig({
  test: { testTimeout: 20_000, hookTimeout: 20_000, exclude: [...configDefaults.exclude, "test-real/**"] },
});
