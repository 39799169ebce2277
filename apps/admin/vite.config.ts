import { defineConfig } from "vite";

// Relative asset URLs: the server serves the page under /shopify/settings/ (see plugins/shopify).
// biome-ignore lint/style/noDefaultExport: Vite reads its configuration from the default export.
export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
});
