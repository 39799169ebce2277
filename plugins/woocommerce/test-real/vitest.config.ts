import { defineConfig } from "vitest/config";

// The suite against a real WordPress + WooCommerce (npm run test:woocommerce-real). Each file
// installs its own site; files run one after the other, the machine's cores go to PHP and Chromium.
// biome-ignore lint/style/noDefaultExport: Vitest reads its configuration from the default export.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    setupFiles: ["./close-sites.ts"],
    fileParallelism: false,
    // Installing a site takes about 10 s on an idle machine, minutes on a saturated one.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
