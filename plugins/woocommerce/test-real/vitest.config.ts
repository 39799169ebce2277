import { defineConfig } from "vitest/config";

// The suite against a real WordPress + WooCommerce (npm run test:woocommerce-real). Each file
// installs its own site; files run one after the other, the machine's cores go to PHP and Chromium.
// biome-ignore lint/style/noDefaultExport: Vitest reads its configuration from the default export.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
